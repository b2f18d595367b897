/// The rest of the catalogue: cloud and command-line agents, GitHub App bots, project policies
/// and git-ai notes. Sources are the citations in ai-markers.md.
extension BuiltinSignatures {
    // MARK: - Cloud agents

    static let cloudAgents: [AttributionSignature] =
        .githubApp(
            "devin", "devin", slug: "devin-ai-integration", source: "git-ai agent_detection.rs; commits (id 158243242)")
        + [
            .footer(
                "devin.footer", "devin", #"^(?:[^ \t]+[ \t]+)?Generated with \[Devin\]\(https://cli\.devin\.ai/docs\)\s*$"#,
                keywords: ["devin"], source: "Devin CLI commits (Generated with [Devin](https://cli.devin.ai/docs))")
        ]
        + .githubApp(
            "jules", "jules", slug: "google-labs-jules",
            source: "commits; a dumped Jules VM setup script (id 161369871)")
        + .identity(
            "openhands.identity", "openhands", email: #"(?i)^openhands@all-hands\.dev$"#, keywords: ["all-hands.dev"],
            source: "OpenHands openhands/agenthub/codeact_agent/prompts/system_prompt.j2")
        + [
            .trailer(
                "openhands.trailer", "openhands", #"^co-authored-by:[^<\n]*<openhands@all-hands\.dev>"#,
                keywords: ["all-hands.dev"], source: "OpenHands codeact_agent/prompts/system_prompt.j2")
        ]
        + .githubApp(
            "factory-droid", "factory-droid", slug: "factory-droid",
            source: "commits; git-ai attribution_recovery.rs (id 138933559)")
        + .githubApp("roo-code", "roo-code", slug: "roomote", source: "git-ai agent_detection.rs; commits")
        + [
            .trailer(
                "roo-code.trailer", "roo-code", #"^co-authored-by:[^<\n]*<roomote@roocode\.com>"#,
                keywords: ["roocode.com"], source: "commits (Roomote / Roo Code co-author)"),
            .trailer(
                "replit.commit-author", "replit", #"^replit-commit-author:\s*(?:agent|assistant)\b"#,
                keywords: ["replit-commit-author"], source: "commits; CHAOSS ai-detection-action"),
            .trailer(
                "replit.session", "replit",
                #"^replit-commit-(?:session-id|checkpoint-type|event-id|screenshot-url):\s*\S"#,
                keywords: ["replit-commit-"], source: "commits; CHAOSS ai-detection-action (Replit session ids)"),
            .trailer(
                "entire.trailer", "entire", #"^entire-(?:checkpoint|session|agent|strategy|metadata):\s*\S"#,
                keywords: ["entire-"], source: "CHAOSS ai-detection-action (entireio trailers)"),
        ]

    // MARK: - Command-line agents

    static let cliAgents: [AttributionSignature] = [
        .trailer(
            "gemini-cli.trailer", "gemini-cli", #"^co-authored-by:[^<\n]*<(?:\d+\+)?gemini-cli@users\.noreply\."#,
            keywords: ["gemini-cli"], source: "google-gemini/gemini-cli#12419 (hand-written convention)"),
        .trailer(
            "gemini-cli.aittributor", "gemini-cli", #"^co-authored-by:[^<\n]*<gemini-cli-agent@google\.com>"#,
            keywords: ["gemini-cli-agent"], source: "block/aittributor src/agent.rs"),
        .trailer(
            "qwen-code.trailer", "qwen-code", #"^co-authored-by:[^<\n]*<qwen-coder@alibabacloud\.com>"#,
            keywords: ["qwen-coder"], source: "QwenLM/qwen-code packages/core/src/tools/shell.ts (gitCoAuthor)"),
        .footer(
            "opencode.footer", "opencode", #"(?i)^🤖 Generated with (?:\[opencode\]\(https://opencode\.ai\)|opencode)\s*$"#,
            keywords: ["opencode"], source: "opencode-ai/opencode PR #337; anomalyco/opencode#1135"),
        .trailer(
            "opencode.trailer", "opencode", #"^co-authored-by:[^<\n]*<noreply@opencode\.ai>"#,
            keywords: ["opencode.ai"], source: "opencode-ai/opencode PR #337"),
        // 💘 today; other emoji, none, emphasis or the model in parentheses in other versions and hands.
        .footer(
            "crush.footer", "crush",
            #"^(?:[^ \t]+[ \t]+)?\*?Generated with (?:\[Crush\]\([^)\s]*\)|Crush)(?:\s*\([^)\n]{1,80}\))?\*?\s*$"#,
            keywords: ["crush"],
            source: "charmbracelet/crush internal/agent/tools/bash.md.tpl and its history"),
        .trailer(
            "crush.assisted-by", "crush", #"^assisted-by:\s*crush\b"#, keywords: ["crush"],
            source: "charmbracelet/crush internal/config/config.go (default trailer_style)"),
        .trailer(
            "crush.trailer", "crush", #"^co-authored-by:[^<\n]*<(?:crush@|noreply@crush\.)charm\.land>"#,
            keywords: ["charm.land"],
            source: "charmbracelet/crush README (trailer_style = co-authored-by); noreply@crush.charm.land in its history"),
        .trailer(
            "amp.trailer", "amp", #"^co-authored-by:[^<\n]*<amp@ampcode\.com>"#, keywords: ["ampcode.com"],
            source: "commits (e.g. ghostty)"),
        .trailer(
            "amp.thread", "amp", #"^amp-thread-id:\s*\S"#, keywords: ["amp-thread-id"],
            source: "commits (Amp-Thread-ID: https://ampcode.com/threads/T-…)"),
        .trailer(
            "goose.trailer", "goose", #"^co-authored-by:[^<\n]*<opensource@block\.xyz>"#, keywords: ["block.xyz"],
            source: "block/aittributor src/agent.rs"),
        .trailer(
            "cline.trailer", "cline", #"^co-authored-by:[^<\n]*<noreply@cline\.bot>"#, keywords: ["cline.bot"],
            source: "block/aittributor src/agent.rs"),
        .trailer(
            "amazon-q.trailer", "amazon-q", #"^co-authored-by:\s*amazon q\b[^<\n]*<noreply@amazon\.com>"#,
            keywords: ["amazon"], source: "block/aittributor src/agent.rs"),
        .trailer(
            "windsurf.trailer", "windsurf", #"^co-authored-by:[^<\n]*<noreply@(?:windsurf|codeium)\.com>"#,
            keywords: ["windsurf", "codeium"], source: "git-ai agent_detection.rs; block/aittributor src/agent.rs"),
    ]

    // MARK: - GitHub App bots

    static let githubApps: [AttributionSignature] =
        .githubApp(
            "amazon-q", "amazon-q", slug: "amazon-q-developer",
            source: "chaoss/ai-detection-action utils.go (208079219)")
        + .githubApp("cline", "cline", slug: "cline", source: "chaoss/ai-detection-action utils.go (205137888)")
        + .githubApp(
            "continue", "continue", slug: "continue", source: "chaoss/ai-detection-action utils.go (230936708)")
        + .githubApp(
            "cody", "cody", slug: "sourcegraph-cody", source: "chaoss/ai-detection-action utils.go (201248094)")
        + .githubApp(
            "jetbrains-ai", "jetbrains-ai", slug: "jetbrains-ai",
            source: "chaoss/ai-detection-action utils.go (220155983)")


    // MARK: - Project policies

    /// Trailers that projects ask contributors to add by hand. They name the tool in free text, so
    /// the tool id is `generic`; Crush's own `Assisted-by: Crush:MODEL` and a tool the catalogue knows
    /// named after "via" (`namedInTrailers`) are left to their tool's entry.
    static let policies: [AttributionSignature] = [
        .trailer(
            "generic.assisted-by", "generic",
            #"^assisted-by:\s*(?!crush\b)(?![^\n]*\bvia\s+(?:"# + NamedTool.allNames + #")\b)\S"#,
            keywords: ["assisted-by"],
            source: "Linux Documentation/process/coding-assistants.rst (2026-01-06); Fedora AI policy (2025-10-22)"),
        .trailer(
            "generic.ai-assisted", "generic",
            #"^ai-assisted:\s*(?!(?:"# + NamedTool.allNames + #"|no|none|false)\b)\S"#,
            keywords: ["ai-assisted"], source: "ghostty and gemini-cli histories (AI-assisted: <tool>)"),
        .trailer(
            "generic.generated-by", "generic", #"^generated-by:\s*\S"#, keywords: ["generated-by"],
            source: "ASF Generative Tooling Guidance (apache.org/legal/generative-tooling.html)"),
        .trailer(
            "generic.co-authored-by-ai", "generic", #"^co-authored-by-ai:\s*\S"#, keywords: ["co-authored-by-ai"],
            source: "OpenLiberty (Co-authored-by-AI: <tool> (<model>))"),
    ]

    // MARK: - git-ai

    /// git-ai's authorship log. The pattern finds the `---` divider that every log has; the note is
    /// then parsed (`GitAINote`) for AI sessions, their tools and the lines they wrote.
    static let gitAI: [AttributionSignature] = [
        AttributionSignature(
            id: gitAINoteID, tool: "git-ai", field: .note, pattern: #"(?m)^---\r?$"#,
            source: "git-ai-project/git-ai specs/git_ai_standard_v3.0.0.md (refs/notes/ai, authorship/3.0.0)")
    ]
}
