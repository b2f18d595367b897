/// One recognisable marker of an AI tool: which commit field it reads and the pattern that must
/// match there. The built-in catalogue (`BuiltinSignatures`) and operators' `[[attribution.signatures]]`
/// both become values of this type, so the `Attributor` treats them alike.
public struct AttributionSignature: Sendable, Hashable, Identifiable {
    /// A stable id such as `claude-code.trailer`; an operator signature with the same id replaces it.
    public var id: String
    /// The catalogue tool id the marker names (`claude-code`, `aider`, `copilot`, …).
    public var tool: String
    public var field: MarkerField
    /// A PCRE2 pattern. It is tried on one value of `field` at a time: a name, an email, one
    /// trailer line `Key: value` (matched case-insensitively, because trailer keys vary in case),
    /// one message line, or the note text.
    public var pattern: String
    /// Where the evidence counts: author, committer, trailer, message or note. Follows from `field`.
    public var kind: MarkerKind
    /// For `message` signatures, which lines of the message they may match.
    public var scope: MessageScope
    /// What a match says the tool did: wrote the change, or contributed an accepted review suggestion.
    public var role: AttributionRole
    /// Where the marker was seen (a vendor source file, changelog or detector), for reviewers.
    public var source: String
    /// Lowercase ASCII words of which at least one occurs in any text the pattern can match. A cheap
    /// substring test on these runs first, so most commits never reach the regex. Empty: no prefilter.
    public var keywords: [String]

    public init(
        id: String, tool: String, field: MarkerField, pattern: String, scope: MessageScope = .footer,
        role: AttributionRole = .wrote, source: String, keywords: [String] = []
    ) {
        self.id = id
        self.tool = tool
        self.field = field
        self.pattern = pattern
        self.kind = Self.kind(of: field)
        self.scope = scope
        self.role = role
        self.source = source
        self.keywords = keywords
    }

    /// An operator's signature. Its `message` patterns may match the subject line or a footer line,
    /// since an operator's own convention may live in either; the pattern's anchors decide.
    public init(_ spec: SignatureSpec) {
        self.init(
            id: spec.id, tool: spec.tool, field: spec.field, pattern: spec.pattern, scope: .subjectOrFooter,
            source: spec.line.map { "operator configuration, line \($0)" } ?? "operator configuration")
    }

    /// The kind of evidence a field yields: identity fields name who wrote or committed the change.
    public static func kind(of field: MarkerField) -> MarkerKind {
        switch field {
        case .authorName, .authorEmail: .author
        case .committerName, .committerEmail: .committer
        case .trailer: .trailer
        case .message: .message
        case .note: .note
        }
    }
}

/// The lines of a message that a `message` signature may match. Prose in the body never counts:
/// a marker quoted in the middle of an explanation is not a marker.
public enum MessageScope: String, Sendable, Hashable, Codable, CaseIterable {
    /// The subject line only (aider's `aider: ` prefix).
    case subject
    /// A whole, unindented, unquoted line of the footer: the message's last paragraph, and the
    /// paragraph just before the trailer block when the last paragraph is trailers.
    case footer
    /// Either of the above.
    case subjectOrFooter
}

/// What a marker says its tool did with the change.
public enum AttributionRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// The tool wrote or co-wrote the change (an agent's trailer, author identity, footer or note).
    case wrote
    /// A review bot whose suggestion someone accepted: GitHub co-authors the bot on the commit that
    /// applies it, and on the squash merge of the whole pull request, though the bot wrote a few lines
    /// of a change a person wrote.
    case suggested
}
