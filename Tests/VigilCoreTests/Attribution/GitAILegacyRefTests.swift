import Foundation
import Testing
import VigilGit
import VigilTestSupport

@testable import VigilCore

/// git-ai's older per-commit references, `refs/ai/authorship/<sha>`: read by name, size-limited,
/// in either the note format or the `authorship/0.0.1` JSON.
@Suite struct GitAILegacyRefTests {
    /// A log as git-ai wrote it in its own history (trimmed).
    static let legacyJSON = #"""
        {"files":{".github/workflows/pr-comment.yml":{"file":".github/workflows/pr-comment.yml","authors":[{"author":"Claude","lines":[22],"agent_metadata":null}]},"src/main.rs":{"file":"src/main.rs","authors":[{"author":"Aidan Cunniffe","lines":[[1,9]],"agent_metadata":null},{"author":"ClaudeCode","lines":[[10,71]],"agent_metadata":null}]}},"schema_version":"authorship/0.0.1"}
        """#

    @Test func legacyJSONNamesTheAgentAndItsLines() throws {
        let log = try #require(GitAILegacyLog(Self.legacyJSON))
        #expect(log.entries.map(\.tool) == ["claude-code", "claude-code"])
        #expect(log.entries.map(\.path) == [".github/workflows/pr-comment.yml", "src/main.rs"])
        #expect(log.entries.last?.ranges == [10...71])
        let commit = try AttributionFixture.memoryCommit(message: Array("Add the PR comment workflow\n".utf8))
        let verdict = try Attributor(settings: AttributionSettings()).verdict(for: commit, note: Self.legacyJSON)
        #expect(verdict.authoredBy == ["claude-code"])
        #expect(verdict.evidence.first?.marker == .note)
        #expect(verdict.evidence.first?.text == "authorship/0.0.1: Claude wrote 63 lines in 2 files")
    }

    @Test(arguments: [
        // Only people: not AI.
        #"{"files":{"a.rs":{"authors":[{"author":"Aidan Cunniffe","lines":[[1,9]]}]}},"schema_version":"authorship/0.0.1"}"#,
        // A person whose name contains a tool's.
        #"{"files":{"a.rs":{"authors":[{"author":"Claude Monet","lines":[3]}]}},"schema_version":"authorship/0.0.1"}"#,
        // Broken, wrong schema, wrong shapes, absurd spans.
        #"{"files":{"a.rs":{"authors":[{"author":"Claude","lines":[[1,9]"#,
        #"{"files":{"a.rs":{"authors":[{"author":"Claude","lines":[1]}]}},"schema_version":"other/1"}"#,
        #"{"files":[],"schema_version":"authorship/0.0.1"}"#,
        #"{"files":{"a.rs":{"authors":"Claude"}},"schema_version":"authorship/0.0.1"}"#,
        #"{"files":{"a.rs":{"authors":[{"author":7,"lines":[1]}]}},"schema_version":"authorship/0.0.1"}"#,
        #"{"files":{"a.rs":{"authors":[{"author":"Claude","lines":[[9,1],[0,0],-4,"x",[1,2,3]]}]}},"schema_version":"authorship/0.0.1"}"#,
        String(repeating: "[", count: 100_000),
        "",
    ])
    func brokenOrHumanLogsAreNotAI(text: String) throws {
        let commit = try AttributionFixture.memoryCommit(message: Array("Change\n".utf8))
        let verdict = try Attributor(settings: AttributionSettings()).verdict(for: commit, note: text)
        #expect(!verdict.isAI, "\(verdict.evidence)")
    }

    // MARK: - Reading the reference

    @Test func blobIsReadByNameAndLimitedInSize() throws {
        let fixture = try FixtureRepository()
        let sha = try fixture.commit("Add the workflow", files: ["a.yml": "on: push\n"])
        let blob = try fixture.git(["hash-object", "-w", "--stdin"], input: Data(Self.legacyJSON.utf8))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.git("update-ref", "refs/ai/authorship/\(sha)", blob)
        let repository = try Repository(path: fixture.path)
        #expect(try repository.hasReferences(under: "refs/ai/authorship/"))
        #expect(try !repository.hasReferences(under: "refs/ai/other/"))
        let name = "refs/ai/authorship/\(sha)"
        #expect(try repository.blobText(atReference: name, maxBytes: 1 << 20) == Self.legacyJSON)
        // Over the limit: not loaded at all.
        #expect(try repository.blobText(atReference: name, maxBytes: 16) == nil)
        // Missing, malformed, and a reference to a commit rather than a blob.
        #expect(try repository.blobText(atReference: "refs/ai/authorship/0000", maxBytes: 1 << 20) == nil)
        #expect(try repository.blobText(atReference: "refs/ai/authorship/..", maxBytes: 1 << 20) == nil)
        try fixture.git("update-ref", "refs/ai/authorship/commit", sha)
        #expect(try repository.blobText(atReference: "refs/ai/authorship/commit", maxBytes: 1 << 20) == nil)
    }
}
