import Testing
import VigilCore
import VigilTestSupport

/// How evidence becomes a verdict: authored versus committed, trailer keys, evidence text, footers.
@Suite struct VerdictRulesTests {
    @Test func aiderCommitterSuffixAloneIsNotAuthorship() throws {
        let verdict = try AttributionFixture.verdict(
            SampleCommit(
                "Update README with install steps\n", author: FixtureRepository.human,
                committer: CatalogueSamples.aiderUser))
        #expect(verdict.authoredBy.isEmpty)
        #expect(verdict.committedBy == ["aider"])
        #expect(!verdict.isAI)
        #expect(verdict.tools == ["aider"])
        #expect(verdict.evidence.map(\.marker) == [.committer])
        #expect(verdict.evidence.first?.text == "Dana Developer (aider) <dana@example.com>")
    }

    @Test func authorAndCommitterEvidenceIsAuthorship() throws {
        let aider = CatalogueSamples.aiderUser
        let verdict = try AttributionFixture.verdict(
            SampleCommit("feat: Add --dry-run\n", author: aider, committer: aider))
        #expect(verdict.authoredBy == ["aider"])
        #expect(verdict.committedBy.isEmpty)
        #expect(Set(verdict.evidence.map(\.marker)) == [.author, .committer])
    }

    @Test func committerToolAndTrailerToolStayApart() throws {
        let verdict = try AttributionFixture.verdict(
            SampleCommit(
                """
                Fix the cache key for locales

                Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>
                """, author: FixtureRepository.human, committer: CatalogueSamples.aiderUser))
        #expect(verdict.authoredBy == ["claude-code"])
        #expect(verdict.committedBy == ["aider"])
        #expect(verdict.tools == ["claude-code", "aider"])
    }

    @Test(arguments: [
        "Co-Authored-By: Claude <noreply@anthropic.com>", "Co-authored-by: Claude <noreply@anthropic.com>",
        "co-authored-by: Claude <noreply@anthropic.com>", "CO-AUTHORED-BY: Claude <noreply@anthropic.com>",
    ])
    func trailerKeysMatchInAnyCase(trailer: String) throws {
        let verdict = try AttributionFixture.verdict(SampleCommit("Fix the build\n\n\(trailer)\n"))
        #expect(verdict.authoredBy == ["claude-code"])
        #expect(verdict.evidence.map(\.text) == [trailer])
    }

    @Test func evidenceTextIsTheMatchedTrailerIdentityOrFooterLine() throws {
        let verdict = try AttributionFixture.verdict(
            SampleCommit(
                """
                Add retry

                🤖 Generated with [Claude Code](https://claude.com/claude-code)

                Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>
                """, author: Identity("claude[bot]", "41898282+claude[bot]@users.noreply.github.com")))
        let texts = Dictionary(verdict.evidence.map { ($0.signature, $0.text) }) { first, _ in first }
        #expect(texts["claude-code.bot"] == "claude[bot] <41898282+claude[bot]@users.noreply.github.com>")
        #expect(texts["claude-code.trailer"] == "Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>")
        #expect(texts["claude-code.footer"] == "🤖 Generated with [Claude Code](https://claude.com/claude-code)")
        // Identities first (the bot both wrote and committed), then trailers, then the footer.
        #expect(verdict.evidence.map(\.marker) == [.author, .committer, .trailer, .message])
        #expect(verdict.committedBy.isEmpty)
    }

    @Test func footerAloneFiresInBothURLForms() throws {
        for url in ["https://claude.com/claude-code", "https://claude.ai/code"] {
            let verdict = try AttributionFixture.verdict(
                SampleCommit("Add retry\n\nRetry on 503.\n\n🤖 Generated with [Claude Code](\(url))\n"))
            #expect(verdict.authoredBy == ["claude-code"], "\(url)")
        }
    }

    @Test func footerWithWindowsLineEndingsStillCounts() throws {
        let message = "Add retry\r\n\r\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\r\n"
        let verdict = try AttributionFixture.verdict(SampleCommit(message))
        #expect(verdict.authoredBy == ["claude-code"])
    }

    @Test func longEvidenceIsClipped() throws {
        let model = String(repeating: "Opus ", count: 200)
        let verdict = try AttributionFixture.verdict(
            SampleCommit("Fix\n\nCo-Authored-By: Claude \(model)<noreply@anthropic.com>\n"))
        let text = try #require(verdict.evidence.first?.text)
        #expect(verdict.authoredBy == ["claude-code"])
        #expect(text.unicodeScalars.count == 201)
        #expect(text.hasSuffix("…"))
        #expect(text.hasPrefix("Co-Authored-By: Claude Opus"))
    }

    @Test func severalToolsAreListedOnceInOrder() throws {
        let verdict = try AttributionFixture.verdict(
            SampleCommit(
                """
                Pair on the importer

                Co-Authored-By: Claude <noreply@anthropic.com>
                Co-authored-by: Codex <noreply@openai.com>
                Co-Authored-By: Claude Opus 4.5 <noreply@anthropic.com>
                Co-authored-by: Dana Lee <dana@example.com>
                """))
        #expect(verdict.authoredBy == ["claude-code", "codex"])
        #expect(verdict.evidence.count == 3)
    }

    @Test func crushAssistedByIsCrushNotGeneric() throws {
        let verdict = try AttributionFixture.verdict(SampleCommit("Fix\n\nAssisted-by: Crush:gpt-5\n"))
        #expect(verdict.tools == ["crush"])
    }

    /// GitHub's squash merges put a `---------` line before the co-author trailers. libgit2 1.5 takes
    /// any `---` line for a patch divider and would drop the trailers; VigilGit reads commit messages
    /// the way `git log` does, with no divider, so the bot's co-author line counts.
    @Test func squashMergeDividerKeepsTheTrailers() throws {
        let (commit, _) = try AttributionFixture.commit(
            SampleCommit(
                """
                Fix null reference in OrderService.GetTotal (#231)

                * Initial plan

                ---------

                Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>
                """))
        let verdict = try Attributor(settings: AttributionSettings()).verdict(for: commit, note: nil)
        #expect(commit.trailers.count == 1)
        #expect(verdict.authoredBy == ["copilot"])
    }
}
