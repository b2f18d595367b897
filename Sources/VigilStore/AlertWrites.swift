import GRDB
import VigilCore

/// The queue's writes, each the body of one transaction.
enum AlertWrites {
    /// Inserts the alerts not queued yet and replaces the repository's state, in the caller's
    /// transaction. An id already queued (in any state, dismissed included) or already linked is
    /// left untouched, so a restart, an overlapping rescan or a second process recording the same
    /// finding adds nothing. An alert that is the same finding as one of the first commit recorded
    /// with its patch id is linked to that alert instead (`AlertLinks`); alerts are taken in order,
    /// so a batch holding both the first commit and its cherry-pick links the second to the first.
    static func record(
        _ db: Database, alerts: [AlertRecord], progress: RepositoryProgress?, followUp: Bool, now: String
    ) throws -> [QueuedAlert] {
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM alert WHERE id = ?")
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO alert (id, repo, ref, commit_sha, check_id, severity, time, source, json, state, updated,
                                   followup_state, followup_next, link_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)
                """)
        let insertTool = try db.cachedStatement(sql: "INSERT OR IGNORE INTO alert_tool (alert_seq, tool) VALUES (?, ?)")
        let insertHistory = try db.cachedStatement(
            sql: """
                INSERT INTO alert_history (alert_seq, time, from_state, to_state, changed_by)
                VALUES (?, ?, NULL, 'open', ?)
                """)
        let followUpState: FollowUpStatus.State = followUp ? .pending : .none
        var queued: [QueuedAlert] = []
        // The first commit's alerts each commit's findings were linked to, so that two equal
        // findings on one commit take two equal alerts, not one twice.
        var taken: [String: Set<Int>] = [:]
        for original in alerts {
            let alert = AlertWrites.storable(original)
            guard try Bool.fetchOne(exists, arguments: [alert.id]) == nil,
                try !AlertLinks.isLinked(db, id: alert.id)
            else { continue }
            if let first = try AlertLinks.target(db, for: alert, taken: taken[alert.commit] ?? []) {
                try AlertLinks.insert(db, alert, to: first)
                taken[alert.commit, default: []].insert(first)
                continue
            }
            try insert.execute(arguments: [
                alert.id, alert.repository, alert.ref, alert.commit, alert.check, AlertRows.rank(alert.severity),
                alert.time, alert.source.rawValue, alert.json, now, followUpState.rawValue, followUp ? now : nil,
                alert.linkKey,
            ])
            let seq = Int(db.lastInsertedRowID)
            if alert.linkKey != nil { try AlertLinks.registerPatch(db, alert) }
            for tool in Set(alert.tools) { try insertTool.execute(arguments: [seq, tool]) }
            try insertHistory.execute(arguments: [seq, now, alert.source.rawValue])
            var record = alert
            record.tools = Set(alert.tools).sorted()
            queued.append(
                QueuedAlert(
                    seq: seq, record: record, state: .open, updated: now, by: nil, note: nil,
                    followUp: FollowUpStatus(state: followUpState, nextAttempt: followUp ? now : nil)))
        }
        if let progress { try RepositoryStateRows.replace(db, with: progress) }
        return queued
    }

    /// Moves alert `id` to `state` and adds the change to its history.
    static func transition(
        _ db: Database, id: String, to state: AlertState, by: String, note: String?, now: String
    ) throws -> QueuedAlert {
        let (by, note) = (by.storable, note.storable)
        guard var alert = try AlertQueries.alert(db, id: id) else { throw AlertStoreError.unknownAlert(id) }
        guard AlertTransitions.isAllowed(from: alert.state, to: state) else {
            throw AlertStoreError.invalidTransition(id: id, from: alert.state, to: state)
        }
        // A dismissal without a reason is how alerts get lost: nobody can later tell why.
        if state == .dismissed, (note ?? "").allSatisfy(\.isWhitespace) {
            throw AlertStoreError.invalidTransition(id: id, from: alert.state, to: state)
        }
        try db.execute(
            sql: "UPDATE alert SET state = ?, updated = ?, updated_by = ?, note = ? WHERE seq = ?",
            arguments: [state.rawValue, now, by, note, alert.seq])
        try db.execute(
            sql: """
                INSERT INTO alert_history (alert_seq, time, from_state, to_state, changed_by, note)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [alert.seq, now, alert.state.rawValue, state.rawValue, by, note])
        alert.state = state
        alert.updated = now
        alert.by = by
        alert.note = note
        return alert
    }

    /// `record` with every text as the queue stores it.
    private static func storable(_ record: AlertRecord) -> AlertRecord {
        var stored = AlertRecord(
            id: record.id.storable, repository: record.repository.storable, ref: record.ref.storable,
            commit: record.commit.storable, check: record.check.storable, severity: record.severity,
            tools: record.tools.map(\.storable), time: record.time.storable, source: record.source,
            json: record.json.storable)
        stored.patchID = record.patchID?.storable
        stored.linkKey = record.linkKey?.storable
        return stored
    }

    static func setLogCursor(_ db: Database, _ seq: Int) throws {
        try db.execute(
            sql: "INSERT INTO log_cursor (id, seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq",
            arguments: [max(0, seq)])
    }

    static func recordFollowUp(_ db: Database, id: String, _ outcome: FollowUpOutcome) throws {
        let (state, next, error): (FollowUpStatus.State, String?, String?) =
            switch outcome {
            case .delivered: (.delivered, nil, nil)
            case .retry(let error, let retryAt): (.pending, retryAt, error)
            case .gaveUp(let error): (.failed, nil, error)
            }
        try db.execute(
            sql: """
                UPDATE alert SET followup_state = ?, followup_attempts = followup_attempts + 1,
                                 followup_next = ?, followup_error = ?
                WHERE id = ?
                """,
            arguments: [state.rawValue, next.storable, error.storable, id.storable])
        guard db.changesCount > 0 else { throw AlertStoreError.unknownAlert(id) }
    }
}
