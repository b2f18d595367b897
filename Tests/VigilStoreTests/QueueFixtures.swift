import Foundation
import VigilCore
import VigilStore
import VigilTestSupport

/// Alert records and fresh queues for the store's tests.
enum QueueFixtures {
    static let commit = String(repeating: "ab", count: 20)

    /// A record whose JSON is a `vigil.alert/1` object with the given fields.
    static func record(
        _ id: String, repo: String = "/srv/git/app.git", check: String = "secrets.aws-access-key-id",
        severity: Severity = .high, tools: [String] = ["claude-code"], time: String = "2026-11-29T19:00:00Z",
        title: String = "AWS access key ID", source: AlertSource = .daemon
    ) -> AlertRecord {
        let json = JSONValue.object([
            ("schema", .string("vigil.alert/1")), ("id", .string(id)), ("seq", .null), ("time", .string(time)),
            ("source", .string(source.rawValue)), ("repo", .string(repo)), ("ref", .string("refs/heads/main")),
            ("commit", .string(commit)), ("check", .string(check)), ("severity", .string(severity.rawValue)),
            ("title", .string(title)), ("path", .string("config/prod.py")), ("line", .integer(12)),
        ]).serialized()
        return AlertRecord(
            id: id, repository: repo, ref: "refs/heads/main", commit: commit, check: check, severity: severity,
            tools: tools, time: time, source: source, json: json)
    }

    /// A hex id of 32 digits made from `number`, as alert fingerprints look.
    static func hexID(_ number: Int) -> String {
        let digits = String(number, radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }

    /// A queue in a fresh folder, with a clock that says `time`.
    static func store(
        in folder: String? = nil, time: String = "2026-12-01T10:00:00Z", busyTimeout: Duration = .seconds(30)
    ) throws -> SQLiteAlertStore {
        let folder = try folder ?? ScratchFolder().path
        return try SQLiteAlertStore(
            path: QueueLocation.path(stateDirectory: folder + "/state"), busyTimeout: busyTimeout, now: { time })
    }
}
