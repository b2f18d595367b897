import VigilGit

/// The person a review trailer names (`Reviewed-by: Sam Reviewer <sam@example.com>`), and whether
/// that name can stand for a human review of someone else's change.
struct ReviewerIdentity: Sendable, Hashable {
    var name: String
    var email: String

    /// Parses `Name <email>`, a bare `email`, or a bare name.
    init(trailerValue value: String) {
        let text = value.trimmingASCIIWhitespace()
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            name = String(text[..<open]).trimmingASCIIWhitespace()
            email = String(text[text.index(after: open)..<close]).trimmingASCIIWhitespace()
        } else if text.contains("@"), !text.contains(" ") {
            name = ""
            email = text
        } else {
            name = text
            email = ""
        }
    }

    var isEmpty: Bool { name.isEmpty && email.isEmpty }

    /// True when this names the commit's author: same email, or same name (people commit from
    /// several addresses, and a self-review is no review whichever address it uses).
    func isSamePerson(as signature: Signature) -> Bool {
        if !email.isEmpty, email.lowercased() == signature.email.lowercased() { return true }
        if !name.isEmpty, name.lowercased() == signature.name.trimmingASCIIWhitespace().lowercased() { return true }
        return false
    }

    /// The tool or bot this identity belongs to, if it is one; `nil` for what may be a person.
    func automatedReason(tools: [String], extra: [Regex]) -> String? {
        let lowerName = name.lowercased()
        let lowerEmail = email.lowercased()
        if lowerName.contains("[bot]") || lowerEmail.contains("[bot]") { return "a bot account" }
        if lowerName.contains("(aider)") { return "aider's identity" }
        if ReviewerIdentity.toolEmails.contains(lowerEmail)
            || lowerEmail.hasSuffix("+copilot@users.noreply.github.com")
        {
            return "an AI tool's address"
        }
        if ReviewerIdentity.toolNames.contains(lowerName) { return "an AI tool's name" }
        let spaced = lowerName.replacingASCII("-", with: " ")
        for tool in tools where !tool.isEmpty {
            let toolName = tool.lowercased().replacingASCII("-", with: " ")
            if spaced == toolName || toolName.hasPrefix(spaced + " ") && !spaced.isEmpty {
                return "the tool that wrote the commit"
            }
        }
        let whole = email.isEmpty ? name : "\(name) <\(email)>"
        if extra.contains(where: { $0.matches(whole) }) { return "a configured bot identity" }
        return nil
    }

    /// Addresses AI tools commit or sign with.
    static let toolEmails: Set<String> = [
        "noreply@anthropic.com", "claude@anthropic.com", "noreply@openai.com", "codex@openai.com",
        "cursoragent@cursor.com", "noreply@cursor.com", "noreply@github.com", "aider@aider.chat",
    ]

    /// Names AI tools commit or sign with (compared lowercased, whole).
    static let toolNames: Set<String> = [
        "claude", "claude code", "copilot", "github copilot", "codex", "openai codex", "chatgpt",
        "cursor", "cursor agent", "devin", "aider", "gemini", "gemini code assist", "jules",
        "amazon q", "windsurf", "cline", "openhands", "sweep", "codegen",
    ]
}

extension String {
    /// The text without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// Every occurrence of one ASCII character replaced with another string.
    func replacingASCII(_ character: Character, with replacement: String) -> String {
        guard contains(character) else { return self }
        return split(separator: character, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
