import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

/// `record`: each id once, seq in order and never reused, progress in the same transaction.
@Suite struct AlertRecordingTests {
    @Test func newAlertsGetSeqInOrderAndRepeatsAreNoOps() async throws {
        let store = try QueueFixtures.store()
        let first = try await store.record(
            [QueueFixtures.record("a1"), QueueFixtures.record("a2")], progress: nil, followUp: false)
        #expect(first.map(\.seq) == [1, 2])
        #expect(first.map(\.record.id) == ["a1", "a2"])
        #expect(
            first.allSatisfy { $0.state == .open && $0.followUp.state == .none && $0.updated == "2026-12-01T10:00:00Z" }
        )
        let second = try await store.record(
            [QueueFixtures.record("a2"), QueueFixtures.record("a3"), QueueFixtures.record("a3")], progress: nil,
            followUp: true)
        #expect(second.map(\.seq) == [3])
        #expect(second.first?.followUp.state == .pending)
        let all = try await store.alerts(matching: AlertFilter(states: nil))
        #expect(all.map(\.record.id) == ["a1", "a2", "a3"])
        #expect(all.map(\.seq) == [1, 2, 3])
    }

    @Test func theStoredRecordReadsBackWhole() async throws {
        let store = try QueueFixtures.store()
        let record = QueueFixtures.record("r1", tools: ["codex", "aider", "codex"])
        _ = try await store.record([record], progress: nil, followUp: false)
        let stored = try #require(try await store.alert(id: "r1"))
        #expect(stored.alert.record.json == record.json)
        #expect(stored.alert.record.tools == ["aider", "codex"])
        #expect(stored.alert.record.json(seq: stored.alert.seq).contains("\"seq\":1,"))
        #expect(stored.history.count == 1)
        #expect(stored.history.first?.from == nil && stored.history.first?.to == .open)
        #expect(stored.history.first?.by == "daemon")
    }

    @Test func progressIsReplacedWholeWithTheAlerts() async throws {
        let store = try QueueFixtures.store()
        #expect(try await store.repositoryState("/srv/git/app.git") == nil)
        let state = RepositoryState(refs: ["refs/heads/main": "a", "refs/heads/dev": "b"], seen: ["a", "b"])
        _ = try await store.record(
            [QueueFixtures.record("p1")], progress: RepositoryProgress(repository: "/srv/git/app.git", state: state),
            followUp: false)
        #expect(try await store.repositoryState("/srv/git/app.git") == state)
        let next = RepositoryState(refs: ["refs/heads/main": "c"], seen: ["c"])
        _ = try await store.record(
            [], progress: RepositoryProgress(repository: "/srv/git/app.git", state: next), followUp: false)
        #expect(try await store.repositoryState("/srv/git/app.git") == next)
        // A repository recorded with no refs at all is known, not new.
        _ = try await store.record(
            [], progress: RepositoryProgress(repository: "/srv/git/empty.git", state: RepositoryState()),
            followUp: false)
        #expect(try await store.repositoryState("/srv/git/empty.git") == RepositoryState())
        #expect(try await store.repositoryState("/srv/git/other.git") == nil)
    }

    @Test func aFailedTransactionRecordsNeitherAlertsNorProgress() async throws {
        let folder = try ScratchFolder().path
        let store = try QueueFixtures.store(in: folder)
        let before = RepositoryState(refs: ["refs/heads/main": "a"], seen: ["a"])
        _ = try await store.record(
            [QueueFixtures.record("x1")], progress: RepositoryProgress(repository: "r", state: before), followUp: false)
        // A trigger that fails the progress write stands in for a crash or a full disk in the middle
        // of the transaction: the alerts inserted before it must go with it.
        try SQLiteHelper.run(
            path: QueueLocation.path(stateDirectory: folder + "/state"),
            """
            db.execute("CREATE TRIGGER fail_seen BEFORE INSERT ON repository_seen WHEN NEW.commit_sha = 'boom' "
                       "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
            db.commit()
            """)
        let after = RepositoryState(refs: ["refs/heads/main": "boom"], seen: ["boom"])
        await #expect(throws: AlertStoreError.self) {
            try await store.record(
                [QueueFixtures.record("x2"), QueueFixtures.record("x3")],
                progress: RepositoryProgress(repository: "r", state: after), followUp: false)
        }
        #expect(try await store.alerts(matching: AlertFilter(states: nil)).map(\.record.id) == ["x1"])
        #expect(try await store.repositoryState("r") == before)
        // The next alert still follows on without a gap: the failed transaction took no seq.
        let next = try await store.record([QueueFixtures.record("x4")], progress: nil, followUp: false)
        #expect(next.map(\.seq) == [2])
        try await store.setLogCursor(-5)
        #expect(try await store.logCursor() == 0)
    }

    @Test func aDismissedAlertRecordedAgainStaysDismissed() async throws {
        let store = try QueueFixtures.store()
        _ = try await store.record([QueueFixtures.record("d1")], progress: nil, followUp: false)
        _ = try await store.transition(id: "d1", to: .dismissed, by: "dana", note: "test fixture key")
        let again = try await store.record([QueueFixtures.record("d1")], progress: nil, followUp: true)
        #expect(again.isEmpty)
        let stored = try #require(try await store.alert(id: "d1"))
        #expect(stored.alert.state == .dismissed)
        #expect(stored.alert.note == "test fixture key")
        #expect(stored.alert.followUp.state == .none)
    }

    @Test func seqIsNeverReusedAndTheOutboxReadsInOrder() async throws {
        let store = try QueueFixtures.store()
        _ = try await store.record((1...5).map { QueueFixtures.record("o\($0)") }, progress: nil, followUp: false)
        #expect(try await store.alerts(after: 2, limit: 2).map(\.seq) == [3, 4])
        #expect(try await store.alerts(after: 5, limit: 10).isEmpty)
        #expect(try await store.logCursor() == 0)
        try await store.setLogCursor(4)
        #expect(try await store.logCursor() == 4)
        let more = try await store.record([QueueFixtures.record("o6")], progress: nil, followUp: false)
        #expect(more.map(\.seq) == [6])
    }
}
