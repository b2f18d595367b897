import Testing
import VigilCore
import VigilTestSupport

/// The built-in catalogue: well-formed entries, and every entry firing on a real-world commit.
@Suite struct BuiltinCatalogueTests {
    @Test func idsAreUniqueAndNamedAfterTheirTool() {
        let ids = BuiltinSignatures.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for signature in BuiltinSignatures.all {
            #expect(signature.id.hasPrefix(signature.tool + "."), "\(signature.id)")
            #expect(signature.tool.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(signature.tool)")
            #expect(!signature.source.isEmpty, "\(signature.id) has no source")
        }
    }

    @Test func everyEntryCompilesAndIsConsistent() throws {
        for signature in BuiltinSignatures.all {
            let regex = try Regex(signature.pattern, caseInsensitive: signature.field == .trailer)
            #expect(!regex.matches(""), "\(signature.id) matches empty text")
            #expect(signature.kind == AttributionSignature.kind(of: signature.field), "\(signature.id)")
            for keyword in signature.keywords {
                #expect(keyword == keyword.lowercased() && keyword.allSatisfy(\.isASCII), "\(signature.id)")
            }
            if signature.id != BuiltinSignatures.gitAINoteID {
                #expect(!signature.keywords.isEmpty, "\(signature.id) has no prefilter keyword")
            }
        }
    }

    @Test func coversTheToolsOfAIMarkersMd() {
        let tools = Set(BuiltinSignatures.all.map(\.tool))
        let expected: Set<String> = [
            "claude-code", "aider", "copilot", "codex", "cursor", "devin", "jules", "gemini-cli", "qwen-code",
            "openhands", "opencode", "crush", "amp", "factory-droid", "roo-code", "replit", "entire", "amazon-q",
            "cline", "continue", "cody", "jetbrains-ai", "generic", "git-ai", "warp", "kiro", "firebender", "kilo",
            "gemini-code-assist", "coderabbit", "copilot-reviewer",
        ]
        #expect(expected.isSubset(of: tools), "missing: \(expected.subtracting(tools).sorted())")
    }

    @Test func everyEntryHasASampleAndNoSampleIsStale() {
        let ids = Set(BuiltinSignatures.all.map(\.id))
        let sampled = Set(CatalogueSamples.all.keys)
        #expect(ids.subtracting(sampled).isEmpty, "no sample for: \(ids.subtracting(sampled).sorted())")
        #expect(sampled.subtracting(ids).isEmpty, "sample for no entry: \(sampled.subtracting(ids).sorted())")
    }

    /// Each entry fires on its sample, names only the expected tool, and puts committer-only evidence
    /// in `committedBy`; with the entry disabled, the same commit no longer shows it.
    @Test(arguments: BuiltinSignatures.all.map(\.id))
    func entryFiresOnItsRealWorldSample(id: String) throws {
        let signature = try #require(BuiltinSignatures.signature(id: id))
        let sample = try #require(CatalogueSamples.all[id], "no sample for \(id)")
        let (commit, note) = try AttributionFixture.commit(sample)
        let verdict = try Attributor(settings: AttributionSettings()).verdict(for: commit, note: note)
        let tool = sample.expectedTool ?? signature.tool
        #expect(verdict.evidence.contains { $0.signature == id }, "\(id) did not fire: \(verdict.evidence)")
        #expect(verdict.tools == [tool], "\(id): \(verdict.tools)")
        if signature.kind == .committer {
            #expect(verdict.committedBy == [tool])
            #expect(!verdict.isAI)
        } else if signature.role == .suggested {
            #expect(verdict.suggestedBy == [tool])
            #expect(verdict.authoredBy.isEmpty)
            #expect(!verdict.isAI)
        } else {
            #expect(verdict.authoredBy == [tool])
            #expect(verdict.isAI)
        }
        for evidence in verdict.evidence where evidence.signature == id {
            #expect(evidence.marker == signature.kind)
            #expect(evidence.tool == tool)
            #expect(!evidence.text.isEmpty)
        }
        let disabled = try Attributor(settings: AttributionSettings(disabled: [id])).verdict(for: commit, note: note)
        #expect(!disabled.evidence.contains { $0.signature == id })
    }
}
