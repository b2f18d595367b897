import VigilTestSupport

/// Samples for renamed and new agents, review bots and tools named in free-text trailers, written as
/// the tools (or the people following a project's policy) write them.
extension CatalogueSamples {
    static let recent: [String: SampleCommit] =
        renamedAndNew.merging(reviewBots) { a, _ in a }.merging(namedInTrailers) { a, _ in a }

    static let warpAgent = Identity("Oz", "oz-agent@warp.dev")
    static let kiroAgent = Identity("Kiro Agent", "dana@example.com")
    static let kiloAgent = Identity("Dana Developer (gastown)", "dana@gastown.kilo.ai")
    static let codexSandbox = Identity("Codex", "codex@openai.com")

    static let renamedAndNew: [String: SampleCommit] = [
        "aider.trailer-dev": SampleCommit(
            """
            feat: Add --watch-files flag to the CLI

            Co-authored-by: aider (anthropic/claude-3-7-sonnet-20250219) <noreply@aider.dev>
            """),
        "codex.identity": SampleCommit("Fix flaky retry test in queue worker\n", author: codexSandbox),
        "codex.identity-committer": SampleCommit(
            "Fix flaky retry test in queue worker\n", author: FixtureRepository.human, committer: codexSandbox),
        "crush.termai-footer": SampleCommit(
            """
            Add a spinner while the model responds

            🤖 Generated with termai
            """),
        "crush.termai-trailer": SampleCommit(
            """
            Fix the session list scrolling

            🤖 Generated with termai
            Co-Authored-By: termai <noreply@termai.io>
            """),
        "warp.trailer": SampleCommit(
            """
            Add shell completion for the deploy command

            Co-Authored-By: Oz <oz-agent@warp.dev>
            """),
        "warp.agent-trailer": SampleCommit(
            """
            Handle empty config files on startup

            Co-authored-by: warp-agent <agent@warp.dev>
            """),
        "warp.identity": SampleCommit("Add retry to the upload client\n", author: warpAgent),
        "warp.identity-committer": SampleCommit(
            "Add retry to the upload client\n", author: FixtureRepository.human, committer: warpAgent),
        "kiro.identity": SampleCommit("Implement task 3: add the order repository\n", author: kiroAgent),
        "kiro.identity-committer": SampleCommit(
            "Implement task 3: add the order repository\n", author: FixtureRepository.human, committer: kiroAgent),
        "kilo.identity": SampleCommit("Add rate limiter middleware\n", author: kiloAgent),
        "kilo.identity-committer": SampleCommit(
            "Add rate limiter middleware\n", author: FixtureRepository.human, committer: kiloAgent),
        "firebender.trailer": SampleCommit(
            """
            Migrate the settings screen to Compose

            Co-Authored-By: Firebender <help@firebender.com>
            """),
        "firebender.footer": SampleCommit(
            """
            Migrate the settings screen to Compose

            🤖 Generated with [Firebender](https://firebender.com)
            """),
        "generic.ai-assisted": SampleCommit(
            """
            Speed up the glyph cache lookup

            AI-assisted: ChatGPT (o3) for the benchmark harness
            """),
    ].merging(
        githubApp(
            "gemini-cli", Identity("gemini-cli[bot]", "gemini-cli[bot]@users.noreply.github.com"),
            authored: "chore(release): v0.9.0-nightly.20251001\n",
            squashed: "218195315+gemini-cli[bot]@users.noreply.github.com")
    ) { a, _ in a }

    static let reviewBots: [String: SampleCommit] =
        githubApp(
            "coderabbit", Identity("coderabbitai[bot]", "136622811+coderabbitai[bot]@users.noreply.github.com"),
            authored: "Apply suggestions from code review\n",
            squashed: "136622811+coderabbitai[bot]@users.noreply.github.com"
        )
        .merging(
            githubApp(
                "copilot-reviewer",
                Identity(
                    "copilot-pull-request-reviewer[bot]",
                    "175728472+copilot-pull-request-reviewer[bot]@users.noreply.github.com"),
                authored: "Apply suggestion from code review\n",
                squashed: "175728472+copilot-pull-request-reviewer[bot]@users.noreply.github.com")
        ) { a, _ in a }.merging(
            githubApp(
                "sourcery", Identity("sourcery-ai[bot]", "58596630+sourcery-ai[bot]@users.noreply.github.com"),
                authored: "Apply suggestions from code review\n",
                squashed: "58596630+sourcery-ai[bot]@users.noreply.github.com")
        ) { a, _ in a }.merging([
            "copilot-reviewer.suggestion": SampleCommit(
                """
                Apply suggestion from @Copilot

                Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>
                """)
        ]) { a, _ in a }

    /// One sample per tool named in a free-text trailer, each in the form seen in real histories.
    static let namedInTrailers: [String: SampleCommit] = [
        "claude-code.named-trailer": SampleCommit(
            """
            Fix off-by-one in the ring buffer

            Assisted-by: claude-opus-4-5 via Claude Code <noreply@anthropic.com>
            """),
        "codex.named-trailer": SampleCommit(
            """
            Fix off-by-one in the ring buffer

            AI-assisted: Codex
            """),
        "copilot.named-trailer": SampleCommit(
            """
            Fix off-by-one in the ring buffer

            Signed-off-by: GitHub Copilot <copilot@github.com>
            """),
        "cursor.named-trailer": SampleCommit(
            """
            Fix off-by-one in the ring buffer

            Assisted-by: gpt-5 via Cursor
            """),
        "gemini-cli.named-trailer": SampleCommit(
            """
            fix(cli): handle a missing settings file

            Signed-off-by: gemini-cli[bot] <gemini-cli[bot]@users.noreply.github.com>
            """),
        "crush.named-trailer": SampleCommit(
            """
            Add the history view

            Assisted-by: GLM-4.6 via Crush <crush@charm.land>
            """),
        "aider.named-trailer": SampleCommit(
            """
            Add the history view

            AI-assisted: aider with gpt-4.1
            """),
        "opencode.named-trailer": SampleCommit(
            """
            Add the history view

            Assisted-by: kimi-k2 via opencode
            """),
        "amp.named-trailer": SampleCommit(
            """
            Add the history view

            Signed-off-by: Amp <amp@ampcode.com>
            """),
        "warp.named-trailer": SampleCommit(
            """
            Add the history view

            Assisted-by: claude-sonnet-4-5 via Warp
            """),
        "kiro.named-trailer": SampleCommit(
            """
            Add the history view

            AI-assisted: Kiro
            """),
        "firebender.named-trailer": SampleCommit(
            """
            Add the history view

            Assisted-by: gpt-5 via Firebender <help@firebender.com>
            """),
    ]
}
