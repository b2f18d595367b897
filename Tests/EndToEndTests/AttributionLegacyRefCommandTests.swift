import Foundation
import Testing
import VigilTestSupport

/// `vigil attribution` reading git-ai's older per-commit references when a commit has no note.
@Suite struct AttributionLegacyRefCommandTests {
    @Test func aCommitWithOnlyALegacyRefIsAttributed() throws {
        let repository = try FixtureRepository()
        let human = try repository.commit("Add readme", files: ["README.md": "hello\n"])
        let agent = try repository.commit("Add the workflow", files: ["ci.yml": "on: push\n"])
        let log = #"{"files":{"ci.yml":{"authors":[{"author":"Cursor","lines":[[1,1]]}]}},"schema_version":"authorship/0.0.1"}"#
        let blob = try repository.git(["hash-object", "-w", "--stdin"], input: Data(log.utf8))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try repository.git("update-ref", "refs/ai/authorship/\(agent)", blob)
        // A reference for the human commit that names a commit, not a log, is ignored.
        try repository.git("update-ref", "refs/ai/authorship/\(human)", human)

        let result = try VigilBinary.run(["attribution", repository.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let commits = try result.jsonLines().filter { $0["kind"] as? String == "commit" }
        let attributed = try #require(commits.first { $0["commit"] as? String == agent })
        #expect(attributed["ai"] as? Bool == true)
        #expect(attributed["tools"] as? [String] == ["cursor"])
        let plain = try #require(commits.first { $0["commit"] as? String == human })
        #expect(plain["ai"] as? Bool == false)
    }
}
