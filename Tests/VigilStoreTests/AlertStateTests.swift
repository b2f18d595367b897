import Testing
import VigilCore
import VigilStore

/// State changes people make, and the history that says who made them.
@Suite struct AlertStateTests {
    @Test func openAckedResolvedAndBackWithHistory() async throws {
        let store = try QueueFixtures.store()
        _ = try await store.record([QueueFixtures.record("s1")], progress: nil, followUp: false)
        let acked = try await store.transition(id: "s1", to: .acked, by: "dana", note: "looking")
        #expect(acked.state == .acked && acked.by == "dana" && acked.note == "looking")
        _ = try await store.transition(id: "s1", to: .resolved, by: "sam", note: nil)
        _ = try await store.transition(id: "s1", to: .open, by: "dana", note: "came back")
        _ = try await store.transition(id: "s1", to: .dismissed, by: "lee", note: "fixture")
        let stored = try #require(try await store.alert(id: "s1"))
        #expect(stored.alert.state == .dismissed && stored.alert.by == "lee" && stored.alert.note == "fixture")
        #expect(stored.history.map(\.to) == [.open, .acked, .resolved, .open, .dismissed])
        #expect(stored.history.map(\.from) == [nil, .open, .acked, .resolved, .open])
        #expect(stored.history.map(\.by) == ["daemon", "dana", "sam", "dana", "lee"])
        #expect(stored.history.map(\.note) == [nil, "looking", nil, "came back", "fixture"])
        #expect(stored.history.allSatisfy { $0.time == "2026-12-01T10:00:00Z" })
    }

    @Test(arguments: [
        (AlertState.open, AlertState.open), (.acked, .acked), (.resolved, .acked), (.resolved, .resolved),
        (.dismissed, .acked), (.dismissed, .resolved), (.dismissed, .dismissed),
    ])
    func invalidMovesThrowAndChangeNothing(from: AlertState, to: AlertState) async throws {
        let store = try QueueFixtures.store()
        _ = try await store.record([QueueFixtures.record("t1")], progress: nil, followUp: false)
        let path: [AlertState] =
            switch from {
            case .open: []
            case .acked: [.acked]
            case .resolved: [.resolved]
            case .dismissed: [.dismissed]
            }
        for step in path { _ = try await store.transition(id: "t1", to: step, by: "dana", note: "reason") }
        await #expect(throws: AlertStoreError.invalidTransition(id: "t1", from: from, to: to)) {
            try await store.transition(id: "t1", to: to, by: "eve", note: "reason")
        }
        let stored = try #require(try await store.alert(id: "t1"))
        #expect(stored.alert.state == from)
        #expect(stored.history.count == path.count + 1)
    }

    @Test func dismissalNeedsAReason() async throws {
        let store = try QueueFixtures.store()
        _ = try await store.record([QueueFixtures.record("n1")], progress: nil, followUp: false)
        for reason in [nil, "", "  \n\t"] as [String?] {
            await #expect(throws: AlertStoreError.self) {
                try await store.transition(id: "n1", to: .dismissed, by: "dana", note: reason)
            }
        }
        #expect(try await store.alert(id: "n1")?.alert.state == .open)
    }

    @Test func unknownIdsAreReported() async throws {
        let store = try QueueFixtures.store()
        await #expect(throws: AlertStoreError.unknownAlert("nope")) {
            try await store.transition(id: "nope", to: .acked, by: "dana", note: nil)
        }
        await #expect(throws: AlertStoreError.unknownAlert("nope")) {
            try await store.recordFollowUp(id: "nope", .delivered)
        }
        #expect(try await store.alert(id: "nope") == nil)
    }

    @Test func followUpDeliveryRetriesAndGivesUp() async throws {
        let store = try QueueFixtures.store()
        _ = try await store.record(
            [QueueFixtures.record("f1"), QueueFixtures.record("f2")], progress: nil, followUp: true)
        _ = try await store.record([QueueFixtures.record("f3")], progress: nil, followUp: false)
        #expect(try await store.followUpsDue(now: "2026-12-01T10:00:00Z", limit: 10).map(\.record.id) == ["f1", "f2"])
        #expect(try await store.followUpsDue(now: "2026-12-01T10:00:00Z", limit: 1).map(\.record.id) == ["f1"])
        try await store.recordFollowUp(id: "f1", .retry(error: "exit 1", retryAt: "2026-12-01T10:05:00Z"))
        try await store.recordFollowUp(id: "f2", .delivered)
        #expect(try await store.followUpsDue(now: "2026-12-01T10:01:00Z", limit: 10).isEmpty)
        let due = try await store.followUpsDue(now: "2026-12-01T10:05:00Z", limit: 10)
        #expect(due.map(\.record.id) == ["f1"])
        #expect(
            due.first?.followUp
                == FollowUpStatus(
                    state: .pending, attempts: 1, nextAttempt: "2026-12-01T10:05:00Z", lastError: "exit 1"))
        try await store.recordFollowUp(id: "f1", .gaveUp(error: "timed out"))
        let gaveUp = try #require(try await store.alert(id: "f1")).alert.followUp
        #expect(gaveUp == FollowUpStatus(state: .failed, attempts: 2, nextAttempt: nil, lastError: "timed out"))
        #expect(try await store.alert(id: "f2")?.alert.followUp.state == .delivered)
        #expect(try await store.followUpsDue(now: "2099-01-01T00:00:00Z", limit: 10).isEmpty)
    }
}
