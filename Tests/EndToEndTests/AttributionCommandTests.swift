import Foundation
import Testing
import VigilTestSupport

/// `vigil attribution` run as a user would: the built binary against a real repository.
@Suite struct AttributionCommandTests {
    let repository: FixtureRepository
    let claudeCommit: String
    let humanCommit: String

    init() throws {
        repository = try FixtureRepository()
        humanCommit = try repository.commit("Add readme", files: ["README.md": "hello\n"])
        claudeCommit = try repository.commit(
            "Add parser\n\nParses the thing.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
                + "Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n",
            files: ["parser.py": "def parse():\n    return 1\n"])
    }

    @Test func jsonListsEveryCommitWithEvidenceAndASummary() throws {
        let result = try VigilBinary.run(["attribution", repository.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let commits = records.filter { $0["kind"] as? String == "commit" }
        #expect(commits.count == 2)
        let claude = try #require(commits.first { $0["commit"] as? String == claudeCommit })
        #expect(claude["ai"] as? Bool == true)
        #expect(claude["repo"] as? String == repository.path)
        #expect((claude["tools"] as? [String])?.contains("claude-code") == true)
        let evidence = try #require(claude["evidence"] as? [[String: Any]])
        #expect(evidence.contains { $0["marker"] as? String == "trailer" })
        let human = try #require(commits.first { $0["commit"] as? String == humanCommit })
        #expect(human["ai"] as? Bool == false)
        let summary = try #require(records.last)
        #expect(summary["kind"] as? String == "summary")
        #expect(summary["commits"] as? Int == 2)
        #expect(summary["ai_commits"] as? Int == 1)
        #expect(summary["errors"] as? Int == 0)
    }

    @Test func textIsAnAlignedTable() throws {
        let result = try VigilBinary.run(["attribution", repository.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("COMMIT") == true)
        let row = try #require(lines.first { $0.hasPrefix(String(claudeCommit.prefix(12))) })
        #expect(row.contains("yes"))
        #expect(row.contains("claude-code"))
        // Columns line up: the AI column starts at the same offset in the header and the rows.
        let header = try #require(lines.first)
        #expect(header.range(of: "AI")?.lowerBound.utf16Offset(in: header) == 14)
        #expect(row.range(of: "yes")?.lowerBound.utf16Offset(in: row) == 14)
    }

    @Test func aRangeSelectsOnlyItsCommits() throws {
        let result = try VigilBinary.run(["attribution", repository.path, "\(humanCommit)..\(claudeCommit)", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let commits = try result.jsonLines().filter { $0["kind"] as? String == "commit" }
        #expect(commits.map { $0["commit"] as? String } == [claudeCommit])
    }

    @Test func terminalEscapesFromTheRepositoryAreNeutralised() throws {
        let hostile = FixtureRepository.Identity("Mallory \u{1B}]0;pwned\u{07}\u{1B}[2J", "m@example.com")
        try repository.commit("Innocent \u{1B}[31mred\u{1B}[0m subject \u{202E}txt.exe", author: hostile)
        let result = try VigilBinary.run(["attribution", repository.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("\u{07}"))
        #expect(!result.stdout.contains("\u{202E}"))
        #expect(result.stdout.contains("\\x1b"))
        let json = try VigilBinary.run(["attribution", repository.path, "--format", "json"])
        #expect(!json.stdout.contains("\u{1B}"))
    }
}

/// Repositories and arguments that are wrong: a clear message and exit 2, never a crash.
@Suite struct AttributionCommandErrorTests {
    @Test func aMissingRepositoryExits2WithItsName() throws {
        let result = try VigilBinary.run(["attribution", "/nonexistent/vigil-repo"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/vigil-repo"))
        #expect(result.stdout.isEmpty, "no table header before the error")
    }

    @Test func aFolderThatIsNotARepositoryExits2() throws {
        let folder = try FixtureRepository.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try VigilBinary.run(["attribution", folder])
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a git repository"))
    }

    @Test func anUnknownRevisionExits2() throws {
        let repository = try FixtureRepository()
        try repository.commit("one", files: ["a": "1\n"])
        let result = try VigilBinary.run(["attribution", repository.path, "no-such-branch"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-branch"))
    }

    @Test func anEmptyRepositoryHasNoCommits() throws {
        let repository = try FixtureRepository()
        let result = try VigilBinary.run(["attribution", repository.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try result.jsonLines().last)
        #expect(summary["commits"] as? Int == 0)
    }
}
