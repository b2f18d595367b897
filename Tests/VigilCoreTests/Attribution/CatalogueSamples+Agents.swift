import VigilTestSupport

/// Samples for the agents beyond the big five, the GitHub App bots, policy trailers and git-ai.
extension CatalogueSamples {
    static let agents: [String: SampleCommit] =
        cloudAgents.merging(cliAgents) { a, _ in a }.merging(bots) { a, _ in a }.merging(policies) { a, _ in a }
        .merging(recent) { a, _ in a }

    static let openHands = Identity("openhands", "openhands@all-hands.dev")

    static let cloudAgents: [String: SampleCommit] = [
        "devin.footer": SampleCommit(
            """
            Add rate limiting to the login endpoint

            Generated with [Devin](https://cli.devin.ai/docs)

            Co-Authored-By: Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>
            """),
        "openhands.identity": SampleCommit("Fix failing lint in utils/date.py\n", author: openHands),
        "openhands.identity-committer": SampleCommit(
            "Fix failing lint in utils/date.py\n", author: FixtureRepository.human, committer: openHands),
        "openhands.trailer": SampleCommit(
            """
            Add missing docstrings to the public API

            Co-authored-by: openhands <openhands@all-hands.dev>
            """),
        "roo-code.trailer": SampleCommit(
            """
            Add loading skeleton to the dashboard

            Co-authored-by: Roomote <roomote@roocode.com>
            """),
        "replit.commit-author": SampleCommit(
            """
            Add user profile page with avatar upload

            Replit-Commit-Author: Agent
            Replit-Commit-Session-Id: 7c0f4a5e-2b1d-4c8e-9f3a-6d5e4c3b2a19
            Replit-Commit-Checkpoint-Type: full_checkpoint
            """),
        "replit.session": SampleCommit(
            """
            Improve the layout of the pricing cards

            Replit-Commit-Author: Assistant
            Replit-Commit-Session-Id: 0b9e6f0c-3d41-4a8f-b2c7-91d5e2a4f6b3
            Replit-Commit-Event-Id: 5a4c2e1f-8b7d-4c3e-9f1a-2d6b8e0c4a7f
            """),
        "entire.trailer": SampleCommit(
            """
            Add webhook signature verification

            Entire-Checkpoint: 8f3a2c1d9e4b
            Entire-Session: 2026-03-14-7c9e2f1a-5b3d-4e8f-a6c1-0d2e9f8b7a65
            Entire-Agent: Claude Code
            """),
    ].merging(
        githubApp(
            "devin",
            Identity("devin-ai-integration[bot]", "158243242+devin-ai-integration[bot]@users.noreply.github.com"),
            authored: "Add unit tests for InvoiceCalculator\n",
            squashed: "158243242+devin-ai-integration[bot]@users.noreply.github.com")
    ) { a, _ in a }.merging(
        githubApp(
            "jules",
            Identity("google-labs-jules[bot]", "161369871+google-labs-jules[bot]@users.noreply.github.com"),
            authored: "Update dependencies and fix deprecation warnings\n",
            squashed: "161369871+google-labs-jules[bot]@users.noreply.github.com")
    ) { a, _ in a }.merging(
        githubApp(
            "factory-droid", Identity("factory-droid[bot]", "138933559+factory-droid[bot]@users.noreply.github.com"),
            authored: "Migrate the CI pipeline to reusable workflows\n",
            squashed: "138933559+factory-droid[bot]@users.noreply.github.com")
    ) { a, _ in a }.merging(
        githubApp(
            "roo-code", Identity("roomote[bot]", "219738659+roomote[bot]@users.noreply.github.com"),
            authored: "Fix the broken link in CONTRIBUTING.md\n",
            squashed: "219738659+roomote[bot]@users.noreply.github.com")
    ) { a, _ in a }

    static let cliAgents: [String: SampleCommit] = [
        "gemini-cli.trailer": SampleCommit(
            """
            Add a --json flag to the status command

            Co-authored-by: gemini-cli <218195315+gemini-cli@users.noreply.github.com>
            """),
        "gemini-cli.aittributor": SampleCommit(
            """
            Handle SIGTERM in the worker loop

            Co-authored-by: Gemini CLI Agent <gemini-cli-agent@google.com>
            """),
        "qwen-code.trailer": SampleCommit(
            """
            Add input validation to the signup form

            Co-authored-by: Qwen-Coder <qwen-coder@alibabacloud.com>
            """),
        "opencode.footer": SampleCommit(
            """
            Fix race in the session cache

            🤖 Generated with [opencode](https://opencode.ai)

            Co-Authored-By: opencode <noreply@opencode.ai>
            """),
        "opencode.trailer": SampleCommit(
            """
            Document the retry settings

            Co-Authored-By: opencode <noreply@opencode.ai>
            """),
        "crush.footer": SampleCommit(
            """
            Add pagination to the issues list

            💘 Generated with Crush

            Assisted-by: Crush:claude-sonnet-4-20250514
            """),
        "crush.assisted-by": SampleCommit(
            """
            Fix the panic on an empty config file

            Assisted-by: Crush:gpt-5
            """),
        "crush.trailer": SampleCommit(
            """
            Add a man page for the CLI

            💘 Generated with Crush

            Co-Authored-By: Crush <crush@charm.land>
            """),
        "amp.trailer": SampleCommit(
            """
            macOS: fix the titlebar tab drag region

            Co-authored-by: Amp <amp@ampcode.com>
            Amp-Thread-ID: https://ampcode.com/threads/T-5d2f9a7c-1b3e-4c8d-9e6f-0a1b2c3d4e5f
            """),
        "amp.thread": SampleCommit(
            """
            Simplify the renderer's glyph cache

            Amp-Thread-ID: https://ampcode.com/threads/T-0c4e8a2b-6d1f-4e3a-b5c7-9f2d1e8a6b40
            """),
        "goose.trailer": SampleCommit(
            """
            Add a Makefile target for the docs

            Co-authored-by: Goose <opensource@block.xyz>
            """),
        "cline.trailer": SampleCommit(
            """
            Convert the settings page to React hooks

            Co-authored-by: Cline <noreply@cline.bot>
            """),
        "amazon-q.trailer": SampleCommit(
            """
            Add an S3 lifecycle rule for old logs

            Co-authored-by: Amazon Q Developer <noreply@amazon.com>
            """),
        "windsurf.trailer": SampleCommit(
            """
            Replace moment with date-fns

            Co-authored-by: Windsurf <noreply@codeium.com>
            """),
    ]

    static let bots: [String: SampleCommit] =
        githubApp(
            "amazon-q",
            Identity("amazon-q-developer[bot]", "208079219+amazon-q-developer[bot]@users.noreply.github.com"),
            authored: "Add unit tests for the billing service\n",
            squashed: "208079219+amazon-q-developer[bot]@users.noreply.github.com"
        )
        .merging(
            githubApp(
                "cline", Identity("cline[bot]", "205137888+cline[bot]@users.noreply.github.com"),
                authored: "Fix the memory leak in the image cache\n",
                squashed: "205137888+cline[bot]@users.noreply.github.com")
        ) { a, _ in a }.merging(
            githubApp(
                "continue", Identity("continue[bot]", "230936708+continue[bot]@users.noreply.github.com"),
                authored: "Update the API docs for v2 endpoints\n",
                squashed: "230936708+continue[bot]@users.noreply.github.com")
        ) { a, _ in a }.merging(
            githubApp(
                "cody", Identity("sourcegraph-cody[bot]", "201248094+sourcegraph-cody[bot]@users.noreply.github.com"),
                authored: "Add missing null checks in the parser\n",
                squashed: "201248094+sourcegraph-cody[bot]@users.noreply.github.com")
        ) { a, _ in a }.merging(
            githubApp(
                "jetbrains-ai", Identity("jetbrains-ai[bot]", "220155983+jetbrains-ai[bot]@users.noreply.github.com"),
                authored: "Refactor the repository layer to use coroutines\n",
                squashed: "220155983+jetbrains-ai[bot]@users.noreply.github.com")
        ) { a, _ in a }.merging(
            githubApp(
                "gemini-code-assist",
                Identity("gemini-code-assist[bot]", "176961590+gemini-code-assist[bot]@users.noreply.github.com"),
                authored: "Update src/server/routes.ts\n",
                squashed: "176961590+gemini-code-assist[bot]@users.noreply.github.com")
        ) { a, _ in a }

    static let policies: [String: SampleCommit] = [
        "generic.assisted-by": SampleCommit(
            """
            drm/amdgpu: fix NULL dereference in amdgpu_ras_eeprom_init

            The RAS table pointer is only set once the EEPROM was probed.

            Assisted-by: Claude:claude-3-opus coccinelle sparse
            Signed-off-by: Dana Developer <dana@example.com>
            """),
        "generic.generated-by": SampleCommit(
            """
            Add Javadoc to the configuration builder

            Generated-by: ChatGPT 4o
            """),
        "generic.co-authored-by-ai": SampleCommit(
            """
            Add a null check to the JAX-RS client builder

            Co-authored-by-AI: GitHub Copilot (GPT-4.1)
            """),
        "git-ai.note": SampleCommit(
            "Add the config parser\n", note: gitAINoteExample, expectedTool: "claude-code"),
    ]

    /// The example from ai-markers.md §3, verbatim.
    static let gitAINoteExample = """
        src/lib.rs
          s_e7f2a90b31cc48::t_deadbeef012345 1-50
          h_31dce776f88375 51-60
        ---
        {"schema_version":"authorship/3.0.0","git_ai_version":"1.4.5",
         "base_commit_sha":"7734793b…","prompts":{},
         "humans":{"h_31dce776f88375":{"author":"Dev <dev@example.com>"}},
         "sessions":{"s_e7f2a90b31cc48":{"agent_id":{"tool":"claude",
           "id":"conv_abc123","model":"claude-sonnet-4-5-20250514"},
           "human_author":"dev@example.com"}}}
        """
}
