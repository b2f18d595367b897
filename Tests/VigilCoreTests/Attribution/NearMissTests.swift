import Testing
import VigilCore
import VigilTestSupport

/// Commits that mention AI tools, or come from bots, but carry no marker: they must stay human.
@Suite struct NearMissTests {
    static let humanCommits: [SampleCommit] = [
        // Tool names in the subject or body are words, not markers.
        SampleCommit("Ask claude about the flaky test and fix the retry loop\n"),
        SampleCommit("Document how to use Claude Code and Copilot with this repo\n"),
        SampleCommit(
            """
            Remove the old cursor pagination

            Cursor Agent suggested keeping it, but the new API replaces it.
            """),
        // A human co-author, including one whose name happens to be Claude.
        SampleCommit(
            """
            Add SAML login

            Co-authored-by: Jane <jane@example.com>
            """),
        SampleCommit(
            """
            Port the entropy estimator

            Co-authored-by: Claude Shannon <claude@example.com>
            Co-authored-by: Copilot Fan <copilot-fan@example.com>
            """),
        // A marker quoted in the middle of the body, followed by more prose.
        SampleCommit(
            """
            Stop adding attribution trailers

            Per the new policy we used to add "Co-Authored-By: Claude <noreply@anthropic.com>"
            to commits made with the assistant; that is now handled by the review bot.

            The hook is removed and the docs are updated.
            """),
        // A whole-line marker quoted in the body, not in the footer.
        SampleCommit(
            """
            Strip AI footers in the commit-msg hook

            The hook removes lines such as

            🤖 Generated with [Claude Code](https://claude.com/claude-code)

            Co-Authored-By: Claude <noreply@anthropic.com>

            before the commit is recorded, so neither reaches the history.
            """),
        // Quoted and indented footer lines in the last paragraph.
        SampleCommit(
            """
            Revert the footer change

            > 🤖 Generated with [Claude Code](https://claude.com/claude-code)
                💘 Generated with Crush
            """),
        // `aider:` anywhere but at the start of the subject.
        SampleCommit("Revert \"aider: Added type hints to parse_args\"\n"),
        SampleCommit("fix aider: handle a None repo map\n"),
        SampleCommit(
            """
            Update changelog

            aider: Added type hints to parse_args
            """),
        // Policy trailers mentioned in prose are not trailers.
        SampleCommit(
            """
            Document the AI policy

            Contributors must add an Assisted-by: trailer naming the tool.

            Thanks to everyone who reviewed the policy.
            """),
    ]

    @Test(arguments: humanCommits)
    func mentionsAreNotMarkers(sample: SampleCommit) throws {
        let verdict = try AttributionFixture.verdict(sample)
        #expect(verdict == .human, "\(verdict.evidence)")
    }

    static let nonAIBots: [SampleCommit] = [
        SampleCommit(
            """
            Bump lodash from 4.17.20 to 4.17.21

            Bumps [lodash](https://github.com/lodash/lodash) from 4.17.20 to 4.17.21.

            ---
            updated-dependencies:
            - dependency-name: lodash
              dependency-type: direct:production
            ...

            Signed-off-by: dependabot[bot] <support@github.com>
            """,
            author: Identity("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com")),
        SampleCommit(
            "chore(deps): update dependency typescript to v5.4.5\n",
            author: Identity("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com")),
        SampleCommit(
            "Update generated API docs\n",
            author: Identity("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")),
        SampleCommit(
            """
            Release 2.4.0 (#88)

            Co-authored-by: github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>
            """),
        SampleCommit(
            "Merge pull request #12 from acme/feature\n",
            author: FixtureRepository.human, committer: Identity("GitHub", "noreply@github.com")),
    ]

    /// dependabot, renovate and github-actions are bots but not AI; github-actions shares its numeric
    /// id with claude[bot], so matching must be on the login.
    @Test(arguments: nonAIBots)
    func nonAIBotsAreNotAI(sample: SampleCommit) throws {
        let verdict = try AttributionFixture.verdict(sample)
        #expect(verdict == .human, "\(verdict.evidence)")
    }

    @Test func sameIDWithAnotherLoginIsNotClaude() throws {
        let verdict = try AttributionFixture.verdict(
            SampleCommit(
                "Update generated API docs\n",
                author: Identity("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")))
        let claude = try AttributionFixture.verdict(
            SampleCommit(
                "Update generated API docs\n",
                author: Identity("claude[bot]", "41898282+claude[bot]@users.noreply.github.com")))
        #expect(!verdict.isAI)
        #expect(claude.authoredBy == ["claude-code"])
    }

    @Test func aiderPrefixCountsOnlyAtTheStartOfTheSubject() throws {
        let prefixed = try AttributionFixture.verdict(SampleCommit("aider: Added type hints to parse_args\n"))
        let reverted = try AttributionFixture.verdict(SampleCommit("Revert \"aider: Added type hints\"\n"))
        #expect(prefixed.authoredBy == ["aider"])
        #expect(reverted == .human)
    }
}
