import Testing
import VigilCore
import VigilGit
import VigilTestSupport

/// git-ai authorship logs under `refs/notes/ai`, written with `git notes` and read back with VigilGit.
@Suite struct GitAINoteTests {
    @Test func theSpecExampleIsClaudeWithItsLines() throws {
        let verdict = try AttributionFixture.verdict(
            SampleCommit("Add the config parser\n", note: CatalogueSamples.gitAINoteExample))
        #expect(verdict.authoredBy == ["claude-code"])
        #expect(verdict.attributedLines == [AttributedLines(path: "src/lib.rs", ranges: [1...50], tool: "claude-code")])
        let evidence = try #require(verdict.evidence.first)
        #expect(evidence.marker == .note)
        #expect(evidence.signature == "git-ai.note")
        #expect(evidence.text == "authorship/3.0.0: claude claude-sonnet-4-5-20250514 wrote 50 lines in 1 file")
    }

    /// The legacy layout (git-ai before 1.4): bare 16-hex keys resolved through `prompts`.
    @Test func legacyPromptKeysNameTheirTools() throws {
        let note = """
            src/main.rs
              abcd1234abcd1234 1-10,15-20
              e5be5f8723e02b52 25,30-35
            "src/my file.rs"
              abcd1234abcd1234 1-50
              abcd1234abcd1234 40-60
            ---
            {
              "schema_version": "authorship/3.0.0",
              "git_ai_version": "1.0.23",
              "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
              "prompts": {
                "abcd1234abcd1234": {
                  "agent_id": {
                    "tool": "cursor", "id": "6ef2299e-a67f-432b-aa80-3d2fb4d28999", "model": "claude-4.5-opus"
                  },
                  "human_author": "Developer <dev@example.com>",
                  "messages": [{"type": "user", "text": "Add error handling", "timestamp": "2025-12-05T01:22:13.211Z"}],
                  "total_additions": 25, "total_deletions": 5, "accepted_lines": 20, "overriden_lines": 0
                },
                "e5be5f8723e02b52": {
                  "agent_id": {
                    "tool": "gemini", "id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890", "model": "gemini-2.5-pro"
                  },
                  "messages": [], "total_additions": 6, "total_deletions": 0, "accepted_lines": 6, "overriden_lines": 0
                }
              }
            }
            """
        let verdict = try AttributionFixture.verdict(SampleCommit("Add error handling\n", note: note))
        #expect(verdict.authoredBy == ["cursor", "gemini-cli"])
        #expect(
            verdict.attributedLines == [
                AttributedLines(path: "src/main.rs", ranges: [1...10, 15...20], tool: "cursor"),
                AttributedLines(path: "src/main.rs", ranges: [25...25, 30...35], tool: "gemini-cli"),
                AttributedLines(path: "src/my file.rs", ranges: [1...60], tool: "cursor"),
            ])
        #expect(
            verdict.evidence.map(\.text).first == "authorship/3.0.0: cursor claude-4.5-opus wrote 76 lines in 2 files")
    }

    @Test func onlyHumanKeysIsHuman() throws {
        let note = """
            src/lib.rs
              h_31dce776f88375 1-60
            ---
            {"schema_version":"authorship/3.0.0","base_commit_sha":"7734793b","prompts":{},
             "humans":{"h_31dce776f88375":{"author":"Dev <dev@example.com>"}},"sessions":{}}
            """
        #expect(try AttributionFixture.verdict(SampleCommit("Tidy up\n", note: note)) == .human)
    }

    @Test func legacyKeyWithoutAPromptRecordIsNotAI() throws {
        let note = """
            src/lib.rs
              d9978a8723e02b52 1-4
            ---
            {"schema_version":"authorship/3.0.0","base_commit_sha":"7734793b","prompts":{}}
            """
        #expect(try AttributionFixture.verdict(SampleCommit("Tidy up\n", note: note)) == .human)
    }

    @Test func notesThatAreNotAuthorshipLogsAreIgnored() throws {
        let note = "Reviewed-by: Dana Developer <dana@example.com>\nTested on staging.\n"
        #expect(try AttributionFixture.verdict(SampleCommit("Tidy up\n", note: note)) == .human)
    }

    @Test func unknownAgentToolsKeepACleanedName() throws {
        let note = """
            app.py
              s_0123456789abcd::t_0123456789abcd 3-4
            ---
            {"schema_version":"authorship/3.0.0","sessions":{"s_0123456789abcd":{"agent_id":{"tool":"Kiro IDE"}}}}
            """
        let verdict = try AttributionFixture.verdict(SampleCommit("Tidy up\n", note: note))
        #expect(verdict.authoredBy == ["kiroide"])
    }

    @Test func noteAndTrailerEvidenceCombine() throws {
        let verdict = try AttributionFixture.verdict(
            SampleCommit(
                "Add the config parser\n\nCo-authored-by: Codex <noreply@openai.com>\n",
                note: CatalogueSamples.gitAINoteExample))
        #expect(verdict.authoredBy == ["codex", "claude-code"])
        #expect(verdict.evidence.map(\.marker) == [.trailer, .note])
    }

    @Test func disablingTheGitAIEntryStopsReadingNotes() throws {
        let attributor = try Attributor(settings: AttributionSettings(disabled: ["git-ai.note"]))
        #expect(!attributor.readsNotes)
        #expect(try Attributor(settings: AttributionSettings()).readsNotes)
        let verdict = try AttributionFixture.verdict(
            SampleCommit("Add the config parser\n", note: CatalogueSamples.gitAINoteExample), attributor: attributor)
        #expect(verdict == .human)
    }

    @Test func notesUnderAnotherRefAreNotRead() throws {
        let fixture = try FixtureRepository()
        let sha = try fixture.commit("Add the config parser\n")
        let file = fixture.root + "/note"
        try fixture.write("../note", CatalogueSamples.gitAINoteExample)
        try fixture.git(["notes", "add", "-F", file, sha])
        let (commit, note) = try AttributionFixture.read(sha, in: fixture)
        #expect(note == nil)
        #expect(try Attributor(settings: AttributionSettings()).verdict(for: commit, note: note) == .human)
    }
}

extension GitAINoteTests {
    @Test func verdictReadsTheNoteFromTheRepository() throws {
        let fixture = try FixtureRepository()
        let sha = try fixture.commit("Add the config parser\n")
        try AttributionFixture.attach(CatalogueSamples.gitAINoteExample, to: sha, in: fixture)
        let repository = try Repository(path: fixture.path)
        let commit = try repository.commit(try #require(ObjectID(hex: sha)))
        let withNotes = try Attributor(settings: AttributionSettings())
        let elsewhere = try Attributor(settings: AttributionSettings(notesRef: "refs/notes/other"))
        #expect(try withNotes.verdict(for: commit, in: repository).authoredBy == ["claude-code"])
        #expect(try elsewhere.verdict(for: commit, in: repository) == .human)
    }
}
