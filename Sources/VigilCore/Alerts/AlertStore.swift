/// The alert queue: the source of truth for every alert Vigil raised, where people follow them up,
/// and where the daemon keeps its place in each repository (DESIGN.md, "The flow of one commit").
///
/// Recording is idempotent by alert id, and a repository's progress advances in the same
/// transaction as the alerts its commits produced: a crash loses no commit and repeats no alert.
/// The protocol is async and small on purpose, so that a store shared by many build hosts
/// (PostgreSQL) is another implementation of it, not a rewrite of its callers.
public protocol AlertStore: Sendable {
    /// Records `alerts` and, when given, the scan progress of one repository, in one transaction.
    /// An alert whose id is already queued is left as it is (whatever its state: a dismissed id
    /// never reopens by itself). Returns the alerts that were new, with their `seq`, in seq order.
    func record(_ alerts: [AlertRecord], progress: RepositoryProgress?, followUp: Bool) async throws
        -> [QueuedAlert]

    /// Where the daemon stands in a repository, or `nil` for one it has never seen.
    func repositoryState(_ repository: String) async throws -> RepositoryState?

    /// Queued alerts matching `filter`, oldest first.
    func alerts(matching filter: AlertFilter) async throws -> [QueuedAlert]

    /// One alert with its history of state changes, or `nil` for an unknown id.
    func alert(id: String) async throws -> (alert: QueuedAlert, history: [AlertStateChange])?

    /// Moves an alert to `state`, recording who did it, when, and their note (a dismissal's
    /// reason). Throws `AlertStoreError.unknownAlert` or `.invalidTransition`.
    func transition(id: String, to state: AlertState, by: String, note: String?) async throws -> QueuedAlert

    /// The alert log's outbox: alerts with a seq greater than `seq`, in seq order, at most `limit`.
    func alerts(after seq: Int, limit: Int) async throws -> [QueuedAlert]

    /// The seq of the last alert the alert log holds (0 before the first).
    func logCursor() async throws -> Int

    /// Records that the alert log holds every alert up to `seq`.
    func setLogCursor(_ seq: Int) async throws

    /// Alerts whose follow-up is pending and due at `now` (RFC 3339 UTC), oldest first.
    func followUpsDue(now: String, limit: Int) async throws -> [QueuedAlert]

    /// Records the outcome of one follow-up attempt.
    func recordFollowUp(id: String, _ outcome: FollowUpOutcome) async throws
}

public enum AlertStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownAlert(String)
    case invalidTransition(id: String, from: AlertState, to: AlertState)
    /// The store could not be opened or used; the message says why (path, busy, corrupt, …).
    case unavailable(String)

    public var description: String {
        switch self {
        case .unknownAlert(let id): "no alert with id \(id)"
        case .invalidTransition(let id, let from, let to): "alert \(id) is \(from.rawValue); it cannot be \(to.verb)"
        case .unavailable(let message): message
        }
    }
}

/// Where an alert stands in its follow-up: open → acked → resolved, or dismissed with a reason,
/// and back to open by `reopen`.
public enum AlertState: String, Sendable, Hashable, Codable, CaseIterable {
    case open, acked, resolved, dismissed

    /// The past participle used in messages ("cannot be resolved").
    public var verb: String {
        switch self {
        case .open: "reopened"
        case .acked: "acknowledged"
        case .resolved: "resolved"
        case .dismissed: "dismissed"
        }
    }
}

/// An alert as the queue stores it: the fields the queue filters on, and the whole
/// `vigil.alert/1` record (already redacted) as JSON text with `"seq":null`.
public struct AlertRecord: Sendable, Hashable, Codable {
    public var id: String
    public var repository: String
    public var ref: String?
    /// 40 hex digits.
    public var commit: String
    public var check: String
    public var severity: Severity
    /// The AI tools that wrote the commit (empty for a human commit).
    public var tools: [String]
    /// When it was raised, RFC 3339 UTC.
    public var time: String
    public var source: AlertSource
    /// The record's JSON on one line, `seq` null: the queue assigns it.
    public var json: String
    /// The commit's patch id and the finding's link key (see `LinkKey`): an alert whose first
    /// commit with the same patch id has an alert with the same key is linked to it, not queued.
    public var patchID: String?
    public var linkKey: String?

    public init(
        id: String, repository: String, ref: String?, commit: String, check: String, severity: Severity,
        tools: [String], time: String, source: AlertSource, json: String
    ) {
        self.id = id
        self.repository = repository
        self.ref = ref
        self.commit = commit
        self.check = check
        self.severity = severity
        self.tools = tools
        self.time = time
        self.source = source
        self.json = json
    }

    /// The record of an alert built in this process.
    public init(_ alert: Alert) {
        var unsequenced = alert
        unsequenced.seq = nil
        self.init(
            id: alert.id, repository: alert.repository, ref: alert.ref, commit: alert.commit.hex,
            check: alert.finding.check, severity: alert.finding.severity, tools: alert.verdict.tools,
            time: alert.time, source: alert.source, json: unsequenced.json.serialized())
        if let patchID = alert.patchID, let linkKey = alert.linkKey {
            self.patchID = patchID
            self.linkKey = linkKey
        }
    }

    /// The record's JSON with its queue position: the line the alert log holds.
    ///
    /// The record starts `{"schema":…,"id":"<hex>","seq":null,`, written by Vigil before any
    /// repository text, so the first `"seq":null` is always the record's own field.
    public func json(seq: Int) -> String {
        let placeholder = Array("\"seq\":null".utf8)
        let bytes = Array(json.utf8)
        guard bytes.count >= placeholder.count,
            let start = (0...(bytes.count - placeholder.count)).first(where: {
                bytes[$0..<($0 + placeholder.count)].elementsEqual(placeholder)
            })
        else { return json }
        let head = String(decoding: bytes[..<start], as: UTF8.self)
        let tail = String(decoding: bytes[(start + placeholder.count)...], as: UTF8.self)
        return head + "\"seq\":\(seq)" + tail
    }
}

/// An alert in the queue with its follow-up fields.
public struct QueuedAlert: Sendable, Hashable {
    public var seq: Int
    public var record: AlertRecord
    public var state: AlertState
    /// When the state last changed (RFC 3339 UTC); the time it was queued before any change.
    public var updated: String
    /// Who changed it last (`nil` until someone did).
    public var by: String?
    /// The note of the last change; for a dismissed alert, the reason.
    public var note: String?
    public var followUp: FollowUpStatus
    /// The same finding on later commits with the same patch (cherry-picks), linked to this alert
    /// instead of queued, oldest first.
    public var links: [LinkedFinding] = []

    public init(
        seq: Int, record: AlertRecord, state: AlertState, updated: String, by: String?, note: String?,
        followUp: FollowUpStatus
    ) {
        self.seq = seq
        self.record = record
        self.state = state
        self.updated = updated
        self.by = by
        self.note = note
        self.followUp = followUp
    }
}

/// A finding linked to a queued alert: its own alert id, and the commit and ref it was found on.
public struct LinkedFinding: Sendable, Hashable {
    public var id: String
    public var commit: String
    public var ref: String?
    public var time: String
    public var source: AlertSource

    public init(id: String, commit: String, ref: String?, time: String, source: AlertSource) {
        self.id = id
        self.commit = commit
        self.ref = ref
        self.time = time
        self.source = source
    }
}

/// One state change in an alert's history.
public struct AlertStateChange: Sendable, Hashable {
    public var time: String
    public var from: AlertState?
    public var to: AlertState
    public var by: String
    public var note: String?

    public init(time: String, from: AlertState?, to: AlertState, by: String, note: String?) {
        self.time = time
        self.from = from
        self.to = to
        self.by = by
        self.note = note
    }
}

/// Which alerts `vigil queue list` shows. Every field left `nil` matches everything.
public struct AlertFilter: Sendable, Hashable {
    /// `nil`: every state.
    public var states: Set<AlertState>?
    public var repository: String?
    /// A check id; `secrets` also matches every `secrets.<rule>`.
    public var check: String?
    /// At least this severe.
    public var minimumSeverity: Severity?
    public var tool: String?
    /// Raised at or after this time (RFC 3339 UTC).
    public var since: String?
    public var limit: Int?

    public init(
        states: Set<AlertState>? = [.open], repository: String? = nil, check: String? = nil,
        minimumSeverity: Severity? = nil, tool: String? = nil, since: String? = nil, limit: Int? = nil
    ) {
        self.states = states
        self.repository = repository
        self.check = check
        self.minimumSeverity = minimumSeverity
        self.tool = tool
        self.since = since
        self.limit = limit
    }
}

/// The delivery of an alert to `[followup] command`.
public struct FollowUpStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        /// No follow-up command was configured when the alert was queued.
        case none
        case pending, delivered
        /// Gave up after `max_attempts`.
        case failed
    }

    public var state: State
    public var attempts: Int
    /// When the next attempt is due (RFC 3339 UTC), for a pending delivery.
    public var nextAttempt: String?
    /// The last attempt's failure, for people reading the queue.
    public var lastError: String?

    public init(state: State, attempts: Int = 0, nextAttempt: String? = nil, lastError: String? = nil) {
        self.state = state
        self.attempts = attempts
        self.nextAttempt = nextAttempt
        self.lastError = lastError
    }
}

/// The outcome of one follow-up attempt.
public enum FollowUpOutcome: Sendable, Hashable {
    case delivered
    /// Failed; try again at `retryAt` (RFC 3339 UTC).
    case retry(error: String, retryAt: String)
    /// Failed for the last time.
    case gaveUp(error: String)
}

/// A ref name and the commit it points at (40 hex digits).
public struct RefTip: Sendable, Hashable, Codable {
    public var name: String
    public var target: String

    public init(name: String, target: String) {
        self.name = name
        self.target = target
    }
}

/// Where the daemon stands in one repository.
public struct RepositoryState: Sendable, Hashable {
    /// The watched refs as last seen, by name.
    public var refs: [String: String]
    /// Commits whose whole history has been scanned (or baselined): every walk hides them, so a
    /// commit is scanned once however many branches carry it.
    public var seen: Set<String>

    public init(refs: [String: String] = [:], seen: Set<String> = []) {
        self.refs = refs
        self.seen = seen
    }
}

/// The daemon's new place in a repository, recorded with the alerts that got it there.
public struct RepositoryProgress: Sendable, Hashable {
    public var repository: String
    /// Replaces the stored state whole.
    public var state: RepositoryState

    public init(repository: String, state: RepositoryState) {
        self.repository = repository
        self.state = state
    }
}
