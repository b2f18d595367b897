import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

/// Cherry-pick links in the queue: the same finding on a later commit with the same patch id is
/// linked to the first commit's alert instead of queued.
@Suite struct AlertLinkTests {
    static let first = String(repeating: "1", count: 40)
    static let pick = String(repeating: "2", count: 40)
    static let patch = String(repeating: "a", count: 40)
    static let key = String(repeating: "c", count: 64)

    func record(
        _ id: String, commit: String, patchID: String? = AlertLinkTests.patch, key: String? = AlertLinkTests.key,
        ref: String = "refs/heads/main"
    ) -> AlertRecord {
        var record = QueueFixtures.record(id)
        record.commit = commit
        record.ref = ref
        record.patchID = patchID
        record.linkKey = key
        return record
    }

    @Test func theSameFindingOnAPickIsLinkedNotQueued() async throws {
        let store = try QueueFixtures.store()
        let queued = try await store.record(
            [record("a1", commit: Self.first), record("b1", commit: Self.pick, ref: "refs/heads/release")],
            progress: nil, followUp: true)
        #expect(queued.map(\.record.id) == ["a1"])
        let alert = try #require(try await store.alert(id: "a1")).alert
        #expect(alert.links.map(\.id) == ["b1"])
        #expect(alert.links.first?.commit == Self.pick)
        #expect(alert.links.first?.ref == "refs/heads/release")
        #expect(try await store.alert(id: "b1") == nil)
        #expect(try await store.followUpsDue(now: "2100-01-01T00:00:00Z", limit: 10).map(\.record.id) == ["a1"])
        #expect(try await store.alerts(after: 0, limit: 10).map(\.record.id) == ["a1"], "the log never sees b1")
        // Recording the pick again (a restart, a second rescan) adds nothing.
        #expect(try await store.record([record("b1", commit: Self.pick)], progress: nil, followUp: false).isEmpty)
        #expect(try #require(try await store.alert(id: "a1")).alert.links.count == 1)
        let lookup = try #require(store.blocking.firstCommit(repository: "/srv/git/app.git", patchID: Self.patch))
        #expect(lookup.commit == Self.first)
        #expect(lookup.alerts.map(\.id) == ["a1"])
        #expect(try store.blocking.alertID(linked: "b1") == "a1")
    }

    @Test func nearMissesAreQueued() async throws {
        let store = try QueueFixtures.store()
        _ = try await store.record([record("a1", commit: Self.first)], progress: nil, followUp: false)
        let otherKey = String(repeating: "d", count: 64)
        let otherPatch = String(repeating: "e", count: 40)
        let queued = try await store.record(
            [
                record("b1", commit: Self.pick, key: otherKey),  // another finding on the same patch
                record("b2", commit: Self.pick, patchID: otherPatch),  // the same finding, another patch
                record("b3", commit: Self.pick, patchID: nil, key: nil),  // a metadata finding
            ], progress: nil, followUp: false)
        #expect(queued.map(\.record.id) == ["b1", "b2", "b3"])
        #expect(try #require(try await store.alert(id: "a1")).alert.links.isEmpty)
    }

    @Test func twoEqualFindingsTakeTwoEqualAlerts() async throws {
        let store = try QueueFixtures.store()
        _ = try await store.record(
            [record("a1", commit: Self.first), record("a2", commit: Self.first)], progress: nil, followUp: false)
        let queued = try await store.record(
            [record("b1", commit: Self.pick), record("b2", commit: Self.pick), record("b3", commit: Self.pick)],
            progress: nil, followUp: false)
        #expect(queued.map(\.record.id) == ["b3"], "only two first alerts to link to")
        let all = try await store.alerts(matching: AlertFilter(states: nil))
        #expect(all.first { $0.record.id == "a1" }?.links.map(\.id) == ["b1"])
        #expect(all.first { $0.record.id == "a2" }?.links.map(\.id) == ["b2"])
    }

    @Test func aLinkGoesToTheFirstCommitEvenWhenTheSecondRaisedMore() async throws {
        let store = try QueueFixtures.store()
        let third = String(repeating: "3", count: 40)
        let otherKey = String(repeating: "d", count: 64)
        _ = try await store.record(
            [
                record("a1", commit: Self.first), record("b1", commit: Self.pick),
                record("b2", commit: Self.pick, key: otherKey), record("c1", commit: third),
                record("c2", commit: third, key: otherKey),
            ], progress: nil, followUp: false)
        let all = try await store.alerts(matching: AlertFilter(states: nil))
        #expect(all.map(\.record.id) == ["a1", "b2", "c2"], "c2 is not the first commit's finding")
        #expect(all.first?.links.map(\.id) == ["b1", "c1"])
    }

    @Test func aQueueFromBeforeLinksIsMigratedAndKeepsItsAlerts() async throws {
        let folder = try ScratchFolder().path
        let path = folder + "/queue.sqlite"
        let old = try SQLiteAlertStore(path: path)
        _ = try await old.record([QueueFixtures.record("old1")], progress: nil, followUp: false)
        // Back to the first schema, as a queue written before links existed.
        try SQLiteHelper.run(
            path: path,
            """
            db.execute("DROP TABLE alert_link")
            db.execute("DROP TABLE commit_patch")
            db.execute("DROP INDEX alert_by_commit")
            db.execute("ALTER TABLE alert DROP COLUMN link_key")
            db.execute("DELETE FROM grdb_migrations WHERE identifier LIKE 'v2:%'")
            """)
        let store = try SQLiteAlertStore(path: path)
        #expect(try await store.alerts(matching: AlertFilter()).map(\.record.id) == ["old1"])
        let queued = try await store.record(
            [record("a1", commit: Self.first), record("b1", commit: Self.pick)], progress: nil, followUp: false)
        #expect(queued.map(\.record.id) == ["a1"])
    }
}
