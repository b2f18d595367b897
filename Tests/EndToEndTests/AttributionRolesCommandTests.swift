import Foundation
import Testing
import VigilTestSupport

/// `vigil attribution` telling a tool that wrote a change from a review bot that suggested part of
/// it, and `--ai-only`.
@Suite struct AttributionRolesCommandTests {
    let repository: FixtureRepository
    let humanCommit: String
    let suggestionCommit: String
    let claudeCommit: String

    init() throws {
        repository = try FixtureRepository()
        humanCommit = try repository.commit("Add readme", files: ["README.md": "hello\n"])
        suggestionCommit = try repository.commit(
            "Add the trust dialog (#8123)\n\n* Apply suggestions from code review\n\n"
                + "Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>\n",
            files: ["dialog.ts": "export const dialog = 1;\n"])
        claudeCommit = try repository.commit(
            "Add parser\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n",
            files: ["parser.py": "def parse():\n    return 1\n"])
    }

    @Test func jsonShowsWhoWroteAndWhoSuggested() throws {
        let result = try VigilBinary.run(["attribution", repository.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let suggestion = try #require(records.first { $0["commit"] as? String == suggestionCommit })
        #expect(suggestion["ai"] as? Bool == false)
        #expect(suggestion["tools"] as? [String] == [])
        #expect(suggestion["suggested_by"] as? [String] == ["gemini-code-assist"])
        #expect(suggestion["committed_by"] as? [String] == [])
        let claude = try #require(records.first { $0["commit"] as? String == claudeCommit })
        #expect(claude["tools"] as? [String] == ["claude-code"])
        #expect(claude["suggested_by"] as? [String] == [])
        let summary = try #require(records.last)
        #expect(summary["kind"] as? String == "summary")
        #expect(summary["ai_commits"] as? Int == 1)
        #expect(summary["alerts"] == nil)
    }

    @Test func aiOnlyListsOnlyCommitsAToolWrote() throws {
        let json = try VigilBinary.run(["attribution", repository.path, "--ai-only", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let commits = try json.jsonLines().filter { $0["kind"] as? String == "commit" }
        #expect(commits.map { $0["commit"] as? String } == [claudeCommit])
        let text = try VigilBinary.run(["attribution", repository.path, "--ai-only"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains(String(claudeCommit.prefix(12))))
        #expect(!text.stdout.contains(String(suggestionCommit.prefix(12))))
        #expect(!text.stdout.contains(String(humanCommit.prefix(12))))
    }

    @Test func textLabelsASuggestion() throws {
        let result = try VigilBinary.run(["attribution", repository.path])
        #expect(result.status == 0, "\(result.stderr)")
        let row = try #require(
            result.stdout.split(separator: "\n").first { $0.hasPrefix(String(suggestionCommit.prefix(12))) })
        #expect(row.contains("suggested"))
        #expect(row.contains("gemini-code-assist"))
    }
}
