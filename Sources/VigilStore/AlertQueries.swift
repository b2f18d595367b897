import GRDB
import VigilCore

/// The queue's reads: filters for people, the outbox for the alert log, due follow-ups.
enum AlertQueries {
    /// Alerts matching `filter`, oldest first; with a limit, the oldest that many.
    static func alerts(_ db: Database, matching filter: AlertFilter) throws -> [QueuedAlert] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let states = filter.states {
            guard !states.isEmpty else { return [] }
            let ordered = AlertState.allCases.filter(states.contains)
            conditions.append("alert.state IN (\(Array(repeating: "?", count: ordered.count).joined(separator: ",")))")
            arguments += StatementArguments(ordered.map(\.rawValue))
        }
        if let repository = filter.repository {
            conditions.append("alert.repo = ?")
            arguments += [repository.storable]
        }
        if let check = filter.check {
            // `secrets` names the family: `secrets.aws-access-key-id` and every other rule. Compared
            // by prefix, not LIKE, so `_` and `%` in a check id are plain characters.
            conditions.append("(alert.check_id = ? OR substr(alert.check_id, 1, length(?) + 1) = ? || '.')")
            arguments += [check.storable, check.storable, check.storable]
        }
        if let severity = filter.minimumSeverity {
            conditions.append("alert.severity >= ?")
            arguments += [AlertRows.rank(severity)]
        }
        if let tool = filter.tool {
            conditions.append("EXISTS (SELECT 1 FROM alert_tool WHERE alert_tool.alert_seq = alert.seq AND tool = ?)")
            arguments += [tool.storable]
        }
        if let since = filter.since {
            // Times are RFC 3339 UTC with a `Z`, so text order is time order.
            conditions.append("alert.time >= ?")
            arguments += [since.storable]
        }
        var suffix = "ORDER BY alert.seq"
        if let limit = filter.limit {
            suffix += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        let condition = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        return try AlertRows.fetch(db, where: condition, arguments: arguments, suffix: suffix)
    }

    static func alert(_ db: Database, id: String) throws -> QueuedAlert? {
        try AlertRows.fetch(db, where: "alert.id = ?", arguments: [id.storable]).first
    }

    static func alertWithHistory(_ db: Database, id: String) throws
        -> (alert: QueuedAlert, history: [AlertStateChange])?
    {
        guard let alert = try alert(db, id: id) else { return nil }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT time, from_state, to_state, changed_by, note FROM alert_history
                WHERE alert_seq = ? ORDER BY id
                """,
            arguments: [alert.seq])
        let history = try rows.map { row -> AlertStateChange in
            let from: String? = try row.decode(atIndex: 1)
            guard let to = AlertState(rawValue: try row.decode(atIndex: 2)) else {
                throw AlertStoreError.unavailable("the queue holds a history entry it cannot read (alert \(id))")
            }
            return AlertStateChange(
                time: try row.decode(atIndex: 0), from: from.flatMap(AlertState.init(rawValue:)), to: to,
                by: try row.decode(atIndex: 3), note: try row.decode(atIndex: 4))
        }
        return (alert, history)
    }

    /// Ids starting with `prefix` (at most `limit`), for commands that accept a short id.
    static func ids(_ db: Database, prefix: String, limit: Int) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT id FROM alert WHERE substr(id, 1, length(?)) = ? ORDER BY seq LIMIT ?",
            arguments: [prefix.storable, prefix.storable, limit])
    }

    static func alerts(_ db: Database, after seq: Int, limit: Int) throws -> [QueuedAlert] {
        try AlertRows.fetch(
            db, where: "alert.seq > ?", arguments: [seq, max(0, limit)], suffix: "ORDER BY alert.seq LIMIT ?")
    }

    static func logCursor(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT seq FROM log_cursor WHERE id = 1") ?? 0
    }

    static func followUpsDue(_ db: Database, now: String, limit: Int) throws -> [QueuedAlert] {
        try AlertRows.fetch(
            db,
            where: "alert.followup_state = 'pending' AND (alert.followup_next IS NULL OR alert.followup_next <= ?)",
            arguments: [now, max(0, limit)], suffix: "ORDER BY alert.seq LIMIT ?")
    }
}
