import VigilCore

/// Reads a scan child's protocol lines one at a time and keeps what passes the checks of
/// `ScanBatchValidation` and the order the protocol promises (plan; per commit its alerts, then
/// its `commit` line, in plan order; ref alerts; `done` last). The first violation ends the
/// reading: everything after it is ignored, and the child is a failed scan.
public struct ScanBatchReader: Sendable {
    /// Error records kept; a child that reports more is summed up in `droppedErrors`.
    public static let maximumErrors = 100
    /// Error records a batch may send at all: a child that sends more is looping, not reporting.
    public static let mostErrors = 100_000
    /// Characters of one error message kept for the log.
    public static let maximumErrorMessage = 1000
    /// The checks a child raises about refs rather than commits.
    public static let refChecks: Set<String> = ["history-rewrite", "ref-deleted"]

    public private(set) var result = ScanBatchResult()
    /// Lines read so far.
    public private(set) var lineNumber = 0
    /// The output budget was reached at a commit boundary: the runner stops the child.
    public private(set) var wantsStop = false

    private let repository: String
    private let limit: Int
    /// The ref alerts the request can give rise to: `history-rewrite` on a moved ref's new tip,
    /// `ref-deleted` on a deleted ref's last tip. The ref name is not compared: the child redacts
    /// it like all repository text, so a ref named like a secret would never match.
    private let possibleRefAlerts: Set<RefAlertSubject>
    /// What `done` may name as hide roots: the request's tips and its old roots. Any other commit
    /// named there would be hidden, with all its history, from every later walk.
    private let possibleRoots: Set<String>
    private let outputBudget: Int
    private var pendingAlerts: [AlertRecord] = []
    /// The planned commits' ids, for the errors about them.
    private var plannedIDs: Set<String> = []
    private var pendingBytes = 0
    private var completedBytes = 0

    /// `request` is what the child was asked; `outputBudget` bounds the bytes of alerts held for
    /// one batch.
    public init(request: ScanBatchRequest, outputBudget: Int) {
        self.repository = request.repository
        self.limit = request.limit
        self.outputBudget = outputBudget
        self.possibleRefAlerts = Set(
            request.moved.map { RefAlertSubject(check: RefAlertSubject.rewrite, commit: $0.new) }
                + request.deleted.map {
                    RefAlertSubject(check: RefAlertSubject.deletion, commit: $0.target)
                })
        self.possibleRoots = Set(request.tips.map(\.target)).union(request.seen)
    }

    /// Whether more lines are welcome: false after a violation or the budget stop.
    public var isOpen: Bool { result.failure == nil && !wantsStop }

    /// Reads one line (without its line break).
    public mutating func read(line bytes: [UInt8]) {
        guard isOpen else { return }
        lineNumber += 1
        guard let text = String(validating: bytes, as: UTF8.self) else { return violate("not UTF-8") }
        guard let record = ScanBatchRecord(line: text) else { return violate("not a protocol record") }
        guard result.done == nil else { return violate("a record after done") }
        switch record {
        case .plan(let commits, let complete): readPlan(commits, complete: complete)
        case .alert(let alert): readAlert(alert, bytes: bytes.count)
        case .commit(let id): readCommit(id)
        case .error(let commit, let message): readError(commit: commit, message: message)
        case .done(let seen, let commits, let alerts, let errors):
            readDone(ScanDone(seen: seen, commits: commits, alerts: alerts, errors: errors))
        }
    }

    /// The line being read ran past `ScanBatchValidation.maximumLineBytes`.
    public mutating func lineTooLong() {
        guard isOpen else { return }
        lineNumber += 1
        violate("longer than \(ScanBatchValidation.maximumLineBytes) bytes")
    }

    /// Marks the batch failed for a reason outside the protocol (exit, signal, timeout).
    public mutating func fail(_ failure: ScanChildFailure) {
        if result.failure == nil { result.failure = failure }
    }

    // MARK: - Records

    private mutating func readPlan(_ commits: [PlannedCommit], complete: Bool) {
        guard result.plan == nil else { return violate("a second plan") }
        guard commits.count <= limit else { return violate("a plan of \(commits.count) commits over the limit") }
        guard complete || !commits.isEmpty else { return violate("an empty plan that is not complete") }
        let all = Set(commits.map(\.id))
        guard all.count == commits.count else { return violate("a plan that lists a commit twice") }
        var planned: Set<String> = []
        for commit in commits {
            guard ScanBatchValidation.isObjectID(commit.id), commit.parents.allSatisfy(ScanBatchValidation.isObjectID)
            else { return violate("a plan with a malformed commit id") }
            // Oldest first: a parent inside the plan must come before its child.
            guard commit.parents.allSatisfy({ !all.contains($0) || planned.contains($0) }) else {
                return violate("a plan out of topological order")
            }
            planned.insert(commit.id)
        }
        result.plan = ScanPlan(commits: commits, complete: complete)
        plannedIDs = all
    }

    private mutating func readAlert(_ alert: AlertRecord, bytes: Int) {
        guard let plan = result.plan else { return violate("an alert before the plan") }
        guard ScanBatchValidation.isValid(alert, repository: repository), ChildAlertJSON.agrees(alert) else {
            return violate("a malformed alert")
        }
        if result.completed.count < plan.commits.count {
            guard alert.commit == plan.commits[result.completed.count].id else {
                return violate("an alert for a commit other than the next planned one")
            }
            pendingAlerts.append(alert)
            pendingBytes += bytes
            if pendingBytes > outputBudget { fail(.outputLimit(bytes: outputBudget)) }
        } else {
            guard Self.refChecks.contains(alert.check) else { return violate("a commit alert after the last commit") }
            guard possibleRefAlerts.contains(RefAlertSubject(check: alert.check, commit: alert.commit)) else {
                return violate("a ref alert about a ref that did not move or vanish")
            }
            result.refAlerts.append(alert)
            completedBytes += bytes
            if completedBytes > outputBudget { fail(.outputLimit(bytes: outputBudget)) }
        }
    }

    private mutating func readCommit(_ id: String) {
        guard let plan = result.plan else { return violate("a commit before the plan") }
        guard result.completed.count < plan.commits.count, plan.commits[result.completed.count].id == id else {
            return violate("a commit that is not the next planned one")
        }
        result.completed.append(CompletedCommit(id: id, alerts: pendingAlerts))
        completedBytes += pendingBytes
        pendingAlerts = []
        pendingBytes = 0
        if completedBytes >= outputBudget, result.completed.count < plan.commits.count {
            wantsStop = true
            result.stoppedEarly = true
        }
    }

    private mutating func readError(commit: String?, message: String) {
        if let commit {
            guard ScanBatchValidation.isObjectID(commit) else { return violate("an error with a malformed commit id") }
            // Each error on a commit becomes a `scan-failed` alert on it: only commits of this batch.
            guard plannedIDs.contains(commit) || possibleRefAlerts.contains(where: { $0.commit == commit }) else {
                return violate("an error about a commit outside the batch")
            }
        }
        guard result.errors.count < Self.maximumErrors else {
            result.droppedErrors += 1
            if result.droppedErrors + result.errors.count > Self.mostErrors {
                violate("more than \(Self.mostErrors) errors")
            }
            return
        }
        result.errors.append(ScanChildError(commit: commit, message: String(message.prefix(Self.maximumErrorMessage))))
    }

    private mutating func readDone(_ done: ScanDone) {
        guard let plan = result.plan else { return violate("done before the plan") }
        guard result.completed.count == plan.commits.count else { return violate("done before every planned commit") }
        guard done.commits == plan.commits.count, done.alerts >= 0, done.errors >= 0 else {
            return violate("done with counts that do not match")
        }
        guard done.seen.allSatisfy(possibleRoots.contains) else {
            return violate("done with a hide root that is neither a tip nor an old root")
        }
        result.done = done
    }

    private mutating func violate(_ reason: String) {
        fail(.protocolViolation(line: lineNumber, reason: reason))
    }
}

/// A ref alert a request can give rise to.
private struct RefAlertSubject: Hashable {
    static let rewrite = "history-rewrite"
    static let deletion = "ref-deleted"

    var check: String
    var commit: String
}
