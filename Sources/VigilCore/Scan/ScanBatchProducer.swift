import Synchronization
import VigilGit

/// The scan child's side of the scan-batch protocol (`vigil scan-batch`, see `ScanBatchRequest`):
/// plan the new commits of one repository, scan them with the same setup, alert building and
/// redaction as `rescan`, judge the moved and deleted refs, and say where the next walk starts.
public struct ScanBatchProducer: Sendable {
    public var config: VigilConfig
    public var request: ScanBatchRequest

    public init(config: VigilConfig, request: ScanBatchRequest) {
        self.config = config
        self.request = request
    }

    /// Runs the batch, handing every record to `emit` in protocol order, one at a time, from one
    /// writer thread (a slow reader of the records never holds up the scan workers; see
    /// `OrderedOutputWriter`). Returns `false` when the repository could not be opened: then an
    /// `error` record was the only record, and no `done` was written.
    public func run(emit: @escaping @Sendable (ScanBatchRecord) -> Void) -> Bool {
        let writer = OrderedOutputWriter()
        defer { writer.close() }
        let counts = Mutex((commits: 0, alerts: 0, errors: 0))
        let send: @Sendable (ScanBatchRecord) -> Void = { record in
            counts.withLock { counts in
                switch record {
                case .commit: counts.commits += 1
                case .alert: counts.alerts += 1
                case .error: counts.errors += 1
                case .plan, .done: break
                }
            }
            emit(record)
        }
        guard let (setup, repository) = open(writer: writer, send: send) else { return false }
        let target = setup.targets[0]
        let hidden = request.seen.compactMap(ObjectID.init(hex:))
        let plan = plan(repository, hiding: hidden, redactor: target.redactor)
        writer.write { send(.plan(commits: plan.commits, complete: plan.complete)) }
        for message in plan.errors { writer.write { send(.error(commit: nil, message: message)) } }

        let builder = AlertBuilder(
            repository: target.path, redactor: target.redactor, source: .daemon, time: Timestamp.now(),
            ignoreList: setup.ignoreList, ref: { [refs = plan.refs] in refs[$0] })
        let scanner = Scanner(analyzer: target.analyzer, workers: request.workers)
        let planned = plan.commits.compactMap { ObjectID(hex: $0.id) }
        scanner.scan(path: target.path, commits: planned, prepare: builder.build) { built in
            writer.write {
                for error in built.report.errors {
                    send(.error(commit: built.report.id.hex, message: Self.message(error)))
                }
                for alert in built.alerts { send(.alert(AlertRecord(alert))) }
                send(.commit(id: built.report.id.hex))
            }
        }

        let refRecords = refFindings(repository, setup: setup, builder: builder)
        for record in refRecords { writer.write { send(record) } }
        let nextSeen = plan.complete ? self.nextSeen(repository, tips: plan.tips, hidden: hidden) : []
        writer.write {
            let totals = counts.withLock { $0 }
            emit(.done(seen: nextSeen, commits: totals.commits, alerts: totals.alerts, errors: totals.errors))
        }
        return true
    }

    // MARK: - Opening

    /// The run setup for the one repository and its handle; `nil` after an `error` record when the
    /// config's checks cannot be built, the path is not its canonical path, or it cannot be opened.
    private func open(
        writer: OrderedOutputWriter, send: @escaping @Sendable (ScanBatchRecord) -> Void
    ) -> (RunSetup, Repository)? {
        let failure: String
        do throws(RunSetup.Failure) {
            let setup = try RunSetup(config: config, repositories: [request.repository], workers: request.workers)
            let path = setup.targets[0].path
            guard path == request.repository else {
                let message = "\(request.repository) is not a canonical repository path (it resolves to \(path))"
                writer.write { send(.error(commit: nil, message: message)) }
                return nil
            }
            do {
                return (setup, try Repository(path: path))
            } catch {
                failure = "\(path): \(error.message)"
            }
        } catch {
            switch error {
            case .config(let problems): failure = problems.problems.map(\.description).joined(separator: "; ")
            case .usage(let message), .repository(_, let message): failure = message
            }
        }
        writer.write { send(.error(commit: nil, message: failure)) }
        return nil
    }

    // MARK: - Planning

    private struct Plan {
        var commits: [PlannedCommit] = []
        var complete = true
        /// The ref each new commit is reported under: the first in `tips` order that reaches it.
        var refs: [ObjectID: String] = [:]
        /// Tips that could be read and walked.
        var tips: [ObjectID] = []
        var errors: [String] = []
    }

    /// The new commits, oldest first (only the `newest` ones when given), cut at `limit`. Each tip
    /// is walked hiding the seen roots and every tip before it, so each commit is found once, under
    /// the first ref that reaches it.
    private func plan(_ repository: Repository, hiding seen: [ObjectID], redactor: Redactor) -> Plan {
        var plan = Plan()
        var hidden = seen
        for tip in request.tips {
            guard let id = ObjectID(hex: tip.target) else { continue }
            do {
                let walk = try repository.walk(from: [id], hiding: hidden, order: .oldestFirst)
                for commit in walk.commits where plan.refs[commit] == nil { plan.refs[commit] = tip.name }
                if !plan.tips.contains(id) { plan.tips.append(id) }
                hidden.append(id)
            } catch {
                plan.errors.append(redactor.redact("\(tip.name) (\(tip.target)) cannot be read: \(error.message)"))
            }
        }
        guard !plan.tips.isEmpty else { return plan }
        let walk: WalkResult
        do {
            walk = try repository.walk(from: plan.tips, hiding: seen, order: .oldestFirst)
        } catch {
            plan.errors.append(redactor.redact("the new commits cannot be walked: \(error.message)"))
            plan.complete = false
            return plan
        }
        plan.errors += walk.errors.map { redactor.redact($0.description) }
        // First sight with `initial = "last:N"`: the older commits count as seen.
        let new = request.newest.map { Array(walk.commits.suffix($0)) } ?? walk.commits
        plan.complete = new.count <= request.limit
        plan.commits = new.prefix(request.limit).map { id in
            PlannedCommit(id: id.hex, parents: ((try? repository.commit(id))?.parents ?? []).map(\.hex))
        }
        return plan
    }

    /// Old roots no tip reaches kept as hide roots, at most. Every rebased or deleted branch leaves
    /// one, and each is checked against every tip in every batch: kept without bound, a busy
    /// repository's batches grow slower for months. Dropping one never leaves a commit unscanned;
    /// at worst commits already scanned are scanned again, and their alerts keep their ids.
    public static let mostUnreachedRoots = 256

    /// The hide roots for the next walk: the tips now, and up to `mostUnreachedRoots` old roots
    /// none of them reaches (a branch deleted after its commits were scanned keeps them hidden). A
    /// root no longer in the repository hides nothing and is dropped.
    private func nextSeen(_ repository: Repository, tips: [ObjectID], hidden: [ObjectID]) -> [String] {
        var next = tips
        var kept = Set(tips)
        var unreached = 0
        for root in hidden where unreached < Self.mostUnreachedRoots && !kept.contains(root) {
            guard repository.contains(root) else { continue }
            let reached = tips.contains { tip in (try? repository.isAncestor(root, of: tip)) ?? false }
            if !reached {
                next.append(root)
                kept.insert(root)
                unreached += 1
            }
        }
        return next.map(\.hex)
    }

    // MARK: - Ref findings

    /// `history-rewrite` for each moved ref whose new tip does not contain the old one, and
    /// `ref-deleted` for each deleted ref, as alerts built like every other; errors for tips that
    /// cannot be read.
    private func refFindings(_ repository: Repository, setup: RunSetup, builder: AlertBuilder) -> [ScanBatchRecord] {
        let target = setup.targets[0]
        let settings = setup.factory.settings(forRepository: target.path)
        func options(_ id: String) -> CheckOptions? {
            (try? CheckCatalog.standard.options(forRefCheck: id, config: config, repository: settings))
        }
        var records: [ScanBatchRecord] = []
        func raise(_ raw: Finding, on id: ObjectID, ref: String, options: CheckOptions?) {
            var finding = raw
            if let severity = options?.severity { finding.severity = severity }
            do {
                let commit = try repository.commit(id)
                let verdict = target.analyzer.attribute(commit, nil)
                if let alert = builder.refAlert(finding, commit: commit, verdict: verdict, ref: ref) {
                    records.append(.alert(AlertRecord(alert)))
                }
            } catch {
                let message = "\(raw.check) on \(ref) not raised: \(id.hex) cannot be read: \(error.message)"
                records.append(.error(commit: id.hex, message: target.redactor.redact(message)))
            }
        }
        let rewrite = options(RefFindings.historyRewrite)
        if rewrite?.enabled ?? true {
            for move in request.moved {
                guard let old = ObjectID(hex: move.old), let new = ObjectID(hex: move.new), old != new else { continue }
                let left: Int?
                if repository.contains(old) {
                    guard !((try? repository.isAncestor(old, of: new)) ?? false) else { continue }
                    left = (try? repository.walk(from: [old], hiding: [new]))?.commits.count
                } else {
                    left = nil
                }
                let finding = RefFindings.historyRewrite(
                    ref: move.name, old: old, new: new, left: left, protected: move.protected)
                raise(finding, on: new, ref: move.name, options: rewrite)
            }
        }
        let deletion = options(RefFindings.refDeleted)
        if deletion?.enabled ?? true {
            for deleted in request.deleted {
                guard let old = ObjectID(hex: deleted.target) else { continue }
                raise(
                    RefFindings.refDeleted(ref: deleted.name, old: old), on: old, ref: deleted.name, options: deletion)
            }
        }
        return records
    }

    /// An error record's text: the file, when known, then what went wrong (already redacted).
    private static func message(_ error: ScanError) -> String {
        [error.path, error.object.map { "object \($0.hex)" }].compactMap { $0 }.joined(separator: ", ")
            .appending(error.path == nil && error.object == nil ? "" : ": ") + error.message
    }
}
