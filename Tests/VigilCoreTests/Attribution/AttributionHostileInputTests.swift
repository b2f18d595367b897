import Testing
import VigilCore
import VigilGit
import VigilTestSupport

/// Commit data is attacker-controlled: invalid UTF-8, control characters, huge messages and notes
/// must cost bounded work, never trap, and still give a sensible verdict.
@Suite struct AttributionHostileInputTests {
    let attributor: Attributor

    init() throws {
        attributor = try Attributor(settings: AttributionSettings())
    }

    @Test func invalidUTF8InTheMessageKeepsTheTrailer() throws {
        var bytes = Array("Fix parser \u{FF}".utf8)
        bytes += [0xFF, 0xFE, 0xC3, 0x28, 0x0A, 0x0A, 0xED, 0xA0, 0x80, 0x0A, 0x0A]
        bytes +=
            Array("🤖 Generated with [Claude Code](https://claude.com/claude-code) ".utf8) + [0xF0, 0x9F, 0x0A, 0x0A]
        bytes += Array("Co-Authored-By: Claude <noreply@anthropic.com>\n".utf8)
        let commit = try AttributionFixture.commit(messageBytes: bytes)
        let verdict = attributor.verdict(for: commit, note: nil)
        #expect(verdict.authoredBy == ["claude-code"])
        #expect(verdict.evidence.contains { $0.signature == "claude-code.trailer" })
    }

    @Test func invalidUTF8AloneIsHuman() throws {
        let commit = try AttributionFixture.commit(messageBytes: [0xFF, 0xFE, 0x0A, 0x0A, 0xC0, 0xAF, 0x80, 0x0A])
        #expect(attributor.verdict(for: commit, note: nil) == .human)
    }

    @Test func controlCharactersInNamesAndMessages() throws {
        let escape = "\u{1B}[31m\u{07}\u{08}"
        let sample = SampleCommit(
            "Fix \(escape)the build\u{0B}\u{0C}\n\n\(escape)Generated with Crush\u{7F}\n",
            author: Identity("Eve\(escape) (aider)", "eve\u{01}@example.com"))
        let verdict = try AttributionFixture.verdict(sample)
        #expect(verdict.authoredBy == ["aider"])
        let text = try #require(verdict.evidence.first?.text)
        #expect(text.contains("(aider)"))
    }

    @Test func aMegabyteMessageWithTheMarkerAtTheEnd() throws {
        let prose = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 23_000)
        let message =
            "Import the archive\n\n\(prose)\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n"
        #expect(message.utf8.count > 1_000_000)
        let verdict = try AttributionFixture.verdict(SampleCommit(message))
        #expect(verdict.authoredBy == ["claude-code"])
    }

    @Test func aMegabyteOfNewlinesAndOneHugeLine() throws {
        let newlines = try AttributionFixture.memoryCommit(message: Array(repeating: 0x0A, count: 1 << 20))
        #expect(attributor.verdict(for: newlines, note: nil) == .human)
        let line = try AttributionFixture.memoryCommit(
            message: Array("aider: ".utf8) + Array(repeating: UInt8(ascii: "x"), count: 1 << 20))
        #expect(attributor.verdict(for: line, note: nil).authoredBy == ["aider"])
        let footer = try AttributionFixture.memoryCommit(
            message: Array("Subject\n\n".utf8) + Array(repeating: UInt8(ascii: "y"), count: 1 << 20))
        #expect(attributor.verdict(for: footer, note: nil) == .human)
    }

    @Test func thousandsOfTrailersGiveBoundedEvidence() throws {
        let trailers = (0..<5_000).map { Trailer(key: "Co-authored-by", value: "Claude \($0) <noreply@anthropic.com>") }
        let commit = try AttributionFixture.memoryCommit(message: Array("Fix\n".utf8), trailers: trailers)
        let verdict = attributor.verdict(for: commit, note: nil)
        #expect(verdict.authoredBy == ["claude-code"])
        #expect(verdict.evidence.count <= 64)
    }

    @Test func hugeIdentityAndTrailerValuesAreIgnored() throws {
        let huge = String(repeating: "a", count: 1 << 20)
        let commit = try AttributionFixture.memoryCommit(
            message: Array("Fix\n".utf8), author: AttributionFixture.identity(huge + " (aider)", huge),
            trailers: [Trailer(key: "Co-authored-by", value: "Claude \(huge) <noreply@anthropic.com>")])
        #expect(attributor.verdict(for: commit, note: nil) == .human)
    }

    @Test func emptyMessageAndEmptyIdentities() throws {
        let commit = try AttributionFixture.memoryCommit(message: [], author: AttributionFixture.identity("", ""))
        #expect(attributor.verdict(for: commit, note: nil) == .human)
        #expect(attributor.verdict(for: commit, note: "") == .human)
    }

    static let attestation = "src/a.rs\n  s_e7f2a90b31cc48::t_deadbeef012345 1-5\n---\n"

    @Test(arguments: [
        attestation + #"{"schema_version": "authorship/3.0.0", "sessions": {"#,
        attestation + String(repeating: "[", count: 100_000),
        attestation + #"{"sessions": [1, 2], "prompts": "x"}"#,
        attestation + #"{"sessions": {"s_e7f2a90b31cc48": 7}}"#,
        attestation + "null",
        attestation + "{\"sessions\": {\"s_e7f2a90b31cc48\": {\"agent_id\": {\"tool\": \"cla\u{FFFD}\u{0}",
    ])
    func brokenNoteJSONStillReadsTheAttestations(note: String) throws {
        let commit = try AttributionFixture.memoryCommit(message: Array("Fix\n".utf8))
        let verdict = attributor.verdict(for: commit, note: note)
        #expect(verdict.authoredBy == ["unknown"])
        #expect(verdict.attributedLines == [AttributedLines(path: "src/a.rs", ranges: [1...5], tool: "unknown")])
    }

    @Test func brokenNoteWithOnlyLegacyKeysIsHuman() throws {
        let commit = try AttributionFixture.memoryCommit(message: Array("Fix\n".utf8))
        let note = "src/a.rs\n  d9978a8723e02b52 1-4\n---\n{\"prompts\": {\"d9978a8723e02b52\": "
        #expect(attributor.verdict(for: commit, note: note) == .human)
    }

    @Test func absurdRangesAreDropped() throws {
        let commit = try AttributionFixture.memoryCommit(message: Array("Fix\n".utf8))
        let note = """
            src/a.rs
              s_e7f2a90b31cc48::t_deadbeef012345 0,9-3,99999999999-100000000000,1-2-3,abc,-,,7,-4,5-,20-22
              s_e7f2a90b31cc48::t_deadbeef012345 1-10000000,10000001
            ---
            {"sessions":{"s_e7f2a90b31cc48":{"agent_id":{"tool":"cursor"}}}}
            """
        let verdict = attributor.verdict(for: commit, note: note)
        #expect(verdict.authoredBy == ["cursor"])
        #expect(
            verdict.attributedLines == [AttributedLines(path: "src/a.rs", ranges: [1...10_000_000], tool: "cursor")])
    }

    @Test func aHugeNoteIsCutNotParsedWhole() throws {
        let commit = try AttributionFixture.memoryCommit(message: Array("Fix\n".utf8))
        let entries = String(repeating: "  s_e7f2a90b31cc48::t_deadbeef012345 1-3,5,7-9\n", count: 150_000)
        let note = "src/big.rs\n" + entries + "---\n{}"
        #expect(note.utf8.count > 6_000_000)
        let verdict = attributor.verdict(for: commit, note: note)
        // The divider lies past the cut, so the note is not read as an authorship log.
        #expect(verdict == .human)
    }

    @Test func controlCharactersAndHostileToolNamesInANote() throws {
        let commit = try AttributionFixture.memoryCommit(message: Array("Fix\n".utf8))
        // JSON escapes, so the decoded tool name really holds ESC and NUL.
        let tool = #"\u001b[2J Evil\u0000Tool!! "# + String(repeating: "x", count: 10_000)
        let note = """
            "src/\u{1B}odd path.rs"
              s_e7f2a90b31cc48::t_deadbeef012345 1-2
            ---
            {"sessions":{"s_e7f2a90b31cc48":{"agent_id":{"tool":"\(tool)","model":"\\u0007"}}}}
            """
        let verdict = attributor.verdict(for: commit, note: note)
        let tools = verdict.authoredBy
        #expect(tools.count == 1)
        #expect(tools.first?.hasPrefix("2jeviltool") == true)
        #expect(tools.allSatisfy { $0.utf8.count <= 40 && $0.allSatisfy { $0.isLetter || $0.isNumber } })
        #expect(verdict.evidence.allSatisfy { $0.text.unicodeScalars.count <= 201 })
        #expect(verdict.attributedLines.first?.path == "src/\u{1B}odd path.rs")
    }
}
