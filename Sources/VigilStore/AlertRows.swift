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
        let seqs: [Int] = try rows.map { try $0.decode(atIndex: 0) }
        let tools = try self.tools(db, seqs: seqs)
        let links = try AlertLinks.links(db, seqs: seqs)
        return try zip(rows, seqs).map { row, seq in
            var alert = try decode(row, tools: tools[seq] ?? [])
            alert.links = links[seq] ?? []
            return alert
        }
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
                let seq: Int = try row.decode(atIndex: 0)
                let tool: String = try row.decode(atIndex: 1)
                tools[seq, default: []].append(tool)
            }
        }
        return tools
    }

    /// Reads with `decode`, which throws, never with subscripts, which stop the process on a value
    /// of the wrong type: a damaged or edited queue is reported, not a crash of `vigil queue`.
    private static func decode(_ row: Row, tools: [String]) throws -> QueuedAlert {
        let seq: Int = try row.decode(atIndex: 0)
        let severityRank: Int = try row.decode(atIndex: 6)
        guard Severity.allCases.indices.contains(severityRank),
            let source = AlertSource(rawValue: try row.decode(atIndex: 8)),
            let state = AlertState(rawValue: try row.decode(atIndex: 10)),
            let followUpState = FollowUpStatus.State(rawValue: try row.decode(atIndex: 14))
        else {
            throw AlertStoreError.unavailable("the queue holds an alert it cannot read (seq \(seq))")
        }
        let record = AlertRecord(
            id: try row.decode(atIndex: 1), repository: try row.decode(atIndex: 2), ref: try row.decode(atIndex: 3),
            commit: try row.decode(atIndex: 4), check: try row.decode(atIndex: 5),
            severity: Severity.allCases[severityRank], tools: tools, time: try row.decode(atIndex: 7), source: source,
            json: try row.decode(atIndex: 9))
        let followUp = FollowUpStatus(
            state: followUpState, attempts: try row.decode(atIndex: 15), nextAttempt: try row.decode(atIndex: 16),
            lastError: try row.decode(atIndex: 17))
        return QueuedAlert(
            seq: seq, record: record, state: state, updated: try row.decode(atIndex: 11),
            by: try row.decode(atIndex: 12), note: try row.decode(atIndex: 13), followUp: followUp)
    }

    /// The rank stored for `severity`: its place in `Severity.allCases` (info 0 … critical 4).
    static func rank(_ severity: Severity) -> Int {
        Severity.allCases.firstIndex(of: severity) ?? 0
    }
}
