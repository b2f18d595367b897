import Testing
import VigilCore
import VigilStore

/// `queue list`'s filters, each on its own and together.
@Suite struct AlertFilterTests {
    let store: SQLiteAlertStore

    init() async throws {
        store = try QueueFixtures.store()
        _ = try await store.record(
            [
                QueueFixtures.record(
                    "k1", check: "secrets.aws-access-key-id", severity: .critical, tools: ["claude-code"],
                    time: "2026-11-29T10:00:00Z"),
                QueueFixtures.record(
                    "k2", repo: "/srv/git/b.git", check: "secrets", severity: .high, tools: ["aider"],
                    time: "2026-11-30T10:00:00Z"),
                QueueFixtures.record(
                    "k3", check: "secretsx.other", severity: .low, tools: [], time: "2026-11-30T11:00:00Z"),
                QueueFixtures.record(
                    "k4", check: "mass_deletion", severity: .medium, tools: ["claude-code", "codex"],
                    time: "2026-12-01T09:00:00Z"),
                QueueFixtures.record(
                    "k5", check: "mass%deletion", severity: .info, tools: ["claude"],
                    time: "2026-12-01T09:30:00Z"),
            ], progress: nil, followUp: false)
        _ = try await store.transition(id: "k2", to: .acked, by: "dana", note: nil)
        _ = try await store.transition(id: "k3", to: .dismissed, by: "dana", note: "noise")
    }

    func ids(_ filter: AlertFilter) async throws -> [String] {
        try await store.alerts(matching: filter).map(\.record.id)
    }

    @Test func states() async throws {
        #expect(try await ids(AlertFilter()) == ["k1", "k4", "k5"])
        #expect(try await ids(AlertFilter(states: [.acked, .dismissed])) == ["k2", "k3"])
        #expect(try await ids(AlertFilter(states: nil)) == ["k1", "k2", "k3", "k4", "k5"])
        #expect(try await ids(AlertFilter(states: [])) == [])
    }

    @Test func checkFamiliesAndExactIds() async throws {
        #expect(try await ids(AlertFilter(states: nil, check: "secrets")) == ["k1", "k2"])
        #expect(try await ids(AlertFilter(states: nil, check: "secrets.aws-access-key-id")) == ["k1"])
        #expect(try await ids(AlertFilter(states: nil, check: "secrets.aws")) == [])
        // `_` and `%` are characters, not wildcards.
        #expect(try await ids(AlertFilter(states: nil, check: "mass_deletion")) == ["k4"])
        #expect(try await ids(AlertFilter(states: nil, check: "mass%deletion")) == ["k5"])
        #expect(try await ids(AlertFilter(states: nil, check: "SECRETS")) == [])
    }

    @Test func severityToolRepositorySinceAndLimit() async throws {
        #expect(try await ids(AlertFilter(states: nil, minimumSeverity: .high)) == ["k1", "k2"])
        #expect(try await ids(AlertFilter(states: nil, minimumSeverity: .info)).count == 5)
        #expect(try await ids(AlertFilter(states: nil, tool: "claude-code")) == ["k1", "k4"])
        #expect(try await ids(AlertFilter(states: nil, tool: "claude")) == ["k5"])
        #expect(try await ids(AlertFilter(states: nil, tool: "claude%")) == [])
        #expect(try await ids(AlertFilter(states: nil, repository: "/srv/git/b.git")) == ["k2"])
        #expect(try await ids(AlertFilter(states: nil, since: "2026-11-30T11:00:00Z")) == ["k3", "k4", "k5"])
        #expect(try await ids(AlertFilter(states: nil, limit: 2)) == ["k1", "k2"])
        #expect(try await ids(AlertFilter(states: nil, limit: 0)) == [])
        #expect(
            try await ids(
                AlertFilter(states: [.open], repository: "/srv/git/app.git", minimumSeverity: .medium, tool: "codex"))
                == ["k4"])
    }
}
