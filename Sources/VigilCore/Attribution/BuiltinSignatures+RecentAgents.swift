/// Agents that appeared or were renamed after the first catalogue, and review bots whose markers
/// record an accepted suggestion rather than authorship. Sources are ai-markers.md §7.
extension BuiltinSignatures {
    // MARK: - Renamed and new agents

    static let renamedAndNewAgents: [AttributionSignature] =
        [
            // Crush was called termai; its older history carries the old name's footer and trailer.
            .footer(
                "crush.termai-footer", "crush", #"^(?:[^ \t]+[ \t]+)?\*?Generated with \[?termai\b"#,
                keywords: ["termai"], source: "charmbracelet/crush history (as termai)"),
            .trailer(
                "crush.termai-trailer", "crush", #"^co-authored-by:\s*termai\b[^<\n]*<[^>\n]*@termai\.[a-z]+>"#,
                keywords: ["termai"], source: "charmbracelet/crush history (Co-Authored-By: termai <noreply@termai.io>)"),
            .trailer(
                "warp.trailer", "warp", #"^co-authored-by:[^<\n]*<oz-agent@warp\.dev>"#, keywords: ["warp.dev"],
                source: "warpdotdev/warp issues #9215, #10956 (Co-Authored-By: Oz <oz-agent@warp.dev>)"),
            .trailer(
                "warp.agent-trailer", "warp", #"^co-authored-by:\s*warp-agent\b[^<\n]*<"#, keywords: ["warp-agent"],
                source: "warpdotdev/warp issue #10956 (warp-agent co-author)"),
            .trailer(
                "firebender.trailer", "firebender", #"^co-authored-by:[^<\n]*<help@firebender\.com>"#,
                keywords: ["firebender.com"], source: "git-ai history (Co-Authored-By: Firebender <help@firebender.com>)"),
            .footer(
                "firebender.footer", "firebender",
                #"^(?:[^ \t]+[ \t]+)?Generated with \[Firebender\]\(https://(?:www\.)?firebender\.com/?\)\s*$"#,
                keywords: ["firebender"], source: "git-ai history (🤖 Generated with [Firebender](https://firebender.com))"),
        ]
        + .identity(
            "warp.identity", "warp", email: #"(?i)^oz-agent@warp\.dev$"#, keywords: ["oz-agent"],
            source: "warpdotdev/warp issues #9215, #10956")
        // The fixed identity is "Kiro Agent"; a person called Kiro is not the agent.
        + .identity(
            "kiro.identity", "kiro", name: #"(?i)^kiro agent$"#, keywords: ["kiro agent"],
            source: "kirodotdev/Kiro issue #5437")
        + .identity(
            "kilo.identity", "kilo", email: #"(?i)@gastown\.kilo\.ai$"#, keywords: ["gastown.kilo.ai"],
            source: "Kilo-Org/cloud issue #1001 (<name> (gastown) from @gastown.kilo.ai)")
        + .githubApp(
            "gemini-cli", "gemini-cli", slug: "gemini-cli",
            source: "google-gemini/gemini-cli history (gemini-cli[bot] in GitHub Actions)")

    // MARK: - Review bots

    /// Bots that review pull requests. When someone accepts one of their suggestions, GitHub
    /// co-authors the bot on that commit and on the squash merge of the whole pull request: the bot
    /// suggested a few lines, it did not write the change.
    static let reviewBots: [AttributionSignature] =
        .githubApp(
            "gemini-code-assist", "gemini-code-assist", slug: "gemini-code-assist", role: .suggested,
            source: "google-gemini/gemini-cli#12419 and history (review bot, id 176961590)")
        + .githubApp(
            "coderabbit", "coderabbit", slug: "coderabbitai", role: .suggested,
            source: "commits (\"Apply suggestions from code review\", coderabbitai[bot])")
        + .githubApp(
            "copilot-reviewer", "copilot-reviewer", slug: "copilot-pull-request-reviewer", role: .suggested,
            source: "commits (copilot-pull-request-reviewer[bot] review suggestions)")
        + [
            // "Apply suggestion from @Copilot" co-authors the Copilot account that Autofix also uses;
            // Autofix names itself, a review suggestion does not.
            AttributionSignature(
                id: "copilot-reviewer.suggestion", tool: "copilot-reviewer", field: .trailer,
                pattern: #"^co-authored-by:(?!\s*copilot autofix\b)[^<\n]*<175728472\+copilot@users\.noreply\."#,
                role: .suggested, source: "commits (\"Apply suggestion from @Copilot\", id 175728472)",
                keywords: ["175728472"])
        ]
        + .githubApp(
            "sourcery", "sourcery", slug: "sourcery-ai", role: .suggested,
            source: "commits (sourcery-ai[bot] review suggestions)")

    /// The catalogue's tools whose markers record suggestions, for checks that must know a bot
    /// reviewer from a human one.
    public static let reviewBotTools: Set<String> = Set(reviewBots.map(\.tool))
}
