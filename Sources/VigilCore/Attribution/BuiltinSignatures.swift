/// Vigil's built-in catalogue of the markers AI coding tools leave in commits, one entry per marker,
/// each with the public source where it was seen (see ai-markers.md). Operators switch entries off
/// with `attribution.disabled`, replace one by reusing its id, or drop all with `builtin = false`.
///
/// Patterns are written for the text one field yields: trailer patterns see one `Key: value` line
/// and match case-insensitively; identity patterns see a name or an email; message patterns see
/// one footer line (or the subject, for subject-scoped entries).
public enum BuiltinSignatures {
    /// Every entry, in the order evidence is reported.
    public static let all: [AttributionSignature] =
        claudeCode + aider + copilot + codex + cursor + cloudAgents + cliAgents + renamedAndNewAgents
        + githubApps + reviewBots + namedInTrailers + policies + gitAI

    /// The entry with this id, if the catalogue has one.
    public static func signature(id: String) -> AttributionSignature? {
        all.first { $0.id == id }
    }

    /// The id of the entry that reads git-ai notes; it is parsed, not just matched.
    public static let gitAINoteID = "git-ai.note"

    // MARK: - Claude Code

    static let claudeCode: [AttributionSignature] =
        [
            .trailer(
                "claude-code.trailer", "claude-code", #"^co-authored-by:\s*claude\b[^<\n]*<noreply@anthropic\.com>"#,
                keywords: ["anthropic.com"],
                source: "anthropics/claude-code CHANGELOG.md 2.0.60 (model in the name), 2.0.62 (attribution.commit)"),
            // Any leading emoji or none, with or without the link: the wording changed over releases
            // and projects rewrite the emoji.
            .footer(
                "claude-code.footer", "claude-code",
                #"^(?:[^ \t]+[ \t]+)?Generated (?:with|by) (?:\[Claude Code\]\(https://[^\s)]+\)|Claude Code)\s*\.?\s*$"#,
                keywords: ["claude code"],
                source: "anthropics/claude-code scripts/comment-on-duplicates.sh; issues #9224, #14241"),
            .trailer(
                "claude-code.session", "claude-code", #"^claude-session:\s*https?://\S+"#,
                keywords: ["claude-session"],
                source: "anthropics/claude-code CHANGELOG 2.1.9, 2.1.183 (attribution.sessionUrl); issue #77830"),
            .footer(
                "claude-code.session-url", "claude-code", #"^https://claude\.ai/code/session_[A-Za-z0-9_-]+\s*$"#,
                keywords: ["claude.ai/code/session_"],
                source: "anthropics/claude-code CHANGELOG 2.1.9 (the bare session URL line before the trailer)"),
        ]
        + .identity(
            "claude-code.web", "claude-code", email: #"(?i)^noreply@anthropic\.com$"#, keywords: ["anthropic.com"],
            source: "git-ai src/authorship/agent_detection.rs (\"claude-web\")")
        + .githubApp(
            "claude-code", "claude-code", slug: "claude",
            source: "anthropics/claude-code-action src/github/constants.ts, operations/git-config.ts")

    // MARK: - Aider

    static let aider: [AttributionSignature] =
        .identity(
            "aider.name-suffix", "aider", name: #"\s\(aider\)\s*$"#, keywords: ["(aider)"],
            source: "Aider-AI/aider aider/repo.py (GIT_AUTHOR_NAME / GIT_COMMITTER_NAME); docs/git.md")
        + [
            .trailer(
                "aider.trailer", "aider", #"^co-authored-by:\s*aider\b[^<\n]*<aider@aider\.chat>"#,
                keywords: ["aider.chat"],
                source: "Aider-AI/aider aider/repo.py, on by default from v0.85.0; HISTORY.md"),
            .trailer(
                "aider.trailer-dev", "aider", #"^co-authored-by:\s*aider\b[^<\n]*<noreply@aider\.dev>"#,
                keywords: ["aider.dev"], source: "Aider-AI/aider history (2025-04, before the aider.chat domain)"),
            .trailer(
                "aider.trailer-noreply", "aider", #"^co-authored-by:\s*aider\b[^<\n]*<noreply@aider\.chat>"#,
                keywords: ["aider.chat"],
                source: "Aider-AI/aider v0.83-0.84 opt-in trailer; commits 15806aa6a, e2d3fc459"),
            AttributionSignature(
                id: "aider.subject-prefix", tool: "aider", field: .message, pattern: #"^aider: \S"#, scope: .subject,
                source: "Aider-AI/aider aider/args.py --attribute-commit-message-author/-committer",
                keywords: ["aider: "]),
        ]

    // MARK: - GitHub Copilot

    static let copilot: [AttributionSignature] =
        .identity(
            "copilot.agent", "copilot",
            email: #"(?i)^(?:\d+\+)?(?:copilot|copilot-swe-agent\[bot\])@users\.noreply\."#, keywords: ["copilot"],
            source: "git-ai agent_detection.rs tests (copilot-swe-agent[bot] <198982749+Copilot@…>); commits")
        + [
            .trailer(
                "copilot.agent-trailer", "copilot", #"^co-authored-by:[^<\n]*<198982749\+copilot@users\.noreply\."#,
                keywords: ["198982749"],
                source: "ai-markers.md §2 (coding agent id 198982749); co-author trailers of squash-merged agent PRs"),
            .trailer(
                "copilot.agent-logs", "copilot", #"^agent-logs-url:\s*https?://\S+/sessions/"#,
                keywords: ["agent-logs-url"],
                source: "github/docs about-coding-agent.md (commit e0c9dcb); GitHub changelog 2026-03-20"),
            .trailer(
                "copilot.cli", "copilot", #"^co-authored-by:[^<\n]*<223556219\+copilot@users\.noreply\."#,
                keywords: ["223556219"],
                source: "github/copilot-cli changelog.md v0.0.410; community discussion #203517"),
            .trailer(
                "copilot.vscode", "copilot", #"^co-authored-by:\s*copilot\b[^<\n]*<copilot@github\.com>"#,
                keywords: ["copilot@github.com"], source: "VS Code git.addAICoAuthor (1.117 default all, 1.119 off)"),
            // Autofix co-authors as the Copilot account or as the code scanning app that runs it.
            .trailer(
                "copilot.autofix", "copilot",
                #"^co-authored-by:\s*copilot autofix\b[^<\n]*<(?:175728472\+copilot|(?:\d+\+)?"#
                    + #"github-(?:advanced-security|code-quality)\[bot\])@users\.noreply\."#,
                keywords: ["copilot autofix"],
                source: "commits (Copilot Autofix powered by AI: ids 175728472, 62310815, 223894421)"),
        ]

    // MARK: - Codex

    static let codex: [AttributionSignature] =
        [
            .trailer(
                "codex.trailer", "codex", #"^co-authored-by:\s*codex\b[^<\n]*<noreply@openai\.com>"#,
                keywords: ["openai.com"],
                source: "openai/codex PR #11617, PR #21738 (codex-rs/ext/git-attribution); issue #19799"),
            .trailer(
                "codex.session", "codex", #"^codex-session:\s*\S"#, keywords: ["codex-session"],
                source: "git-ai attribution_recovery.rs (unconfirmed as vendor output)"),
        ]
        + .identity(
            "codex.identity", "codex", email: #"(?i)^codex@(?:openai|example)\.com$"#, keywords: ["codex@"],
            source: "git-ai src/authorship/attribution_recovery.rs; openai/codex #18095, #19799 (sandbox default)")
        + .githubApp(
            "codex.connector", "codex", slug: "chatgpt-codex-connector",
            source: "coderbuds/ai-detector rules/openai-codex.yml (id 199175422)")
        + .githubApp(
            "codex.openai", "codex", slug: "openai-codex", source: "chaoss/ai-detection-action utils.go (215057067)")

    // MARK: - Cursor

    static let cursor: [AttributionSignature] =
        .identity(
            "cursor.agent", "cursor",
            email: #"(?i)^(?:cursoragent@cursor\.com|(?:\d+\+)?cursoragent@users\.noreply\..*)$"#,
            keywords: ["cursoragent"],
            source: "git-ai agent_detection.rs (Cursor Agent <cursoragent@cursor.com>); commits")
        + [
            .trailer(
                "cursor.trailer", "cursor", #"^co-authored-by:[^<\n]*<cursoragent@cursor\.com>"#,
                keywords: ["cursoragent"], source: "block/aittributor PR #15; user hooks that strip these lines"),
            .trailer(
                "cursor.made-with", "cursor", #"^made-with:\s*cursor\b"#, keywords: ["made-with"],
                source: "block/aittributor PR #15 (git commit --trailer \"Made-with: Cursor\")"),
            .trailer(
                "cursor.session", "cursor", #"^cursor-session:\s*\S"#, keywords: ["cursor-session"],
                source: "git-ai attribution_recovery.rs (unconfirmed as vendor output)"),
        ]
        + .githubApp("cursor", "cursor", slug: "cursor", source: "ai-markers.md (cursor[bot], 206951365); commits")
}

// MARK: - Building entries

extension AttributionSignature {
    static func trailer(
        _ id: String, _ tool: String, _ pattern: String, keywords: [String], source: String
    ) -> AttributionSignature {
        AttributionSignature(id: id, tool: tool, field: .trailer, pattern: pattern, source: source, keywords: keywords)
    }

    static func footer(
        _ id: String, _ tool: String, _ pattern: String, keywords: [String], source: String
    ) -> AttributionSignature {
        AttributionSignature(
            id: id, tool: tool, field: .message, pattern: pattern, scope: .footer, source: source, keywords: keywords)
    }
}

extension Array where Element == AttributionSignature {
    /// An identity marker as author (`id`) and as committer (`id-committer`): a tool that only
    /// committed someone's change is reported apart from one that wrote it.
    static func identity(
        _ id: String, _ tool: String, email: String, keywords: [String], source: String
    ) -> [AttributionSignature] {
        [
            AttributionSignature(
                id: id, tool: tool, field: .authorEmail, pattern: email, source: source, keywords: keywords),
            AttributionSignature(
                id: id + "-committer", tool: tool, field: .committerEmail, pattern: email, source: source,
                keywords: keywords),
        ]
    }

    static func identity(
        _ id: String, _ tool: String, name: String, keywords: [String], source: String
    ) -> [AttributionSignature] {
        [
            AttributionSignature(
                id: id, tool: tool, field: .authorName, pattern: name, source: source, keywords: keywords),
            AttributionSignature(
                id: id + "-committer", tool: tool, field: .committerName, pattern: name, source: source,
                keywords: keywords),
        ]
    }

    /// A GitHub App bot (`<slug>[bot]`, email `<id>+<slug>[bot]@users.noreply.<host>`) as author,
    /// as committer, and as the co-author trailer GitHub writes when a bot's commits are squashed.
    /// The match is on the login, never the numeric id: github-actions[bot] and claude[bot] share one.
    static func githubApp(
        _ prefix: String, _ tool: String, slug: String, role: AttributionRole = .wrote, source: String
    ) -> [AttributionSignature] {
        // Slugs are lowercase letters, digits and hyphens: nothing to escape but the brackets.
        let login = slug + #"\[bot\]"#
        let keyword = slug + "[bot]"
        let entries =
            identity(
                prefix + ".bot", tool, email: #"(?i)^(?:\d+\+)?"# + login + #"@users\.noreply\."#, keywords: [keyword],
                source: source)
            + [
                .trailer(
                    prefix + ".bot-trailer", tool,
                    #"^co-authored-by:[^<\n]*<(?:\d+\+)?"# + login + #"@users\.noreply\."#,
                    keywords: [keyword], source: source + "; co-author trailer of squash merges")
            ]
        return entries.map { entry in
            var entry = entry
            entry.role = role
            return entry
        }
    }
}
