import VigilCore

/// What the daemon does after a batch: record what the child finished, move the hide roots, and
/// either go on, wait, or give up on the commit that keeps failing.
///
/// A failed batch keeps its completed commits (their alerts recorded, their ancestors hidden) and
/// is retried with exponential backoff from where it stopped. The retry runs with one worker, so
/// its first unfinished commit is the one that broke it; when a single-worker attempt fails on the
/// same first unfinished commit as the attempt before it, that commit is given up with a
/// `scan-failed` alert and hidden, and the daemon goes on past it. A child that fails before it
/// plans anything (the repository does not open, the child dies at start) is retried the same way,
/// and after `repositoryAttempts` raises one `scan-failed` alert for the repository and keeps
/// retrying at the longest interval: the repository may be repaired.
public struct ScanRetryPolicy: Sendable, Hashable {
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// Failures before any plan, before the repository's `scan-failed` alert.
    public var repositoryAttempts: Int

    public init(
        initialDelay: Duration = .seconds(5), maximumDelay: Duration = .seconds(600), repositoryAttempts: Int = 5
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.repositoryAttempts = repositoryAttempts
    }

    /// The wait after the `failures`th failure in a row: the initial delay, doubling, capped.
    public func delay(afterFailures failures: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, failures) {
            guard delay < maximumDelay else { break }
            delay *= 2
        }
        return min(delay, maximumDelay)
    }

    /// The step after `result`, the answer to `request`; updates the repository's retry state.
    public func step(
        after result: ScanBatchResult, request: ScanBatchRequest, state: inout ScanRetryState, time: String
    ) -> ScanStep {
        var step = ScanStep(
            alerts: result.alerts, seen: ScanProgress.seen(before: Set(request.seen), result: result), next: .more)
        guard let failure = result.failure else {
            state = ScanRetryState()
            let finished = result.plan?.complete == true && result.done != nil
            step.next = finished ? .idle : .more
            return step
        }
        if failure == .stopped { return step }
        state.failures += 1
        if let plan = result.plan, let culprit = result.firstUnfinished {
            state.repositoryFailures = 0
            if request.workers == 1, state.lastFailedCommit == culprit {
                let tip = request.tips.first
                if let alert = ScanFailedAlert.commit(
                    repository: request.repository, ref: tip?.name, commit: culprit, reason: failure.description,
                    attempts: state.failures, time: time)
                {
                    step.alerts.append(alert)
                }
                step.seen = ScanProgress.skipping(culprit, plan: plan, seen: step.seen)
                step.gaveUp = culprit
                state = ScanRetryState()
                return step
            }
            state.lastFailedCommit = culprit
            state.singleWorker = true
            step.next = .retry(after: delay(afterFailures: state.failures))
            return step
        }
        state.repositoryFailures += 1
        if state.repositoryFailures >= repositoryAttempts {
            if !state.repositoryReported {
                let tip = request.tips.first
                if let alert = ScanFailedAlert.repository(
                    repository: request.repository, ref: tip?.name,
                    tip: tip?.target ?? String(repeating: "0", count: 40),
                    reason: failure.description, attempts: state.repositoryFailures, time: time)
                {
                    step.alerts.append(alert)
                }
                state.repositoryReported = true
            }
            step.next = .retry(after: maximumDelay)
        } else {
            step.next = .retry(after: delay(afterFailures: state.failures))
        }
        return step
    }
}

/// Where a repository stands between failed attempts. Kept in memory: after a restart the
/// daemon starts afresh, and the commit fingerprints keep the alerts from doubling.
public struct ScanRetryState: Sendable, Hashable {
    /// Failed attempts in a row.
    public var failures = 0
    /// The next attempt runs with one worker, to find the commit that breaks the child.
    public var singleWorker = false
    /// The first unfinished commit of the last failed attempt.
    public var lastFailedCommit: String?
    /// Failed attempts in a row that came to no plan, or stopped after the last planned commit.
    public var repositoryFailures = 0
    /// The repository's `scan-failed` alert was raised for this run of failures.
    public var repositoryReported = false

    public init() {}

    /// Workers for the next attempt.
    public func workers(configured: Int) -> Int { singleWorker ? 1 : configured }
}

/// What to record and do after one batch.
public struct ScanStep: Sendable, Hashable {
    public enum Next: Sendable, Hashable {
        /// Every new commit is scanned: nothing to do until the refs move again.
        case idle
        /// More commits wait: run another batch after the other repositories had theirs.
        case more
        /// Failed: try again after this long.
        case retry(after: Duration)
    }

    /// Alerts to record: the completed commits', the ref alerts, and any `scan-failed`.
    public var alerts: [AlertRecord]
    /// The hide roots to record with them.
    public var seen: Set<String>
    public var next: Next
    /// The commit given up on, for the log.
    public var gaveUp: String?

    public init(alerts: [AlertRecord], seen: Set<String>, next: Next, gaveUp: String? = nil) {
        self.alerts = alerts
        self.seen = seen
        self.next = next
        self.gaveUp = gaveUp
    }
}
