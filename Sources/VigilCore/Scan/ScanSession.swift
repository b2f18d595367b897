import Synchronization
import VigilGit

/// One run over one or more repositories (`vigil rescan`, `vigil attribution`): resolve the
/// selection in each repository, walk it, scan every commit, turn findings into alerts, and report
/// everything to the output in order, with a summary at the end. `RunSetup` builds its targets.
public struct ScanSession: Sendable {
    public var selection: RevisionSelection
    public var source: AlertSource
    public var workers: Int
    /// Reviewed alert ids; matching alerts are counted but not reported.
    public var ignoreList: IgnoreList
    /// Whether this run scans every repository the ignore list could cover, so that an entry that
    /// matched nothing in whole histories is stale rather than about a repository left out.
    public var scansEveryIgnoredRepository: Bool
    /// Receives every alert built, in output order, besides the output (the daemon records them).
    public var alertSink: (@Sendable (Alert) -> Void)?
    /// Called once the workers have scanned every commit of a repository (canonical path, commit
    /// count), whether or not the output has been written yet.
    public var repositoryScanned: (@Sendable (String, Int) -> Void)?
    /// How many commits' results may wait for a slow output (see `OrderedOutputWriter`).
    public var outputCapacity: Int
    /// Where the queue's first commit with a patch id is looked up, when the run records into a
    /// queue; without it, findings are linked only to earlier commits of this run.
    public var linkLookup: FindingLinker.Lookup?

    public init(
        selection: RevisionSelection, source: AlertSource = .rescan, workers: Int = Scanner.defaultWorkers,
        ignoreList: IgnoreList = IgnoreList(), scansEveryIgnoredRepository: Bool = true,
        alertSink: (@Sendable (Alert) -> Void)? = nil
    ) {
        self.selection = selection
        self.source = source
        self.workers = workers
        self.ignoreList = ignoreList
        self.scansEveryIgnoredRepository = scansEveryIgnoredRepository
        self.alertSink = alertSink
        self.outputCapacity = OrderedOutputWriter.defaultCapacity
    }

    /// A repository that could not be opened or whose selection could not be resolved.
    public struct RepositoryFailure: Error, Sendable, CustomStringConvertible {
        public var repository: String
        public var error: GitError
        public var description: String { "\(repository): \(error.message)" }
    }

    /// Scans each target. Unreadable objects are reported and skipped; a repository that cannot be
    /// opened at all stops the run with `RepositoryFailure` before any output, because a typo in a
    /// path must not look like a clean history.
    ///
    /// Nothing reaches `output` without passing through the target's redactor (alerts, commit
    /// reports, errors); alert ids are computed from the raw findings first, so they do not depend
    /// on what was redacted. `output` is called from one writer thread, never under the workers'
    /// lock: a slow output holds up the workers only once `outputCapacity` results wait for it.
    public func run(targets: [ScanTarget], output: any ScanOutput) throws(RepositoryFailure) -> ScanSummary {
        let started = Timestamp.monotonicSeconds()
        var plans: [Plan] = []
        for target in targets {
            do {
                let repository = try Repository(path: target.path)
                let resolved = try selection.resolve(in: repository)
                let walk = try repository.walk(from: resolved.tips, hiding: resolved.hiding, order: .oldestFirst)
                plans.append(Plan(target: target, walk: walk, unreadable: resolved.unreadable))
            } catch {
                throw RepositoryFailure(repository: target.path, error: error)
            }
        }
        let writer = OrderedOutputWriter(capacity: outputCapacity)
        writer.write { output.begin() }
        let summary = Mutex(ScanSummary())
        let alertSink = self.alertSink
        let linker = FindingLinker(lookup: linkLookup)
        for plan in plans {
            let path = plan.target.path
            let redactor = plan.target.redactor
            var failures = plan.unreadable.map { reference in
                ScanError(
                    repository: path, commit: nil, object: nil,
                    message: "\(reference.name) was not scanned: \(reference.problem ?? "it cannot be read")")
            }
            if let error = plan.walk.error {
                failures.append(ScanError(repository: path, commit: nil, object: nil, message: error.description))
            }
            summary.withLock { $0.errors += failures.count }
            for failure in failures {
                let redacted = redactor.redact(failure)
                writer.write { output.error(redacted) }
            }
            let builder = AlertBuilder(
                repository: path, redactor: redactor, source: source, time: Timestamp.now(), ignoreList: ignoreList,
                ref: { _ in nil })
            let scanner = Scanner(analyzer: plan.target.analyzer, workers: workers)
            scanner.scan(path: path, commits: plan.walk.commits, prepare: builder.build) { built in
                // Under the workers' ordering lock: only hand over. The writer links (which may
                // read the queue), counts and writes, in commit order.
                writer.write {
                    let alerts = linker.link(built.alerts)
                    summary.withLock { $0.add(built.report, alerts: alerts) }
                    for error in built.report.errors { output.error(error) }
                    for alert in alerts {
                        alertSink?(alert)
                        output.alert(alert)
                    }
                    output.commit(built.report, repository: path)
                }
            }
            repositoryScanned?(path, plan.walk.commits.count)
        }
        if selection == .all, scansEveryIgnoredRepository {
            // Only a scan of whole histories, of every repository the list covers, can tell that a
            // reviewed finding no longer exists.
            let ignoreList = self.ignoreList
            for entry in ignoreList.stale { writer.write { output.staleIgnore(entry, file: ignoreList.file) } }
        }
        writer.write {
            // Written last, once every commit has been counted.
            let totals = summary.withLock { totals in
                totals.seconds = Timestamp.monotonicSeconds() - started
                return totals
            }
            output.finish(totals)
        }
        writer.close()
        return summary.withLock { $0 }
    }

    /// One repository's part of the run, resolved before any output is written.
    private struct Plan {
        var target: ScanTarget
        var walk: WalkResult
        /// Branches and tags that could not be followed: reported as errors, never skipped silently.
        var unreadable: [Reference]
    }
}

extension ScanSummary {
    /// Counts one scanned commit and the alerts reported for it.
    mutating func add(_ report: CommitReport, alerts: [Alert]) {
        commits += 1
        if report.verdict.isAI { aiCommits += 1 }
        let linked = alerts.filter { $0.linkedTo != nil }.count
        self.alerts += alerts.count - linked
        self.linked += linked
        errors += report.errors.count
        for alert in alerts where alert.linkedTo == nil && highestSeverity.map({ alert.finding.severity > $0 }) ?? true {
            highestSeverity = alert.finding.severity
        }
    }
}
