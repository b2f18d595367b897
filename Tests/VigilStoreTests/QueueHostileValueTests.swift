import Foundation
import Testing
import VigilCore
import VigilStore

/// Values the queue stores as they are: SQL in ids, control characters, huge notes.
@Suite struct QueueHostileValueTests {
    @Test func idsWithQuotesAndSQLAreJustIds() async throws {
        let store = try QueueFixtures.store()
        let ids = [
            "x'); DROP TABLE alert; --", "\"; DELETE FROM alert_history; --", "' OR '1'='1", "%", "_", "a\\b",
            "\u{1b}[31mred\u{1b}[0m", "\u{202e}evil", String(repeating: "z", count: 10_000),
        ]
        let queued = try await store.record(ids.map { QueueFixtures.record($0) }, progress: nil, followUp: false)
        #expect(queued.map(\.record.id) == ids)
        for id in ids {
            #expect(try await store.alert(id: id)?.alert.record.id == id)
            _ = try await store.transition(id: id, to: .acked, by: id, note: id)
        }
        #expect(try await store.alerts(matching: AlertFilter(states: [.acked])).map(\.record.id) == ids)
        #expect(try await store.alert(id: "anything")?.alert == nil)
        #expect(try await store.alerts(matching: AlertFilter(states: nil, check: "%")).isEmpty)
        #expect(try await store.alerts(matching: AlertFilter(states: nil, tool: "' OR '1'='1")).isEmpty)
    }

    @Test func controlCharactersAndHugeNotesRoundTrip() async throws {
        let store = try QueueFixtures.store()
        let repo = "/srv/git/\u{7}bell\n\r\u{1b}]0;title\u{7}\u{202e}.git"
        var record = QueueFixtures.record("h1\u{0}", repo: repo, tools: ["tool\u{0b}\u{85}"])
        record.ref = "refs/heads/\u{1b}[2J"
        _ = try await store.record([record], progress: nil, followUp: false)
        let note = String(repeating: "note \u{1b}[31m\u{0}\u{9c}", count: 1 << 20 / 12)
        #expect(note.utf8.count >= 1 << 20)
        let by = "dana\u{1b}[8m\r\n"
        let acked = try await store.transition(id: "h1\u{0}", to: .acked, by: by, note: note)
        // SQLite would cut text at a NUL; the queue keeps the rest, the NUL shown as U+FFFD.
        let storedNote = note.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        #expect(acked.note == storedNote)
        let stored = try #require(try await store.alert(id: "h1\u{0}"))
        #expect(stored.alert.note == storedNote)
        #expect(stored.alert.by == by)
        #expect(stored.history.last?.note == storedNote)
        #expect(stored.alert.record.repository == repo)
        #expect(stored.alert.record.id == "h1\u{FFFD}")
        #expect(stored.alert.record.ref == record.ref)
        #expect(stored.alert.record.tools == ["tool\u{0b}\u{85}"])
        #expect(
            try await store.alerts(matching: AlertFilter(states: nil, repository: repo, tool: "tool\u{0b}\u{85}")).count
                == 1)
    }

    @Test func hostileProgressRoundTrips() async throws {
        let store = try QueueFixtures.store()
        let refs = Dictionary(
            uniqueKeysWithValues: (0..<2000).map { ("refs/heads/\u{1b}'\"; DROP TABLE repository; -- \($0)", "\($0)") })
        let state = RepositoryState(refs: refs, seen: Set(refs.values))
        let repository = "/srv/git/'); DELETE FROM repository_ref; --"
        _ = try await store.record(
            [], progress: RepositoryProgress(repository: repository, state: state), followUp: false)
        #expect(try await store.repositoryState(repository) == state)
    }
}
