import Foundation
import VigilCore
import VigilTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Alerts and log files for the alert log and follow-up tests.
enum AlertLogFixture {
    /// A queued-alert record numbered `number`, its JSON built the way the engine builds it.
    static func record(_ number: Int, message: String = "Add parser", title: String = "AWS access key")
        -> AlertRecord
    {
        let id = String(format: "%032x", number)
        let commit = String(format: "%040x", number * 7919)
        let json = JSONValue.object([
            ("schema", .string("vigil.alert/1")), ("id", .string(id)), ("seq", .null),
            ("time", .string("2026-12-01T00:00:00Z")), ("source", .string("daemon")),
            ("repo", .string("/srv/git/app.git")), ("ref", .string("refs/heads/main")), ("commit", .string(commit)),
            ("check", .string("secrets.aws-access-key-id")), ("severity", .string("high")),
            ("title", .string(title)), ("path", .string("src/app.py")), ("line", .integer(number)),
            ("evidence", .string("AKIA…(redacted, 20 chars, sha256:9f2c1ab3)")),
            ("ai", .object([("tools", .strings(["claude-code"])), ("evidence", .array([]))])),
            ("message", .string(message)),
        ])
        return AlertRecord(
            id: id, repository: "/srv/git/app.git", ref: "refs/heads/main", commit: commit,
            check: "secrets.aws-access-key-id", severity: .high, tools: ["claude-code"],
            time: "2026-12-01T00:00:00Z", source: .daemon, json: json.serialized())
    }

    static func records(_ numbers: ClosedRange<Int>) -> [AlertRecord] { numbers.map { record($0) } }

    /// The log's lines, each parsed; a line that is not a JSON object fails the test.
    static func loggedLines(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard text.isEmpty || text.hasSuffix("\n") else { throw LogFixtureError("the log ends in a partial line") }
        return try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw LogFixtureError("not a JSON object: \(line)")
            }
            return object
        }
    }

    /// The seqs of the log's lines, in file order.
    static func loggedSeqs(_ path: String) throws -> [Int] {
        try loggedLines(path).map { ($0["seq"] as? Int) ?? -1 }
    }

    static func mode(_ path: String) -> mode_t {
        var status = stat()
        guard stat(path, &status) == 0 else { return 0 }
        return status.st_mode & 0o7777
    }
}

struct LogFixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
