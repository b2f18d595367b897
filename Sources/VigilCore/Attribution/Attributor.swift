import VigilGit

/// Decides which AI tools wrote a commit, from its author and committer identities, its trailer
/// block, its subject and footer lines, and its git-ai note.
///
/// Built once from `AttributionSettings` (patterns compiled, catalogue merged with the operator's
/// signatures) and then shared freely: `verdict(for:note:)` runs on every commit of large
/// repositories, from any task.
public struct Attributor: Sendable {
    /// The signatures in force, built-in and operator, in the order evidence is reported.
    public var signatures: [AttributionSignature] { all.map(\.signature) }
    /// The notes ref git-ai notes are read from (`refs/notes/ai` unless configured).
    public let notesRef: String
    /// `[attribution] suggestions_count_as_ai`, passed on in every verdict.
    public let suggestionsCountAsAI: Bool
    /// True when some signature reads notes; when false, callers can skip reading them.
    public var readsNotes: Bool { gitAINote != nil || !notes.isEmpty }

    private let all: [CompiledSignature]
    private let authorName: FieldMatcher
    private let authorEmail: FieldMatcher
    private let committerName: FieldMatcher
    private let committerEmail: FieldMatcher
    private let trailers: FieldMatcher
    private let subject: FieldMatcher
    private let footer: FieldMatcher
    private let notes: [CompiledSignature]
    /// The built-in git-ai entry, which parses the note rather than only matching it.
    private let gitAINote: CompiledSignature?

    // MARK: - Limits

    /// Names, emails and trailer lines longer than this are not markers and are not matched.
    static let maxFieldBytes = 4096
    /// Trailers past this many are ignored.
    static let maxTrailers = 256
    /// Operator note patterns see at most this much of the note.
    static let maxNoteBytesForPatterns = 256 << 10

    init(compiled: [CompiledSignature], notesRef: String, suggestionsCountAsAI: Bool = false) {
        self.notesRef = notesRef
        self.suggestionsCountAsAI = suggestionsCountAsAI
        all = compiled
        func on(_ field: MarkerField) -> [CompiledSignature] { compiled.filter { $0.signature.field == field } }
        authorName = FieldMatcher(on(.authorName))
        authorEmail = FieldMatcher(on(.authorEmail))
        committerName = FieldMatcher(on(.committerName))
        committerEmail = FieldMatcher(on(.committerEmail))
        trailers = FieldMatcher(on(.trailer))
        let messages = on(.message)
        subject = FieldMatcher(messages.filter { $0.signature.scope != .footer })
        footer = FieldMatcher(messages.filter { $0.signature.scope != .subject })
        let isGitAI = { (entry: CompiledSignature) in entry.signature == BuiltinSignatures.gitAINote }
        gitAINote = compiled.first(where: isGitAI)
        notes = on(.note).filter { !isGitAI($0) }
    }

    // MARK: - Verdict

    /// The verdict for one commit. `note` is the commit's note under `notesRef`, if any.
    ///
    /// Trailers count only from the trailer block, or from the last paragraph when git found no
    /// block there (`MessageLines.looseTrailers`); message signatures see only the subject or the
    /// footer; an identity that is only the committer goes to `committedBy`. Hostile input (invalid
    /// UTF-8, control characters, huge messages or notes) costs bounded work and never traps.
    public func verdict(for commit: Commit, note: String?) -> Verdict {
        var found = EvidenceCollector()
        match(authorName, commit.author.name, identity: commit.author, into: &found)
        match(authorEmail, commit.author.email, identity: commit.author, into: &found)
        match(committerName, commit.committer.name, identity: commit.committer, into: &found)
        match(committerEmail, commit.committer.email, identity: commit.committer, into: &found)
        if !trailers.isEmpty {
            for trailer in commit.trailers.prefix(Self.maxTrailers) {
                let line = trailer.key + ": " + trailer.value
                match(trailers, line, into: &found)
            }
        }
        if !subject.isEmpty || !footer.isEmpty || !trailers.isEmpty {
            let lines = MessageLines(commit.rawMessage, hasTrailerBlock: !commit.trailers.isEmpty)
            if let line = lines.subject { match(subject, line, into: &found) }
            for line in lines.footer { match(footer, line, into: &found) }
            for line in lines.looseTrailers { match(trailers, line, into: &found) }
        }
        if let note, !note.isEmpty { matchNote(note, into: &found) }
        return found.verdict(suggestionsCountAsAI: suggestionsCountAsAI)
    }

    // MARK: - Identities

    /// The tool an identity named in a trailer belongs to (`Claude <noreply@anthropic.com>`,
    /// `Claude Code`, `gemini-code-assist[bot] <…>`, `Dana (aider) <…>`), or `nil` for what may be a
    /// person. Asks the same signatures that attribute commits: the identity as author, and as the
    /// value of a `Co-authored-by:` and a `Signed-off-by:` trailer.
    public func tool(forIdentity name: String, email: String) -> String? {
        var found = EvidenceCollector()
        let whole = email.isEmpty ? name : name + " <" + email + ">"
        if !name.isEmpty { match(authorName, name, into: &found) }
        if !email.isEmpty { match(authorEmail, email, into: &found) }
        match(trailers, "Co-authored-by: " + whole, into: &found)
        match(trailers, "Signed-off-by: " + whole, into: &found)
        return found.verdict(suggestionsCountAsAI: false).tools.first
    }

    /// The built-in catalogue alone, for questions asked outside a configured scan.
    public static let builtin: Attributor = (try? Attributor(settings: AttributionSettings()))
        ?? Attributor(compiled: [], notesRef: AttributionSettings().notesRef)

    // MARK: - Matching

    /// Tries the signatures of one field on `value`; the evidence is the value itself or, for
    /// identity fields, the whole `Name <email>`.
    private func match(
        _ matcher: FieldMatcher, _ value: String, identity: Signature? = nil, into found: inout EvidenceCollector
    ) {
        guard !matcher.isEmpty, !value.isEmpty, value.utf8.count <= Self.maxFieldBytes else { return }
        matcher.forEachMatch(in: value) { signature in
            found.add(signature.signature, text: identity.map { $0.name + " <" + $0.email + ">" } ?? value)
        }
    }

    private func matchNote(_ note: String, into found: inout EvidenceCollector) {
        if !notes.isEmpty {
            let head = Self.prefix(note, bytes: Self.maxNoteBytesForPatterns)
            FoldedText.with(head) { folded in
                for signature in notes {
                    if let match = signature.firstMatch(in: head, folded: folded) {
                        found.add(signature.signature, text: match.text)
                    }
                }
            }
        }
        if let gitAINote {
            let head = Self.prefix(note, bytes: GitAINote.maxBytes)
            if gitAINote.regex.matches(head), let parsed = GitAINote(head) {
                found.add(parsed, signature: gitAINote.signature)
            } else if let legacy = GitAILegacyLog(head) {
                found.add(legacy, signature: gitAINote.signature)
            }
        }
    }

    /// `text` cut to at most `bytes` UTF-8 bytes (a split character becomes U+FFFD).
    private static func prefix(_ text: String, bytes: Int) -> String {
        text.utf8.count > bytes ? String(decoding: text.utf8.prefix(bytes), as: UTF8.self) : text
    }
}

extension BuiltinSignatures {
    /// The built-in git-ai entry.
    static var gitAINote: AttributionSignature? { gitAI.first }
}
