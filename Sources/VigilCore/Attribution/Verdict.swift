import VigilGit

/// Where in a commit a piece of attribution evidence was found.
public enum MarkerKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A trailer in the message's trailer block (`Co-Authored-By: Claude …`).
    case trailer
    /// The author identity (name or email).
    case author
    /// The committer identity: the tool committed, which is weaker than having written the change.
    case committer
    /// Message text outside the trailer block (a footer, an `aider:` prefix).
    case message
    /// A git note (git-ai's `refs/notes/ai`).
    case note
}

/// One marker that matched: which tool, where, and the text that matched.
public struct Evidence: Sendable, Hashable, Codable {
    public var tool: String
    public var marker: MarkerKind
    /// The matched text, as found in the commit (attacker-controlled: escape before display).
    public var text: String
    /// The catalogue entry that matched, e.g. `claude-code.trailer`.
    public var signature: String

    public init(tool: String, marker: MarkerKind, text: String, signature: String) {
        self.tool = tool
        self.marker = marker
        self.text = text
        self.signature = signature
    }
}

/// Lines an AI session wrote in one file, from a git-ai note.
public struct AttributedLines: Sendable, Hashable, Codable {
    public var path: String
    /// 1-based inclusive line ranges in the commit's version of the file.
    public var ranges: [ClosedRange<Int>]
    /// The catalogue tool id of the session that wrote these lines (`claude-code`, `cursor`, …),
    /// mapped from the note's `agent_id.tool` so it compares with `Verdict.authoredBy`.
    public var tool: String?

    public init(path: String, ranges: [ClosedRange<Int>], tool: String?) {
        self.path = path
        self.ranges = ranges
        self.tool = tool
    }
}

/// Whether AI tools wrote a commit, which, and why Vigil thinks so. Tools play one of three roles:
/// they wrote the change (`authoredBy`), contributed an accepted review suggestion to it
/// (`suggestedBy`), or only committed it (`committedBy`).
public struct Verdict: Sendable, Hashable, Codable {
    /// Tools with evidence that they wrote the change: trailers, author, message, note.
    public var authoredBy: [String]
    /// Review bots whose accepted suggestion is part of the change, and that did not write it.
    public var suggestedBy: [String]
    /// Tools that appear only as committer (aider's committer suffix on a human's own changes).
    public var committedBy: [String]
    public var evidence: [Evidence]
    /// Per-file AI line ranges from a git-ai note, for checks that look at which lines AI wrote.
    public var attributedLines: [AttributedLines]
    /// `[attribution] suggestions_count_as_ai`, carried so `isInAIScope` answers on its own.
    public var suggestionsCountAsAI: Bool

    public init(
        authoredBy: [String] = [], suggestedBy: [String] = [], committedBy: [String] = [],
        evidence: [Evidence] = [], attributedLines: [AttributedLines] = [], suggestionsCountAsAI: Bool = false
    ) {
        self.authoredBy = authoredBy
        self.suggestedBy = suggestedBy
        self.committedBy = committedBy
        self.evidence = evidence
        self.attributedLines = attributedLines
        self.suggestionsCountAsAI = suggestionsCountAsAI
    }

    /// A human commit: no evidence of any tool.
    public static let human = Verdict()

    /// True when a tool wrote or co-wrote the change. A commit only committed by a tool, or carrying
    /// only a review bot's suggestion, is not.
    public var isAI: Bool { !authoredBy.isEmpty }

    /// Whether `scope = "ai"` covers the commit: a tool wrote it, or a review bot's suggestion is in it
    /// and the operator counts suggestions as AI (`suggestions_count_as_ai`).
    public var isInAIScope: Bool { isAI || (suggestionsCountAsAI && !suggestedBy.isEmpty) }

    /// Every tool named by any evidence: authors, then suggesters, then committers, without repeats.
    public var tools: [String] {
        var seen: Set<String> = []
        return (authoredBy + suggestedBy + committedBy).filter { seen.insert($0).inserted }
    }
}
