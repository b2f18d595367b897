import GRDB
import VigilCore

/// The alert queue in one SQLite file (`state_dir/queue.sqlite`), shared by the daemon, `vigil
/// rescan` and `vigil queue` in separate processes.
///
/// - WAL, so readers (`queue list`, the log writer) never wait for a writer, nor a writer for them.
/// - A busy timeout: a writer finding the file locked by another process waits for it (30 s by
///   default) instead of failing; only a lock held longer than that is an error.
/// - `synchronous = FULL`: every commit is on disk before `record` returns. With WAL, NORMAL would
///   be crash-safe for the process but may lose the last commits on power loss, and the alert log
///   and follow-ups act on a commit as soon as it returns: a commit lost after its log line was
///   fsync'd would give the next alert the same seq and the log a line twice. A transaction holds
///   a whole batch, so the cost is one fsync per batch, not per alert.
/// - Foreign keys on (GRDB's default), so history and tools cannot outlive their alert.
public final class SQLiteAlertStore: AlertStore {
    public let path: String
    let pool: DatabasePool
    let busyTimeout: Duration
    let now: @Sendable () -> String

    /// Opens the queue at `path`, creating the state directory (0750), the file (0640) and the
    /// schema when missing. A path that is not a regular file, a file that is not a Vigil queue or
    /// is damaged, and a queue written by a newer Vigil are `AlertStoreError.unavailable`.
    /// `now` gives the time of state changes (RFC 3339 UTC); tests pass a fixed clock.
    public init(
        path: String, busyTimeout: Duration = .seconds(30), now: @escaping @Sendable () -> String = Timestamp.now
    ) throws(AlertStoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.now = now
        try QueueFile.prepare(path: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.seconds(busyTimeout))
        configuration.foreignKeysEnabled = true
        configuration.label = "vigil.queue"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw Self.unavailable(error, path: path, busyTimeout: busyTimeout)
        }
        do {
            try QueueSchema.open(pool, path: path)
        } catch {
            throw Self.unavailable(error, path: path, busyTimeout: busyTimeout)
        }
    }

    // MARK: - AlertStore

    public func record(_ alerts: [AlertRecord], progress: RepositoryProgress?, followUp: Bool) async throws
        -> [QueuedAlert]
    {
        let time = now()
        return try await write { db in
            try AlertWrites.record(db, alerts: alerts, progress: progress, followUp: followUp, now: time)
        }
    }

    public func repositoryState(_ repository: String) async throws -> RepositoryState? {
        try await read { db in try RepositoryStateRows.state(db, repository: repository) }
    }

    public func alerts(matching filter: AlertFilter) async throws -> [QueuedAlert] {
        try await read { db in try AlertQueries.alerts(db, matching: filter) }
    }

    public func alert(id: String) async throws -> (alert: QueuedAlert, history: [AlertStateChange])? {
        try await read { db in try AlertQueries.alertWithHistory(db, id: id) }
    }

    public func transition(id: String, to state: AlertState, by: String, note: String?) async throws
        -> QueuedAlert
    {
        let time = now()
        return try await write { db in
            try AlertWrites.transition(db, id: id, to: state, by: by, note: note, now: time)
        }
    }

    public func alerts(after seq: Int, limit: Int) async throws -> [QueuedAlert] {
        try await read { db in try AlertQueries.alerts(db, after: seq, limit: limit) }
    }

    public func logCursor() async throws -> Int {
        try await read { db in try AlertQueries.logCursor(db) }
    }

    public func setLogCursor(_ seq: Int) async throws {
        try await write { db in try AlertWrites.setLogCursor(db, seq) }
    }

    public func followUpsDue(now: String, limit: Int) async throws -> [QueuedAlert] {
        try await read { db in try AlertQueries.followUpsDue(db, now: now, limit: limit) }
    }

    public func recordFollowUp(id: String, _ outcome: FollowUpOutcome) async throws {
        try await write { db in try AlertWrites.recordFollowUp(db, id: id, outcome) }
    }

    // MARK: - Transactions

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(AlertStoreError) -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.unavailable(error, path: path, busyTimeout: busyTimeout)
        }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(AlertStoreError) -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.unavailable(error, path: path, busyTimeout: busyTimeout)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// `error` as the store reports it: its own errors as they are, SQLite's as `unavailable` with
    /// a message that names the file and says what an operator can do about it.
    static func unavailable(_ error: any Error, path: String, busyTimeout: Duration) -> AlertStoreError {
        if let error = error as? AlertStoreError { return error }
        guard let error = error as? DatabaseError else { return .unavailable("the queue \(path): \(error)") }
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unavailable(
                "the queue \(path) stayed locked by another process for more than \(seconds(busyTimeout)) s")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .unavailable("the queue \(path) is damaged or not a SQLite database (\(detail))")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_AUTH:
            return .unavailable("the queue \(path) cannot be opened for writing (\(detail))")
        case .SQLITE_FULL, .SQLITE_IOERR:
            return .unavailable("the queue \(path) cannot be written (\(detail))")
        default:
            return .unavailable("the queue \(path): \(detail)")
        }
    }
}
