import Synchronization
import VigilGit

/// One on-demand run over one or more repositories (`vigil rescan`, `vigil attribution`): resolve
/// the selection in each repository, walk it, scan every commit, turn findings into alerts, and
/// report everything to the output in order, with a summary at the end.
public struct ScanSession: Sendable {
    public var selection: RevisionSelection
    public var source: AlertSource
    public var workers: Int
    /// Reviewed alert ids; matching alerts are counted but not reported.
    public var ignoreList: IgnoreList

    public init(
        selection: RevisionSelection, source: AlertSource = .rescan, workers: Int = Scanner.defaultWorkers,
        ignoreList: IgnoreList = IgnoreList()
    ) {
        self.selection = selection
        self.source = source
        self.workers = workers
        self.ignoreList = ignoreList
    }

    /// A repository that could not be opened or whose selection could not be resolved.
    public struct RepositoryFailure: Error, Sendable, CustomStringConvertible {
        public var repository: String
        public var error: GitError
        public var description: String { "\(repository): \(error.message)" }
    }

    /// Scans each repository with its analyzer, redacting with the built-in secret rules.
    public func run(
        repositories: [(path: String, analyzer: CommitAnalyzer)], output: any ScanOutput
    ) throws(RepositoryFailure) -> ScanSummary {
        try run(repositories: repositories.map { ($0.path, $0.analyzer, Redactor.builtin) }, output: output)
    }

    /// Scans each repository with its analyzer. Unreadable objects are reported and skipped; a
    /// repository that cannot be opened at all stops the run with `RepositoryFailure` before any
    /// output, because a typo in a path must not look like a clean history.
    ///
    /// Nothing reaches `output` without passing through the repository's `redactor` (alerts, commit
    /// reports, errors); alert ids are computed from the raw findings first, so they do not depend
    /// on what was redacted.
    public func run(
        repositories: [(path: String, analyzer: CommitAnalyzer, redactor: Redactor)], output: any ScanOutput
    ) throws(RepositoryFailure) -> ScanSummary {
        let started = Timestamp.monotonicSeconds()
        var plans: [Plan] = []
        for (path, analyzer, redactor) in repositories {
            do {
                let repository = try Repository(path: path)
                let resolved = try selection.resolve(in: repository)
                let walk = try repository.walk(from: resolved.tips, hiding: resolved.hiding, order: .oldestFirst)
                plans.append(
                    Plan(
                        path: path, analyzer: analyzer, redactor: redactor, walk: walk,
                        unreadable: resolved.unreadable))
            } catch {
                throw RepositoryFailure(repository: path, error: error)
            }
        }
        output.begin()
        let summary = Mutex(ScanSummary())
        for plan in plans {
            let redactor = plan.redactor
            for reference in plan.unreadable {
                let failure = ScanError(
                    repository: plan.path, commit: nil, object: nil,
                    message: "\(reference.name) was not scanned: \(reference.problem ?? "it cannot be read")")
                summary.withLock { $0.errors += 1 }
                output.error(redactor.redact(failure))
            }
            if let error = plan.walk.error {
                let failure = ScanError(repository: plan.path, commit: nil, object: nil, message: error.description)
                summary.withLock { $0.errors += 1 }
                output.error(redactor.redact(failure))
            }
            let scanner = Scanner(analyzer: plan.analyzer, workers: workers)
            let source = self.source
            let ignoreList = self.ignoreList
            let time = Timestamp.now()
            let path = plan.path
            scanner.scan(path: path, commits: plan.walk.commits) { raw in
                // On the worker, outside the ordering lock: the one redaction step, every text of the
                // commit's report at once, so a secret found in one finding is redacted in the others
                // and in the subject too; then the alerts, with ids from the raw findings.
                let report = redactor.redact(raw)
                var alerts: [Alert] = []
                if let commit = report.commit {
                    for (finding, rawFinding) in zip(report.findings, raw.findings) {
                        let alert = Alert(
                            finding: finding, commit: commit, verdict: report.verdict, repository: path,
                            ref: nil, source: source, time: time, raw: rawFinding)
                        if !ignoreList.suppresses(alert.id) { alerts.append(alert) }
                    }
                }
                return (report, alerts)
            } emit: { (report: CommitReport, alerts: [Alert]) in
                summary.withLock { totals in
                    totals.commits += 1
                    if report.verdict.isAI { totals.aiCommits += 1 }
                    totals.alerts += alerts.count
                    totals.errors += report.errors.count
                    for alert in alerts where totals.highestSeverity.map({ alert.finding.severity > $0 }) ?? true {
                        totals.highestSeverity = alert.finding.severity
                    }
                }
                for error in report.errors { output.error(error) }
                for alert in alerts { output.alert(alert) }
                output.commit(report, repository: path)
            }
        }
        var totals = summary.withLock { $0 }
        if selection == .all {
            // Only a scan of whole histories can tell that a reviewed finding no longer exists.
            for entry in ignoreList.stale { output.staleIgnore(entry, file: ignoreList.file) }
        }
        totals.seconds = Timestamp.monotonicSeconds() - started
        output.finish(totals)
        return totals
    }

    /// One repository's part of the run, resolved before any output is written.
    private struct Plan {
        var path: String
        var analyzer: CommitAnalyzer
        var redactor: Redactor
        var walk: WalkResult
        /// Branches and tags that could not be followed: reported as errors, never skipped silently.
        var unreadable: [Reference]
    }
}
