import Testing
import VigilCore
import VigilTestSupport

/// Markers git does not parse as a trailer block, earlier names and domains of tools, tools named in
/// free-text trailers, and the near misses beside each that must stay human.
@Suite struct RecentMarkerTests {
    static let aiCommits: [(SampleCommit, String)] = [
        // Crush's footer and trailer in one paragraph: git reads no trailer block there.
        (
            SampleCommit(
                """
                Add the mortality table loader

                💘 Generated with Crush (GLM-5.3-flash)
                Assisted-by: Crush:glm-5.2
                """), "crush"
        ),
        (
            SampleCommit(
                """
                Implement mortality table loader from Excel files

                - Parse the historical tables
                - Validate age range coverage

                💘 Generated with Crush
                Co-Authored-By: Crush <crush@charm.land>
                """), "crush"
        ),
        // An indented trailer block: the squashed commits' messages of `git merge --squash`.
        (
            SampleCommit(
                """
                Squashed commit of the following:

                commit 4f1c2a9e0b7d6c5e4f3a2b1c0d9e8f7a6b5c4d3e
                Author: Dana Developer <dana@example.com>

                    Add the retry policy

                    Co-authored-by: Claude <noreply@anthropic.com>
                """), "claude-code"
        ),
        // A footer with another emoji and no link.
        (
            SampleCommit(
                """
                Add the pricing page

                ✨ Generated with [Claude Code](https://claude.ai/code)
                """), "claude-code"
        ),
        (SampleCommit("Add the pricing page\n\nGenerated with Claude Code\n"), "claude-code"),
        (
            SampleCommit(
                """
                Add read-only mode to the issue tools

                Co-authored-by: Copilot App <223556219+Copilot@users.noreply.github.com>
                """), "copilot"
        ),
        (
            SampleCommit(
                """
                Potential fix for code scanning alert no. 5: Workflow does not contain permissions

                Co-authored-by: Copilot Autofix powered by AI <62310815+github-advanced-security[bot]@users.noreply.github.com>
                """), "copilot"
        ),
        (
            SampleCommit(
                """
                Fix the release workflow

                Signed-off-by: Claude Code <noreply@anthropic.com>
                """), "claude-code"
        ),
    ]

    @Test(arguments: aiCommits)
    func recognised(sample: SampleCommit, tool: String) throws {
        let verdict = try AttributionFixture.verdict(sample)
        #expect(verdict.authoredBy == [tool], "\(verdict.evidence)")
    }

    static let nearMisses: [SampleCommit] = [
        // A person called Kiro, and a person whose first name is a tool's.
        SampleCommit("Add the order repository\n", author: Identity("Kiro Tanaka", "kiro@example.com")),
        SampleCommit(
            """
            Fix the release workflow

            Signed-off-by: Claude Monet <claude@monet.example>
            """),
        SampleCommit(
            """
            Fix the release workflow

            Signed-off-by: Claude
            """),
        // "via claude" in prose, and a human Assisted-by that names no AI tool after "via".
        SampleCommit(
            """
            Rework the importer

            The old path went via claude in the review tooling; this removes it.
            """),
        SampleCommit(
            """
            Rework the importer

            Reviewed-by: Sam Reviewer via Claude Monet <sam@example.com>
            """),
        // AI-assisted answered in the negative.
        SampleCommit("Rework the importer\n\nAI-assisted: no\n"),
        SampleCommit("Rework the importer\n\nAI-assisted: none\n"),
        // A colleague at Warp, not its agent.
        SampleCommit("Fix the tab bar\n\nCo-authored-by: Dana <dana@warp.dev>\n"),
        // Trailers quoted in a middle paragraph, indented among prose, or quoted with `>`.
        SampleCommit(
            """
            Strip attribution lines

            The footer used to read
            💘 Generated with Crush
            Co-Authored-By: Crush <crush@charm.land>
            in every commit.

            The hook now removes both.
            """),
        SampleCommit(
            """
            Revert the attribution hook

            This reverts the change that appended
                Co-authored-by: Claude <noreply@anthropic.com>
            to every commit message.
            """),
        SampleCommit(
            """
            Revert the attribution hook

            > Co-authored-by: Claude <noreply@anthropic.com>
            """),
        SampleCommit(
            """
            Document the termai rename

            Crush used to be called termai.
            """),
    ]

    @Test(arguments: nearMisses)
    func nearMissStaysHuman(sample: SampleCommit) throws {
        let verdict = try AttributionFixture.verdict(sample)
        #expect(verdict == .human, "\(verdict.evidence)")
    }

    // MARK: - Suggestions

    static let squashWithSuggestion = SampleCommit(
        """
        Add the workspace trust dialog (#8123)

        * Add the dialog and its settings

        * Apply suggestions from code review

        ---------

        Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>
        Co-authored-by: Sam Reviewer <sam@example.com>
        """)

    @Test func reviewBotSuggestionIsNotAuthorship() throws {
        let verdict = try AttributionFixture.verdict(Self.squashWithSuggestion)
        #expect(!verdict.isAI)
        #expect(verdict.authoredBy.isEmpty)
        #expect(verdict.suggestedBy == ["gemini-code-assist"])
        #expect(verdict.committedBy.isEmpty)
        #expect(!verdict.isInAIScope)
    }

    @Test func settingPutsSuggestionsInScopeWithoutMakingThemAI() throws {
        let attributor = try Attributor(settings: AttributionSettings(suggestionsCountAsAI: true))
        let verdict = try AttributionFixture.verdict(Self.squashWithSuggestion, attributor: attributor)
        #expect(verdict.isInAIScope)
        #expect(!verdict.isAI)
        #expect(verdict.suggestedBy == ["gemini-code-assist"])
    }

    @Test func agentAndReviewBotOnOneCommitKeepTheirRoles() throws {
        var sample = Self.squashWithSuggestion
        sample.message += "\nCo-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>\n"
        let verdict = try AttributionFixture.verdict(sample)
        #expect(verdict.isAI)
        #expect(verdict.authoredBy == ["claude-code"])
        #expect(verdict.suggestedBy == ["gemini-code-assist"])
        #expect(verdict.tools == ["claude-code", "gemini-code-assist"])
    }

    @Test func copilotSuggestionAndAutofixDiffer() throws {
        let suggestion = try AttributionFixture.verdict(
            SampleCommit("Apply suggestion from @Copilot\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>\n"))
        #expect(suggestion.suggestedBy == ["copilot-reviewer"])
        #expect(!suggestion.isAI)
        let autofix = try AttributionFixture.verdict(
            SampleCommit(
                "Fix path injection\n\n"
                    + "Co-authored-by: Copilot Autofix powered by AI <175728472+Copilot@users.noreply.github.com>\n"))
        #expect(autofix.authoredBy == ["copilot"])
        #expect(autofix.suggestedBy.isEmpty)
    }

    // MARK: - Identities

    @Test func catalogueAnswersWhoIsATool() {
        let catalogue = Attributor.builtin
        #expect(catalogue.tool(forIdentity: "Claude", email: "noreply@anthropic.com") == "claude-code")
        #expect(catalogue.tool(forIdentity: "Claude Code", email: "") == "claude-code")
        #expect(catalogue.tool(forIdentity: "Oz", email: "oz-agent@warp.dev") == "warp")
        #expect(catalogue.tool(forIdentity: "Kiro Agent", email: "") == "kiro")
        #expect(
            catalogue.tool(
                forIdentity: "gemini-code-assist[bot]", email: "176961590+gemini-code-assist[bot]@users.noreply.github.com")
                == "gemini-code-assist")
        #expect(catalogue.tool(forIdentity: "Kiro Tanaka", email: "kiro@example.com") == nil)
        #expect(catalogue.tool(forIdentity: "Claude Monet", email: "claude@monet.example") == nil)
        #expect(catalogue.tool(forIdentity: "", email: "") == nil)
    }
}
