import VigilCore

/// An `AlertStore` in memory, for testing the log writer and the follow-up runner without SQLite.
/// It keeps the protocol's promises those parts rely on: ids are unique, seqs grow, the log
/// cursor and follow-up state persist across calls.
actor InMemoryAlertStore: AlertStore {
    private var queued: [QueuedAlert] = []
    private var histories: [String: [AlertStateChange]] = [:]
    private var states: [String: RepositoryState] = [:]
    private var cursor = 0
    private var nextSeq = 1
    /// Every `setLogCursor` call, in order, to check that the cursor only moves forward.
    private(set) var cursorUpdates: [Int] = []
    /// Every follow-up outcome recorded, in order.
    private(set) var followUpOutcomes: [(id: String, outcome: FollowUpOutcome)] = []

    func record(_ alerts: [AlertRecord], progress: RepositoryProgress?, followUp: Bool) async throws
        -> [QueuedAlert]
    {
        var added: [QueuedAlert] = []
        for record in alerts where !queued.contains(where: { $0.record.id == record.id }) {
            let alert = QueuedAlert(
                seq: nextSeq, record: record, state: .open, updated: record.time, by: nil, note: nil,
                followUp: FollowUpStatus(state: followUp ? .pending : .none, nextAttempt: followUp ? record.time : nil))
            nextSeq += 1
            queued.append(alert)
            added.append(alert)
        }
        if let progress { states[progress.repository] = progress.state }
        return added
    }

    func repositoryState(_ repository: String) async throws -> RepositoryState? { states[repository] }

    func alerts(matching filter: AlertFilter) async throws -> [QueuedAlert] {
        queued.filter { alert in
            (filter.states?.contains(alert.state) ?? true)
                && (filter.repository.map { $0 == alert.record.repository } ?? true)
        }
    }

    func alert(id: String) async throws -> (alert: QueuedAlert, history: [AlertStateChange])? {
        guard let alert = queued.first(where: { $0.record.id == id }) else { return nil }
        return (alert, histories[id] ?? [])
    }

    func transition(id: String, to state: AlertState, by: String, note: String?) async throws -> QueuedAlert {
        guard let index = queued.firstIndex(where: { $0.record.id == id }) else {
            throw AlertStoreError.unknownAlert(id)
        }
        let from = queued[index].state
        queued[index].state = state
        queued[index].by = by
        queued[index].note = note
        histories[id, default: []].append(AlertStateChange(time: "now", from: from, to: state, by: by, note: note))
        return queued[index]
    }

    func alerts(after seq: Int, limit: Int) async throws -> [QueuedAlert] {
        Array(queued.filter { $0.seq > seq }.prefix(limit))
    }

    func logCursor() async throws -> Int { cursor }

    func setLogCursor(_ seq: Int) async throws {
        cursor = seq
        cursorUpdates.append(seq)
    }

    func followUpsDue(now: String, limit: Int) async throws -> [QueuedAlert] {
        Array(
            queued.filter { $0.followUp.state == .pending && ($0.followUp.nextAttempt ?? "") <= now }.prefix(limit))
    }

    func recordFollowUp(id: String, _ outcome: FollowUpOutcome) async throws {
        guard let index = queued.firstIndex(where: { $0.record.id == id }) else {
            throw AlertStoreError.unknownAlert(id)
        }
        followUpOutcomes.append((id, outcome))
        queued[index].followUp.attempts += 1
        switch outcome {
        case .delivered:
            queued[index].followUp.state = .delivered
            queued[index].followUp.nextAttempt = nil
            queued[index].followUp.lastError = nil
        case .retry(let error, let retryAt):
            queued[index].followUp.nextAttempt = retryAt
            queued[index].followUp.lastError = error
        case .gaveUp(let error):
            queued[index].followUp.state = .failed
            queued[index].followUp.nextAttempt = nil
            queued[index].followUp.lastError = error
        }
    }

    // MARK: - Test controls

    /// Moves the log cursor back, as a crash between a line's fsync and the cursor update leaves it.
    func rewindLogCursor(to seq: Int) { cursor = seq }

    /// Makes every pending follow-up due now, so a test need not wait out a backoff.
    func makeFollowUpsDue() {
        for index in queued.indices where queued[index].followUp.state == .pending {
            queued[index].followUp.nextAttempt = "0000-00-00T00:00:00Z"
        }
    }
}
