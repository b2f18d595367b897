import GRDB
import VigilCore

/// How an `alert` row reads back as a `QueuedAlert`; the one place that knows the column names.
enum AlertRows {
    /// The columns every alert query selects, with the tools folded in, in the order `decode` reads.
    static let columns = """
        alert.seq, alert.id, alert.repo, alert.ref, alert.commit_sha, alert.check_id, alert.severity,
        alert.time, alert.source, alert.json, alert.state, alert.updated, alert.updated_by, alert.note,
        alert.followup_state, alert.followup_attempts, alert.followup_next, alert.followup_error
        """

    static func fetch(_ db: Database, where condition: String, arguments: StatementArguments = [], suffix: String = "")
        throws -> [QueuedAlert]
    {
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(columns) FROM alert WHERE \(condition) \(suffix)", arguments: arguments)
        guard !rows.isEmpty else { return [] }
        let tools = try self.tools(db, seqs: rows.map { $0[0] as Int })
        return try rows.map { try decode($0, tools: tools[$0[0] as Int] ?? []) }
    }

    /// The tools of the alerts `seqs`, by seq, each list sorted as the record lists them.
    private static func tools(_ db: Database, seqs: [Int]) throws -> [Int: [String]] {
        var tools: [Int: [String]] = [:]
        // A bound limit on variables per statement: chunks keep a long listing within it.
        for chunk in stride(from: 0, to: seqs.count, by: 500).map({ seqs[$0..<min($0 + 500, seqs.count)] }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT alert_seq, tool FROM alert_tool WHERE alert_seq IN (\(marks)) ORDER BY alert_seq, tool",
                arguments: StatementArguments(Array(chunk)))
            for row in rows {
                let seq: Int = row[0]
                let tool: String = row[1]
                tools[seq, default: []].append(tool)
            }
        }
        return tools
    }

    private static func decode(_ row: Row, tools: [String]) throws -> QueuedAlert {
        let severityRank: Int = row[6]
        guard Severity.allCases.indices.contains(severityRank),
            let source = AlertSource(rawValue: row[8]),
            let state = AlertState(rawValue: row[10]),
            let followUpState = FollowUpStatus.State(rawValue: row[14])
        else {
            throw AlertStoreError.unavailable("the queue holds an alert it cannot read (seq \(row[0] as Int))")
        }
        let record = AlertRecord(
            id: row[1], repository: row[2], ref: row[3], commit: row[4], check: row[5],
            severity: Severity.allCases[severityRank], tools: tools, time: row[7], source: source, json: row[9])
        return QueuedAlert(
            seq: row[0], record: record, state: state, updated: row[11], by: row[12], note: row[13],
            followUp: FollowUpStatus(state: followUpState, attempts: row[15], nextAttempt: row[16], lastError: row[17]))
    }

    /// The rank stored for `severity`: its place in `Severity.allCases` (info 0 … critical 4).
    static func rank(_ severity: Severity) -> Int {
        Severity.allCases.firstIndex(of: severity) ?? 0
    }
}
