import Testing
import VigilCore
import VigilTestSupport

/// `[[attribution.signatures]]`, `disabled` and `builtin = false`, and the problems they can have.
@Suite struct OperatorSignatureTests {
    static let acmeAgent = Identity("Acme Agent", "agent@acme.example")

    @Test func addedSignatureMarksItsTool() throws {
        let settings = AttributionSettings(signatures: [
            SignatureSpec(
                id: "acme.author", tool: "acme-agent", field: .authorEmail, pattern: #"(?i)^agent@acme\.example$"#,
                line: 12)
        ])
        let attributor = try Attributor(settings: settings)
        let verdict = try AttributionFixture.verdict(
            SampleCommit("Rotate the staging keys\n", author: Self.acmeAgent), attributor: attributor)
        #expect(verdict.authoredBy == ["acme-agent"])
        #expect(
            verdict.evidence == [
                Evidence(
                    tool: "acme-agent", marker: .author, text: "Acme Agent <agent@acme.example>",
                    signature: "acme.author")
            ])
        #expect(attributor.signatures.last?.source == "operator configuration, line 12")
        // The catalogue is still there.
        let claude = try AttributionFixture.verdict(
            SampleCommit("Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"), attributor: attributor)
        #expect(claude.authoredBy == ["claude-code"])
    }

    @Test func operatorTrailerPatternsIgnoreKeyCase() throws {
        let settings = AttributionSettings(signatures: [
            SignatureSpec(id: "acme.trailer", tool: "acme-agent", field: .trailer, pattern: #"^Made-By: Acme Agent\b"#)
        ])
        let verdict = try AttributionFixture.verdict(
            SampleCommit("Fix\n\nmade-by: Acme Agent v2\n"), attributor: try Attributor(settings: settings))
        #expect(verdict.authoredBy == ["acme-agent"])
        #expect(verdict.evidence.first?.text == "made-by: Acme Agent v2")
    }

    @Test func operatorMessagePatternsSeeSubjectAndFooterButNotProse() throws {
        let settings = AttributionSettings(signatures: [
            SignatureSpec(id: "acme.message", tool: "acme-agent", field: .message, pattern: #"^\[acme-agent\]"#)
        ])
        let attributor = try Attributor(settings: settings)
        let subject = try AttributionFixture.verdict(
            SampleCommit("[acme-agent] Bump the base image\n"), attributor: attributor)
        let footer = try AttributionFixture.verdict(
            SampleCommit("Bump the base image\n\nSee the ticket.\n\n[acme-agent] run 4411\n"), attributor: attributor)
        let prose = try AttributionFixture.verdict(
            SampleCommit("Bump the base image\n\n[acme-agent] used to tag these.\n\nNot any more.\n"),
            attributor: attributor)
        #expect(subject.authoredBy == ["acme-agent"])
        #expect(footer.authoredBy == ["acme-agent"])
        #expect(prose == .human)
    }

    @Test func operatorNotePattern() throws {
        let settings = AttributionSettings(signatures: [
            SignatureSpec(id: "acme.note", tool: "acme-agent", field: .note, pattern: #"(?m)^agent-run: \d+$"#)
        ])
        let verdict = try AttributionFixture.verdict(
            SampleCommit("Bump\n", note: "agent-run: 4411\n"), attributor: try Attributor(settings: settings))
        #expect(verdict.authoredBy == ["acme-agent"])
        #expect(verdict.evidence.first?.text == "agent-run: 4411")
    }

    @Test func sameIDReplacesTheBuiltIn() throws {
        // Only count Claude trailers that name an Opus model.
        let settings = AttributionSettings(signatures: [
            SignatureSpec(
                id: "claude-code.trailer", tool: "claude-code", field: .trailer,
                pattern: #"^co-authored-by:\s*claude opus[^<]*<noreply@anthropic\.com>"#)
        ])
        let attributor = try Attributor(settings: settings)
        #expect(attributor.signatures.filter { $0.id == "claude-code.trailer" }.count == 1)
        #expect(attributor.signatures.count == BuiltinSignatures.all.count)
        let plain = try AttributionFixture.verdict(
            SampleCommit("Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"), attributor: attributor)
        let opus = try AttributionFixture.verdict(
            SampleCommit("Fix\n\nCo-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n"),
            attributor: attributor)
        #expect(plain == .human)
        #expect(opus.authoredBy == ["claude-code"])
    }

    @Test func disabledSwitchesBuiltInsOff() throws {
        let attributor = try Attributor(settings: AttributionSettings(disabled: ["claude-code.footer"]))
        #expect(!attributor.signatures.contains { $0.id == "claude-code.footer" })
        let footer = try AttributionFixture.verdict(
            SampleCommit("Add retry\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n"),
            attributor: attributor)
        let trailer = try AttributionFixture.verdict(
            SampleCommit("Add retry\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"), attributor: attributor)
        #expect(footer == .human)
        #expect(trailer.authoredBy == ["claude-code"])
    }

    @Test func builtinFalseDropsTheCatalogue() throws {
        let settings = AttributionSettings(
            builtin: false,
            signatures: [SignatureSpec(id: "acme.author", tool: "acme-agent", field: .authorEmail, pattern: "@acme\\.")]
        )
        let attributor = try Attributor(settings: settings)
        #expect(attributor.signatures.map(\.id) == ["acme.author"])
        #expect(!attributor.readsNotes)
        let claude = try AttributionFixture.verdict(
            SampleCommit("Fix\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"), attributor: attributor)
        let acme = try AttributionFixture.verdict(SampleCommit("Fix\n", author: Self.acmeAgent), attributor: attributor)
        #expect(claude == .human)
        #expect(acme.authoredBy == ["acme-agent"])
    }

    @Test func invalidPatternNamesTheKeyAndLine() throws {
        let settings = AttributionSettings(signatures: [
            SignatureSpec(id: "acme.ok", tool: "acme-agent", field: .trailer, pattern: "^acme:", line: 10),
            SignatureSpec(id: "acme.bad", tool: "acme-agent", field: .authorName, pattern: "(?<name", line: 14),
        ])
        let error = #expect(throws: ConfigProblems.self) { try Attributor(settings: settings, file: "vigil.toml") }
        let problems = try #require(error?.problems)
        #expect(problems.count == 1)
        #expect(problems.first?.key == "attribution.signatures[1].pattern")
        #expect(problems.first?.line == 14)
        #expect(problems.first?.file == "vigil.toml")
        #expect(problems.first?.description.hasPrefix("vigil.toml:14: attribution.signatures[1].pattern: ") == true)
    }

    @Test func unknownDisabledIDIsAProblem() throws {
        let settings = AttributionSettings(disabled: ["claude-code.footer", "claude-code.foter"])
        let error = #expect(throws: ConfigProblems.self) { try Attributor(settings: settings) }
        let problem = try #require(error?.problems.first)
        #expect(error?.problems.count == 1)
        #expect(problem.key == "attribution.disabled")
        #expect(problem.message.contains("\"claude-code.foter\""))
        #expect(problem.message.contains("claude-code.footer"))
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let settings = AttributionSettings(
            disabled: ["nope.entry"],
            signatures: [
                SignatureSpec(id: "acme.all", tool: "acme-agent", field: .authorEmail, pattern: ".*", line: 3),
                SignatureSpec(id: "acme.all", tool: "acme-agent", field: .authorEmail, pattern: "acme", line: 7),
                SignatureSpec(id: "acme.open", tool: "", field: .trailer, pattern: "[unclosed", line: 9),
            ])
        let error = #expect(throws: ConfigProblems.self) { try Attributor(settings: settings) }
        let keys = error?.problems.map(\.key) ?? []
        #expect(
            keys == [
                "attribution.disabled", "attribution.signatures[0].pattern", "attribution.signatures[1].id",
                "attribution.signatures[2].tool", "attribution.signatures[2].pattern",
            ])
        #expect(error?.problems[1].message.contains("every commit") == true)
    }

    @Test func buildsFromAWholeConfig() throws {
        let config = VigilConfig(attribution: AttributionSettings(disabled: ["bogus"]), source: "/etc/vigil/vigil.toml")
        let error = #expect(throws: ConfigProblems.self) { try Attributor(config: config) }
        #expect(error?.problems.first?.file == "/etc/vigil/vigil.toml")
        #expect(try Attributor(config: VigilConfig()).notesRef == "refs/notes/ai")
    }
}
