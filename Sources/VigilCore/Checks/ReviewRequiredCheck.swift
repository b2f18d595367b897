import VigilGit

/// `review-required`: an AI-written commit that touches a protected path and carries no trailer
/// showing that a human other than its author looked at it.
///
/// A trailer counts when its key is one of `trailers` (default `Reviewed-by`, `Approved-by`,
/// `Acked-by`, `Signed-off-by`; compared without regard to case) and it names someone who is not
/// the author (by email or by name) and not an AI tool or bot: nobody the attribution catalogue
/// recognises as a tool or review bot (`Attributor.tool(forIdentity:email:)`), no other `[bot]`
/// account, not the tool the attribution found, nothing matching the operator's `bot_identities`
/// regexes (case-insensitive, matched against `Name <email>`).
///
/// Options: `paths` / `extra_paths` (globs; the defaults are `protected-path`'s, so the two agree
/// unless configured apart), `trailers`, `bot_identities`. Commits outside `scope = "ai"` (human
/// ones, and those carrying only a review bot's suggestion unless `suggestions_count_as_ai`) never
/// raise this check, whatever the repository's scope. One finding per commit, on the first protected path.
public struct ReviewRequiredCheck: ConfigurableCheck {
    public static let checkID = "review-required"
    public static let defaultSeverity = Severity.high
    public static let optionKeys: Set<String> = ["paths", "extra_paths", "trailers", "bot_identities"]
    /// Trailers that record a review when no `trailers` option is set.
    public static let defaultTrailers = ["Reviewed-by", "Approved-by", "Acked-by", "Signed-off-by"]

    public var id: String { Self.checkID }
    /// Paths whose change by an AI tool needs a human review.
    public let paths: GlobSet
    /// Trailer keys that can record a review, as configured.
    public let trailers: [String]
    private let trailerKeys: Set<String>
    private let botIdentities: [Regex]

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        paths = reader.globs("paths", extra: "extra_paths", default: ProtectedPathCheck.defaultPaths)
        trailers = reader.strings("trailers", default: Self.defaultTrailers)
        trailerKeys = Set(trailers.map { $0.lowercased() })
        var identities: [Regex] = []
        for pattern in reader.strings("bot_identities", default: []) {
            if let regex = reader.regex("bot_identities", pattern, caseInsensitive: true) { identities.append(regex) }
        }
        botIdentities = identities
        try reader.finish()
    }

    public func run(_ context: CheckContext) -> [Finding] {
        guard context.verdict.isInAIScope else { return [] }
        let protected = context.diff.files.compactMap { ProtectedPathCheck.match($0, in: paths)?.path }
        guard let first = protected.first else { return [] }
        var rejected: [String] = []
        for trailer in context.commit.trailers where trailerKeys.contains(trailer.key.lowercased()) {
            let reviewer = ReviewerIdentity(trailerValue: trailer.value)
            if reviewer.isEmpty {
                rejected.append("\(trailer.key) is empty")
            } else if reviewer.isSamePerson(as: context.commit.author) {
                rejected.append("\(trailer.key): \(trailer.value) is the author")
            } else if let reason = reviewer.automatedReason(tools: context.verdict.tools, extra: botIdentities) {
                rejected.append("\(trailer.key): \(trailer.value) is \(reason)")
            } else {
                return []
            }
        }
        let more = protected.count > 1 ? " (+\(protected.count - 1) more)" : ""
        let roles = context.verdict.isAI ? "written by" : "with a suggestion by"
        let named = context.verdict.isAI ? context.verdict.authoredBy : context.verdict.suggestedBy
        var evidence = "\(roles) \(named.joined(separator: ", ")); protected paths: "
        evidence += protected.prefix(10).joined(separator: ", ") + (protected.count > 10 ? ", …" : "")
        evidence += "; no human \(trailers.joined(separator: "/")) trailer"
        if !rejected.isEmpty { evidence += " (not counted: " + rejected.prefix(5).joined(separator: "; ") + ")" }
        return [
            Finding(
                check: id, severity: Self.defaultSeverity,
                title: "AI commit changes a protected path without human review: \(first)\(more)", path: first,
                evidence: evidence
            )
        ]
    }
}
