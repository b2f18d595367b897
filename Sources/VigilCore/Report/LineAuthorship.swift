import VigilGit

/// Who wrote a line, by its commit's attribution: a line counts as AI-written when a tool wrote its
/// commit (`Verdict.isAI`; a tool that only committed it or only suggested does not count). When
/// the commit has a git-ai note with line ranges, the note decides line by line instead: the lines
/// an AI session wrote are AI-written, by that session's tool, and every other line of the commit
/// is a person's.
struct LineAuthorship {
    /// Name and email of the commit's author, the person the line is credited to.
    let author: String
    private let verdict: Verdict
    /// `path → (ranges, tool)` from the note; empty when the commit has no usable note.
    private let noteLines: [String: [(ranges: [ClosedRange<Int>], tool: String)]]
    private let commitTool: String?

    init(commit: Commit, verdict: Verdict) {
        author = commit.author.name + " <" + commit.author.email + ">"
        self.verdict = verdict
        var noteLines: [String: [(ranges: [ClosedRange<Int>], tool: String)]] = [:]
        for entry in verdict.attributedLines {
            noteLines[entry.path, default: []].append((entry.ranges, entry.tool ?? "unknown"))
        }
        self.noteLines = noteLines
        commitTool = verdict.isAI ? verdict.authoredBy.joined(separator: "+") : nil
    }

    /// Whether a note decides this commit's lines.
    var hasNoteLines: Bool { !noteLines.isEmpty }
    var isAICommit: Bool { verdict.isAI }

    /// The tool that wrote line `line` (1-based) of `path` in this commit, or `nil` for a person.
    func tool(path: String, line: Int) -> String? {
        guard hasNoteLines else { return commitTool }
        for entry in noteLines[path] ?? [] where Self.contains(entry.ranges, line) { return entry.tool }
        return nil
    }

    /// Binary search over sorted, disjoint ranges.
    private static func contains(_ ranges: [ClosedRange<Int>], _ line: Int) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < line {
                low = middle + 1
            } else if ranges[middle].lowerBound > line {
                high = middle - 1
            } else {
                return true
            }
        }
        return false
    }
}
