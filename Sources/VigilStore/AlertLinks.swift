import GRDB
import VigilCore

/// Cherry-pick links in the queue: a finding on a commit whose patch id equals that of an earlier
/// recorded commit, and that is the same finding as one of the earlier commit's alerts (equal
/// `LinkKey`), is stored as a link to that alert instead of as an alert of its own. It is not
/// logged, gets no follow-up and does not show in `queue list` except on the first alert.
enum AlertLinks {
    /// The first alert `record` should be linked to, or `nil` when it is to be queued: the first
    /// commit recorded with its patch id (other than its own), and that commit's alert with the
    /// same link key not yet taken by another finding of `record`'s commit (`taken`).
    static func target(_ db: Database, for record: AlertRecord, taken: Set<Int>) throws -> Int? {
        guard let patchID = record.patchID, let key = record.linkKey else { return nil }
        guard
            let first = try String.fetchOne(
                db,
                sql: """
                    SELECT commit_sha FROM commit_patch WHERE repo = ? AND patch_id = ? AND commit_sha != ?
                    ORDER BY id LIMIT 1
                    """,
                arguments: [record.repository, patchID, record.commit])
        else { return nil }
        let candidates = try Int.fetchAll(
            db, sql: "SELECT seq FROM alert WHERE repo = ? AND commit_sha = ? AND link_key = ? ORDER BY seq",
            arguments: [record.repository, first, key])
        return candidates.first { !taken.contains($0) }
    }

    static func insert(_ db: Database, _ record: AlertRecord, to seq: Int) throws {
        try db.execute(
            sql: "INSERT INTO alert_link (id, alert_seq, commit_sha, ref, time, source) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [record.id, seq, record.commit, record.ref, record.time, record.source.rawValue])
    }

    static func isLinked(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM alert_link WHERE id = ?", arguments: [id]) != nil
    }

    /// Remembers `record`'s commit and patch id; the first commit recorded with a patch id keeps
    /// its place.
    static func registerPatch(_ db: Database, _ record: AlertRecord) throws {
        guard let patchID = record.patchID else { return }
        try db.execute(
            sql: "INSERT OR IGNORE INTO commit_patch (repo, commit_sha, patch_id) VALUES (?, ?, ?)",
            arguments: [record.repository, record.commit, patchID])
    }

    /// The findings linked to each of the alerts `seqs`, oldest first.
    static func links(_ db: Database, seqs: [Int]) throws -> [Int: [LinkedFinding]] {
        var links: [Int: [LinkedFinding]] = [:]
        for chunk in stride(from: 0, to: seqs.count, by: 500).map({ seqs[$0..<min($0 + 500, seqs.count)] }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT alert_seq, id, commit_sha, ref, time, source FROM alert_link
                    WHERE alert_seq IN (\(marks)) ORDER BY alert_seq, time, id
                    """,
                arguments: StatementArguments(Array(chunk)))
            for row in rows {
                let seq: Int = try row.decode(atIndex: 0)
                let source: String = try row.decode(atIndex: 5)
                links[seq, default: []].append(
                    LinkedFinding(
                        id: try row.decode(atIndex: 1), commit: try row.decode(atIndex: 2), ref: try row.decode(atIndex: 3),
                        time: try row.decode(atIndex: 4), source: AlertSource(rawValue: source) ?? .rescan))
            }
        }
        return links
    }

    /// The first commit recorded with `patchID` in `repository`, with its alerts that take links.
    static func firstCommit(_ db: Database, repository: String, patchID: String) throws -> LinkableCommit? {
        guard
            let commit = try String.fetchOne(
                db, sql: "SELECT commit_sha FROM commit_patch WHERE repo = ? AND patch_id = ? ORDER BY id LIMIT 1",
                arguments: [repository.storable, patchID.storable])
        else { return nil }
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT link_key, id FROM alert WHERE repo = ? AND commit_sha = ? AND link_key IS NOT NULL ORDER BY seq",
            arguments: [repository.storable, commit])
        let alerts = try rows.map { row in (key: try row.decode(atIndex: 0) as String, id: try row.decode(atIndex: 1) as String) }
        return LinkableCommit(commit: commit, alerts: alerts)
    }

    /// The alert a finding id was linked to, for `queue show` of a linked finding's id.
    static func alertID(linked id: String, _ db: Database) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT alert.id FROM alert_link JOIN alert ON alert.seq = alert_link.alert_seq WHERE alert_link.id = ?",
            arguments: [id.storable])
    }
}
