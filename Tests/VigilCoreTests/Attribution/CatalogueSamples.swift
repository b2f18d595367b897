import VigilTestSupport

typealias Identity = FixtureRepository.Identity

/// One realistic commit per built-in catalogue entry, with the markers written verbatim as the tools
/// (and ai-markers.md) write them. `BuiltinCatalogueTests` requires a sample for every entry.
enum CatalogueSamples {
    static let all: [String: SampleCommit] = vendors.merging(agents) { first, _ in first }

    /// A person's GitHub noreply identity, as claude-code-action and Copilot write co-authors.
    static let requester = Identity("dana-dev", "12345678+dana-dev@users.noreply.github.com")

    static let vendors: [String: SampleCommit] =
        claudeCode.merging(aider) { a, _ in a }.merging(copilot) { a, _ in a }.merging(codex) { a, _ in a }
        .merging(cursor) { a, _ in a }

    // MARK: - Claude Code

    static let claudeWeb = Identity("Claude", "noreply@anthropic.com")

    static let claudeCode: [String: SampleCommit] = [
        "claude-code.trailer": SampleCommit(
            """
            Fix off-by-one in pagination cursor

            The cursor pointed at the last row of the previous page, so every page
            after the first repeated one item.

            Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>
            """),
        "claude-code.footer": SampleCommit(
            """
            Add retry with backoff to the webhook sender

            - Retry 5xx and connection errors up to three times
            - Log the final failure with the delivery id

            🤖 Generated with [Claude Code](https://claude.ai/code)

            Co-Authored-By: Claude <noreply@anthropic.com>
            """),
        "claude-code.session": SampleCommit(
            """
            Add CSV export to the reports page

            Co-Authored-By: Claude <noreply@anthropic.com>
            Claude-Session: https://claude.ai/code/session_011CUNyA2bH6X5xN1q7kLZ8m
            """),
        "claude-code.session-url": SampleCommit(
            """
            Handle an empty search query

            Return the default listing instead of a 400 when q is blank.

            https://claude.ai/code/session_011CUNyA2bH6X5xN1q7kLZ8m
            """),
        "claude-code.web": SampleCommit("Refactor the settings parser into smaller functions\n", author: claudeWeb),
        "claude-code.web-committer": SampleCommit(
            "Rename UserStore.fetch to load\n", author: FixtureRepository.human, committer: claudeWeb),
    ].merging(
        githubApp(
            "claude-code", Identity("claude[bot]", "41898282+claude[bot]@users.noreply.github.com"),
            authored: """
                fix: handle a missing locale in the date formatter

                Co-authored-by: dana-dev <12345678+dana-dev@users.noreply.github.com>
                """,
            squashed: "209825114+claude[bot]@users.noreply.github.com")
    ) { a, _ in a }

    // MARK: - Aider

    static let aiderUser = Identity("Dana Developer (aider)", "dana@example.com")

    static let aider: [String: SampleCommit] = [
        "aider.name-suffix": SampleCommit(
            "feat: Add --dry-run flag to the sync command\n", author: aiderUser, committer: aiderUser),
        "aider.name-suffix-committer": SampleCommit(
            "Update README with install steps\n", author: FixtureRepository.human, committer: aiderUser),
        "aider.trailer": SampleCommit(
            """
            feat: Add retry with exponential backoff to fetch_url

            Co-authored-by: aider (anthropic/claude-sonnet-4-20250514) <aider@aider.chat>
            """),
        "aider.trailer-noreply": SampleCommit(
            """
            refactor: Extract validate_config from main

            Co-authored-by: aider (gpt-4o) <noreply@aider.chat>
            """),
        "aider.subject-prefix": SampleCommit("aider: Added type hints to parse_args and load_config\n"),
    ]

    // MARK: - GitHub Copilot

    static let copilotAgent = Identity("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com")

    static let copilot: [String: SampleCommit] = [
        "copilot.agent": SampleCommit(
            """
            Fix null reference in OrderService.GetTotal

            Co-authored-by: dana-dev <12345678+dana-dev@users.noreply.github.com>
            """, author: copilotAgent),
        "copilot.agent-committer": SampleCommit(
            "Merge branch 'main' into copilot/fix-order-total\n", author: FixtureRepository.human,
            committer: copilotAgent),
        "copilot.agent-trailer": SampleCommit(
            """
            Fix null reference in OrderService.GetTotal (#231)

            * Initial plan

            * Guard against orders without lines

            Co-authored-by: copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>
            Co-authored-by: dana-dev <12345678+dana-dev@users.noreply.github.com>
            """),
        "copilot.agent-logs": SampleCommit(
            """
            Add pagination to /api/orders

            Co-authored-by: dana-dev <12345678+dana-dev@users.noreply.github.com>
            Agent-Logs-Url: https://github.com/acme/shop/sessions/3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d
            """),
        "copilot.cli": SampleCommit(
            """
            Add a health check endpoint

            Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>
            """),
        "copilot.vscode": SampleCommit(
            """
            Simplify the token refresh logic

            Co-authored-by: Copilot <copilot@github.com>
            """),
        "copilot.autofix": SampleCommit(
            """
            Potential fix for code scanning alert no. 12: Uncontrolled data used in path expression

            Co-authored-by: Copilot Autofix powered by AI <175728472+Copilot@users.noreply.github.com>
            """),
    ]

    // MARK: - Codex

    static let codex: [String: SampleCommit] = [
        "codex.trailer": SampleCommit(
            """
            Stream large exports instead of buffering them

            Co-authored-by: Codex <noreply@openai.com>
            """),
        "codex.session": SampleCommit(
            """
            Add request id to every log line

            Codex-Session: 019a3c2e-7b1f-7d22-9c4e-2f1a6b8d3e50
            """),
    ].merging(
        githubApp(
            "codex.connector",
            Identity("chatgpt-codex-connector[bot]", "199175422+chatgpt-codex-connector[bot]@users.noreply.github.com"),
            authored: "[codex] Add a health check endpoint\n",
            squashed: "199175422+chatgpt-codex-connector[bot]@users.noreply.github.com")
    ) { a, _ in a }.merging(
        githubApp(
            "codex.openai", Identity("openai-codex[bot]", "215057067+openai-codex[bot]@users.noreply.github.com"),
            authored: "Fix flaky timeout in the integration tests\n",
            squashed: "215057067+openai-codex[bot]@users.noreply.github.com")
    ) { a, _ in a }

    // MARK: - Cursor

    static let cursorAgent = Identity("Cursor Agent", "cursoragent@cursor.com")

    static let cursor: [String: SampleCommit] = [
        "cursor.agent": SampleCommit("Refactor auth middleware to use async/await\n", author: cursorAgent),
        "cursor.agent-committer": SampleCommit(
            "Apply review suggestions\n", author: FixtureRepository.human, committer: cursorAgent),
        "cursor.trailer": SampleCommit(
            """
            Add dark mode toggle to settings

            Co-authored-by: Cursor <cursoragent@cursor.com>
            """),
        "cursor.made-with": SampleCommit(
            """
            Fix typo in the onboarding email

            Made-with: Cursor
            """),
        "cursor.session": SampleCommit(
            """
            Cache the feature flag lookups

            Cursor-Session: 6ef2299e-a67f-432b-aa80-3d2fb4d28999
            """),
    ].merging(
        githubApp(
            "cursor", Identity("cursor[bot]", "206951365+cursor[bot]@users.noreply.github.com"),
            authored: "fix: Prevent double submit on the checkout form\n",
            squashed: "206951365+cursor[bot]@users.noreply.github.com")
    ) { a, _ in a }

    // MARK: - GitHub App bots

    /// A bot's three entries: it authored a commit, it committed someone else's, and GitHub named it
    /// as co-author when squash-merging its pull request. (Since 2023 GitHub also puts a `---------`
    /// line before those trailers, which libgit2 1.5 mistakes for a patch divider: see
    /// `VerdictRulesTests.squashMergeDividerHidesTrailersFromLibgit2`.)
    static func githubApp(
        _ prefix: String, _ bot: Identity, authored message: String, squashed email: String
    ) -> [String: SampleCommit] {
        [
            prefix + ".bot": SampleCommit(message, author: bot),
            prefix + ".bot-committer": SampleCommit(
                "Merge branch 'main' into feature/retry\n", author: FixtureRepository.human, committer: bot),
            prefix + ".bot-trailer": SampleCommit(
                """
                Add retry to webhook delivery (#412)

                * Add exponential backoff

                * Address review comments

                Co-authored-by: \(bot.name) <\(email)>
                """),
        ]
    }
}
