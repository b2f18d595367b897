import Logging
import VigilCore
import VigilGit

/// The daemon's view of the repositories it watches: which exist, where each stands, and what
/// each still has to scan. One poll cycle reads the refs of the repositories that may have
/// changed and hands the ones whose watched refs moved to the scheduler; one batch runs a scan
/// child and records what it found together with the repository's new place, in one transaction.
///
/// It never reads an object: refs come from the ref files, and every question about commits
/// (which are new, whether a ref was rewritten) is answered by a scan child.
actor RepositoryWatch {
    /// Where one repository stands, in memory; the queue holds the durable copy.
    private struct Entry {
        var watched: WatchedRepository
        /// What the queue holds for it; `nil` until loaded, and for a repository never seen.
        var recorded: RepositoryState?
        var loaded = false
        /// The watched refs as last read, and how they differ from `recorded`.
        var current: [ReferenceTip] = []
        var diff = RefDiff()
        var retry = ScanRetryState()
        /// First sight with `initial = "last:N"`: only the newest N commits are scanned.
        var newest: Int?
        /// Unreadable refs already logged, so each is said once until it changes.
        var reportedProblems: [String: String] = [:]
    }

    private var config: VigilConfig
    private let store: any AlertStore
    private let executable: String
    private let logger: Logger
    private var repositories = RepositorySet()
    private var detector = RefChangeDetector()
    private var entries: [String: Entry] = [:]
    /// The last fetch failure of each `fetch = true` repository, so each is logged once.
    private var fetchFailures: [String: String] = [:]
    private let inotify: InotifyWatcher?
    /// Called after every recording that queued new alerts.
    let alertsQueued: @Sendable () -> Void
    private var scheduler: ScanScheduler?
    /// Called as a poll cycle makes progress (a repository read, a fetch finished): the watchdog.
    private var progress: @Sendable () -> Void = {}
    /// Totals since start, for the log.
    private(set) var cycles = 0

    init(
        config: VigilConfig, store: any AlertStore, executable: String, inotify: InotifyWatcher?,
        alertsQueued: @escaping @Sendable () -> Void, logger: Logger
    ) {
        self.config = config
        self.store = store
        self.executable = executable
        self.inotify = inotify
        self.alertsQueued = alertsQueued
        self.logger = logger
    }

    func attach(_ scheduler: ScanScheduler) {
        self.scheduler = scheduler
    }

    func onProgress(_ progress: @escaping @Sendable () -> Void) {
        self.progress = progress
    }

    /// A reloaded config: repository settings take effect on the next cycle, scan settings on the
    /// next batch.
    func replace(_ config: VigilConfig) {
        self.config = config
    }

    var pollInterval: Duration { config.daemon.pollInterval }
    var daemonSettings: DaemonSettings { config.daemon }
    var watchedCount: Int { entries.count }

    // MARK: - Poll

    /// What inotify reported since the last look: only those repositories are read, without
    /// expanding the config's globs again or stamping the others. A push into one repository then
    /// costs that repository's read, however many others are watched; the full cycle stays on the
    /// poll interval. Returns false when a full cycle is needed instead (the kernel dropped events).
    func pollMarked() async -> Bool {
        guard let inotify else { return false }
        switch inotify.takeMarked() {
        case .all:
            return false
        case .some(let paths):
            for path in paths.sorted() {
                guard let entry = entries[path] else { continue }
                guard case .read = detector.decide(path, marked: true) else { continue }
                await read(entry.watched)
                progress()
            }
            return true
        }
    }

    /// One poll cycle: expand the config's repositories, read the refs of those that may have
    /// changed, and submit the ones whose watched refs moved.
    func poll() async {
        cycles += 1
        let change = repositories.refresh(config.repos)
        for repository in change.added {
            logger.info("watching repository", metadata: ["repo": "\(repository.path)"])
        }
        for path in change.vanished {
            logger.notice("repository no longer watched; its alerts stay queued", metadata: ["repo": "\(path)"])
            entries[path] = nil
            detector.forget(path)
            inotify?.unwatch(path)
            scheduler?.remove(path)
        }
        for unreadable in change.newlyUnreadable {
            logger.error(
                "repository cannot be read; trying again every poll",
                metadata: ["repo": "\(unreadable.path)", "reason": "\(unreadable.reason)"])
        }
        await fetchRemotes(change.watched.filter(\.settings.fetch))
        let marks = inotify?.takeMarked() ?? .some([])
        for watched in change.watched {
            var entry = entries[watched.path] ?? Entry(watched: watched)
            entry.watched = watched
            entries[watched.path] = entry
            let marked: Bool =
                switch marks {
                case .all: true
                case .some(let paths): paths.contains(watched.path)
                }
            guard case .read = detector.decide(watched.path, marked: marked) else { continue }
            await read(watched)
            progress()
        }
    }

    /// `fetch = true`: each such repository fetches its `origin` in a child before its refs are
    /// read, a few at a time, so a slow remote delays only the fetches queued behind it. A failed
    /// fetch is logged (once per distinct failure) and the refs are read as they are.
    private func fetchRemotes(_ repositories: [WatchedRepository]) async {
        guard !repositories.isEmpty else { return }
        let runner = FetchRemoteRunner(executable: executable)
        let outcomes = await withTaskGroup(of: (String, FetchRemoteRunner.Outcome).self) { group in
            var results: [(String, FetchRemoteRunner.Outcome)] = []
            var pending = repositories.map(\.path)[...]
            for _ in 0..<min(4, pending.count) {
                let path = pending.removeFirst()
                group.addTask { (path, await runner.fetch(repository: path)) }
            }
            while let result = await group.next() {
                results.append(result)
                progress()
                if let path = pending.popFirst() {
                    group.addTask { (path, await runner.fetch(repository: path)) }
                }
            }
            return results
        }
        for (path, outcome) in outcomes {
            let before = fetchFailures[path]
            switch outcome {
            case .fetched:
                if before != nil { logger.notice("fetch works again", metadata: ["repo": "\(path)"]) }
                fetchFailures[path] = nil
            case .failed(let status, let message):
                let failure = "\(status): \(message)"
                if before != failure {
                    logger.error(
                        "fetch failed; the refs are read as they are",
                        metadata: ["repo": "\(path)", "status": "\(status)", "reason": "\(message)"])
                }
                fetchFailures[path] = failure
            }
        }
    }

    /// Reads one repository's refs and submits it when its watched refs differ from the queue's.
    private func read(_ watched: WatchedRepository) async {
        let path = watched.path
        let selection = RefSelection(watched.settings)
        let snapshot: ReferenceSnapshot
        do {
            snapshot = try ReferenceReader.read(repository: path)
        } catch {
            detector.recordFailure(path)
            logger.error(
                "refs cannot be read; trying again next poll", metadata: ["repo": "\(path)", "reason": "\(error)"])
            return
        }
        detector.recordRead(path, snapshot)
        if let inotify, case .fellBackToPolling(let reason) = inotify.watch(path, snapshot: snapshot) {
            logger.warning("inotify unavailable; polling only", metadata: ["repo": "\(path)", "reason": "\(reason)"])
        }
        guard entries[path] != nil else { return }
        if entries[path]?.loaded == false {
            do {
                let recorded = try await store.repositoryState(path)
                entries[path]?.recorded = recorded
                entries[path]?.loaded = true
            } catch {
                // The refs just read are not acted on: read them again next cycle.
                detector.recordFailure(path)
                logger.error("queue cannot be read", metadata: ["repo": "\(path)", "reason": "\(error)"])
                return
            }
        }
        guard entries[path]?.loaded == true else { return }
        entries[path]?.current = snapshot.references
        if entries[path]?.recorded == nil {
            // First sight.
            switch watched.settings.initial {
            case .baseline:
                let diff = RefDiff(recorded: [:], current: snapshot.references, selection: selection)
                let state = RepositoryState(refs: diff.recordable, seen: Set(diff.recordable.values))
                do {
                    _ = try await store.record(
                        [], progress: RepositoryProgress(repository: path, state: state), followUp: false)
                    entries[path]?.recorded = state
                    logger.info(
                        "baseline recorded; new commits from here on are checked",
                        metadata: ["repo": "\(path)", "refs": "\(state.refs.count)"])
                } catch {
                    detector.recordFailure(path)
                    logger.error("queue cannot be written", metadata: ["repo": "\(path)", "reason": "\(error)"])
                    return
                }
            case .full:
                break
            case .last(let count):
                entries[path]?.newest = count
            }
        }
        guard var entry = entries[path] else { return }
        entry.diff = RefDiff(
            recorded: entry.recorded?.refs ?? [:], current: snapshot.references, selection: selection)
        for unreadable in entry.diff.unreadable where entry.reportedProblems[unreadable.name] != unreadable.problem {
            logger.error(
                "ref cannot be read; it is not scanned until it can be",
                metadata: ["repo": "\(path)", "ref": "\(unreadable.name)", "reason": "\(unreadable.problem)"])
        }
        entry.reportedProblems = Dictionary(
            entry.diff.unreadable.map { ($0.name, $0.problem) }, uniquingKeysWith: { first, _ in first })
        entries[path] = entry
        if !entry.diff.isEmpty { scheduler?.submit(path) }
    }

    // MARK: - Batch

    /// Runs one scan batch of `path` and records its outcome; says what comes next for it.
    func scanBatch(_ path: String) async -> ScanStep.Next {
        guard let entry = entries[path] else { return .idle }
        let diff = entry.diff
        guard !diff.isEmpty else { return .idle }
        let recorded = entry.recorded ?? RepositoryState()
        // Moved and new refs first: a commit is attributed to the first tip that reaches it.
        let changed = diff.moved.map { RefTip(name: $0.name, target: $0.new) } + diff.new
        let tips = changed + diff.unchanged.filter { tip in !changed.contains { $0.name == tip.name } }
        var request = ScanBatchRequest(
            repository: path, tips: tips, seen: recorded.seen.sorted(),
            moved: diff.moved.map { RefMove(name: $0.name, old: $0.old, new: $0.new, protected: $0.isProtected) },
            deleted: diff.deleted.filter(\.isProtected).map { RefTip(name: $0.name, target: $0.old) },
            limit: config.daemon.batchCommits, workers: config.scan.workers)
        request.newest = entry.newest
        request.config = config.sourceText
        request.entry = config.repos.firstIndex(of: entry.watched.settings)
        let driver = ScanBatchDriver(
            runner: ScanChildRunner(settings: ScanChildSettings(executable: executable, config: config)),
            batchCommits: config.daemon.batchCommits, workers: config.scan.workers)
        var retry = entry.retry
        let (result, step) = await driver.scan(request, state: &retry)
        // The actor ran other work while the child scanned: only the fields a batch owns change.
        entries[path]?.retry = retry
        if let failure = result.failure {
            logger.error(
                "scan child failed",
                metadata: [
                    "repo": "\(path)", "reason": "\(failure)", "stderr": "\(result.standardError)",
                    "completed": "\(result.completed.count)",
                ])
        }
        let finished = step.next == .idle
        let alerts =
            step.alerts
            + ScanFailedAlert.unreadable(result.errors, repository: path, tip: tips.first, time: Timestamp.now())
        let state = RepositoryState(refs: finished ? diff.recordable : recorded.refs, seen: step.seen)
        do {
            let queued = try await store.record(
                alerts, progress: RepositoryProgress(repository: path, state: state),
                followUp: config.followUp.command != nil)
            if var entry = entries[path] {
                entry.recorded = state
                if finished { entry.newest = nil }
                entry.diff = RefDiff(
                    recorded: state.refs, current: entry.current, selection: RefSelection(entry.watched.settings))
                entries[path] = entry
            }
            if !queued.isEmpty { alertsQueued() }
            logger.info(
                "scanned",
                metadata: [
                    "repo": "\(path)", "commits": "\(result.completed.count)", "alerts": "\(queued.count)",
                    "errors": "\(result.errors.count)",
                ])
            if let culprit = step.gaveUp {
                logger.error(
                    "gave up on a commit that keeps breaking the scan; raised scan-failed",
                    metadata: ["repo": "\(path)", "commit": "\(culprit)"])
            }
            return finished && !(entries[path]?.diff.isEmpty ?? true) ? .more : step.next
        } catch {
            logger.error("queue cannot be written; the batch is retried", metadata: ["repo": "\(path)", "reason": "\(error)"])
            return .retry(after: .seconds(5))
        }
    }
}
