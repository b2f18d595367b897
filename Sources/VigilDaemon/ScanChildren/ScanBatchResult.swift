import VigilCore

/// What the daemon learnt from one scan child: everything the child wrote that passed the checks,
/// and why it stopped when it did not finish.
public struct ScanBatchResult: Sendable, Hashable {
    /// The commits the child planned, oldest first, or `nil` when it never sent a plan.
    public var plan: ScanPlan?
    /// The planned commits the child finished, in plan order (always a prefix of the plan), each
    /// with its alerts.
    public var completed: [CompletedCommit] = []
    /// `history-rewrite` and `ref-deleted` alerts, sent after the last planned commit.
    public var refAlerts: [AlertRecord] = []
    /// The child's `error` records (what it could not read), the first `ScanBatchReader.maximumErrors`.
    public var errors: [ScanChildError] = []
    /// Error records beyond those kept.
    public var droppedErrors = 0
    /// The `done` record, when it came.
    public var done: ScanDone?
    /// Why the batch did not finish; `nil` when the child sent `done` and exited 0, or was stopped
    /// early on purpose (`stoppedEarly`).
    public var failure: ScanChildFailure?
    /// The child was stopped after a complete commit because its output reached the batch's
    /// budget: not a failure, the rest waits for the next batch.
    public var stoppedEarly = false
    /// The start of the child's standard error, escaped for a log line.
    public var standardError = ""

    public init() {}

    /// The first planned commit the child did not finish.
    public var firstUnfinished: String? {
        guard let plan, completed.count < plan.commits.count else { return nil }
        return plan.commits[completed.count].id
    }

    /// Every alert the child sent that can be recorded: those of the completed commits, then the
    /// ref alerts.
    public var alerts: [AlertRecord] {
        completed.flatMap(\.alerts) + refAlerts
    }
}

/// The child's plan: the commits it will scan, oldest first, and whether they are every new commit.
public struct ScanPlan: Sendable, Hashable {
    public var commits: [PlannedCommit]
    public var complete: Bool

    public init(commits: [PlannedCommit], complete: Bool) {
        self.commits = commits
        self.complete = complete
    }
}

/// A planned commit the child finished, with the alerts it raised.
public struct CompletedCommit: Sendable, Hashable {
    public var id: String
    public var alerts: [AlertRecord]

    public init(id: String, alerts: [AlertRecord]) {
        self.id = id
        self.alerts = alerts
    }
}

/// An `error` record: what the child could not read. The message is the child's, so it is escaped
/// before it reaches a log line.
public struct ScanChildError: Sendable, Hashable {
    public var commit: String?
    public var message: String

    public init(commit: String?, message: String) {
        self.commit = commit
        self.message = message
    }
}

/// The child's last record.
public struct ScanDone: Sendable, Hashable {
    /// The hide roots for the next walk when the plan was complete.
    public var seen: [String]
    public var commits: Int
    public var alerts: Int
    public var errors: Int

    public init(seen: [String], commits: Int, alerts: Int, errors: Int) {
        self.seen = seen
        self.commits = commits
        self.alerts = alerts
        self.errors = errors
    }
}
