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
    /// Which identities are AI tools is the attribution catalogue's answer (`catalogue`), so the
    /// two never drift apart; any other `[bot]` account is automated too.
    func automatedReason(tools: [String], extra: [Regex], catalogue: Attributor = .builtin) -> String? {
        if let tool = catalogue.tool(forIdentity: name, email: email) {
            return BuiltinSignatures.reviewBotTools.contains(tool) ? "a review bot (\(tool))" : "an AI tool (\(tool))"
        }
        if email.isEmpty, let tool = BuiltinSignatures.tool(named: name) { return "an AI tool's name (\(tool))" }
        if name.lowercased().contains("[bot]") || email.lowercased().contains("[bot]") { return "a bot account" }
        if email.lowercased() == "noreply@github.com" { return "GitHub's own identity" }
        let spaced = name.lowercased().replacingASCII("-", with: " ")
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
