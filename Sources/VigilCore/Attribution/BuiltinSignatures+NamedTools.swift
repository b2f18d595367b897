/// Trailers that name a tool in free text rather than by a fixed line: `Assisted-by: MODEL via TOOL
/// <address>` (Crush's and others' form of the kernel's trailer), `AI-assisted: TOOL`, and a
/// `Signed-off-by:` that an agent added in its own name. One entry per tool the catalogue knows, so
/// the verdict names the tool, not `generic`.
extension BuiltinSignatures {
    static let namedInTrailers: [AttributionSignature] = NamedTool.all.map(\.signature)

    /// The tool a bare name stands for (`Claude`, `GitHub Copilot`, `gemini-cli`), matched whole and
    /// without regard to case; `nil` for any other name. A bare name is weak evidence of authorship,
    /// so attribution never uses this; it serves questions where a tool must not pass for a person,
    /// such as who signed a review.
    public static func tool(named name: String) -> String? {
        guard !name.isEmpty, name.utf8.count <= 128 else { return nil }
        return NamedTool.wholeNames.first { $0.regex.matches(name) }?.tool
    }
}

/// A tool as people and agents name it in trailers.
struct NamedTool: Sendable {
    /// The catalogue tool id.
    var tool: String
    /// Names after "via" or `AI-assisted:` (caseless PCRE2 alternatives, no capture groups).
    var names: String
    /// Whole signer names that can only be the tool (`Claude Code`, never a bare `Claude`, which is
    /// also a person's name); `nil` when every name could be a person's.
    var signers: String?
    /// Addresses only the tool signs with (PCRE2, escaped).
    var addresses: String
    /// Lowercase words of which one occurs in every line the pattern matches.
    var keywords: [String]
    var source: String

    /// `^(assisted-by: … via NAME | ai-assisted: NAME | signed-off-by: SIGNER [<…>] | … <ADDRESS>)`.
    var signature: AttributionSignature {
        var signedOff = #"[^<\n]*<(?:"# + addresses + #")>"#
        if let signers { signedOff = #"(?:"# + signers + #")\s*(?:<[^>\n]*>)?\s*$|"# + signedOff }
        let pattern =
            #"^(?:assisted-by:[^\n]*\bvia\s+(?:"# + names + #")\b|ai-assisted:\s*(?:"# + names
            + #")\b|signed-off-by:\s*(?:"# + signedOff + "))"
        return AttributionSignature(
            id: tool + ".named-trailer", tool: tool, field: .trailer, pattern: pattern, source: source,
            keywords: keywords)
    }

    /// Each tool's names as a whole-text pattern, compiled once.
    static let wholeNames: [(tool: String, regex: Regex)] = all.compactMap { named in
        (try? Regex("^(?:" + named.names + ")$", caseInsensitive: true)).map { (named.tool, $0) }
    }

    /// Every tool's `names`, for the generic entries to leave named tools alone.
    static var allNames: String { all.map(\.names).joined(separator: "|") }

    static let all: [NamedTool] = [
        NamedTool(
            tool: "claude-code", names: #"claude(?:[ -]code)?"#, signers: #"claude[ -]code"#,
            addresses: #"noreply@anthropic\.com"#, keywords: ["claude", "anthropic.com"],
            source: "Linux coding-assistants.rst form with the tool after \"via\"; ai-markers.md §7"),
        NamedTool(
            tool: "codex", names: #"(?:openai[ -])?codex(?:[ -]cli)?"#, signers: #"(?:openai[ -])?codex(?:[ -]cli)?"#,
            addresses: #"(?:noreply|codex)@openai\.com"#, keywords: ["codex", "openai.com"],
            source: "openai/codex commit_attribution (custom values); ai-markers.md §7"),
        NamedTool(
            tool: "copilot", names: #"(?:github[ -])?copilot"#, signers: #"(?:github[ -])?copilot"#,
            addresses: #"copilot@github\.com|\d+\+copilot@users\.noreply\.github\.com"#, keywords: ["copilot"],
            source: "ai-markers.md §2 and §7 (Copilot addresses)"),
        NamedTool(
            tool: "cursor", names: #"cursor(?:[ -]agent)?"#, signers: #"cursor[ -]agent"#,
            addresses: #"cursoragent@cursor\.com"#, keywords: ["cursor"], source: "ai-markers.md §1 (Cursor)"),
        NamedTool(
            tool: "gemini-cli", names: #"gemini(?:[ -]cli)?"#, signers: #"gemini[ -]cli(?:\[bot\])?"#,
            addresses: #"(?:\d+\+)?gemini-cli(?:\[bot\])?@users\.noreply\.github\.com|gemini-cli-agent@google\.com"#,
            keywords: ["gemini"], source: "google-gemini/gemini-cli history (Signed-off-by and AI-assisted lines)"),
        NamedTool(
            tool: "crush", names: "crush", signers: "crush", addresses: #"crush@charm\.land"#,
            keywords: ["crush", "charm.land"],
            source: "charmbracelet/crush README, internal/agent/tools/bash.md.tpl (Assisted-by: MODEL via Crush)"),
        NamedTool(
            tool: "aider", names: "aider", signers: "aider", addresses: #"(?:aider|noreply)@aider\.(?:chat|dev)"#,
            keywords: ["aider"], source: "Aider-AI/aider aider/repo.py (addresses)"),
        NamedTool(
            tool: "opencode", names: "opencode", signers: "opencode", addresses: #"noreply@opencode\.ai"#,
            keywords: ["opencode"], source: "opencode-ai/opencode PR #337 (address)"),
        NamedTool(
            tool: "amp", names: #"amp(?:code)?"#, signers: nil, addresses: #"amp@ampcode\.com"#,
            keywords: ["amp"], source: "commits (Amp <amp@ampcode.com>)"),
        NamedTool(
            tool: "warp", names: #"warp|oz"#, signers: #"oz[ -]agent|warp[ -]agent"#, addresses: #"oz-agent@warp\.dev"#,
            keywords: ["warp", "oz"], source: "warpdotdev/warp issues #9215, #10956"),
        NamedTool(
            tool: "kiro", names: "kiro", signers: #"kiro[ -]agent"#, addresses: #"[^>\n]+@kiro\.dev"#,
            keywords: ["kiro"], source: "kirodotdev/Kiro issue #5437 (Kiro Agent)"),
        NamedTool(
            tool: "firebender", names: "firebender", signers: "firebender", addresses: #"help@firebender\.com"#,
            keywords: ["firebender"], source: "git-ai history (Firebender <help@firebender.com>)"),
    ]
}
