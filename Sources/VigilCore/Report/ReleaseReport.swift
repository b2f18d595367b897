import VigilGit

/// How much of one range AI tools wrote: of the lines in the files at its end whose blame points at
/// a commit inside it, how many an AI-written commit (or a git-ai note's AI session) wrote, by tool,
/// by author and by file.
public struct ReleaseReport: Sendable {
    /// The two ends as the caller named them (revisions or tags), and the commits they resolve to.
    public var fromName: String
    public var toName: String
    public var from: ObjectID
    public var to: ObjectID
    /// Commits in the range, and how many of them a tool wrote.
    public var commits = 0
    public var aiCommits = 0
    /// Lines that still stand at the end and come from the range, and how many of them AI wrote.
    public var lines = 0
    public var aiLines = 0
    /// AI lines per tool, most first.
    public var byTool: [Count] = []
    /// Lines per commit author, most first.
    public var byAuthor: [Count] = []
    /// Lines per file, by path.
    public var byFile: [Count] = []
    /// Files with lines from the range that are not counted because they cannot be blamed.
    public var skipped: [(path: String, reason: SkipReason)] = []
    /// Files with lines from the range left out by the path filter.
    public var excludedFiles = 0
    /// What could not be read; when not empty the totals are incomplete.
    public var problems: [ReportProblem] = []
    /// Commits whose move and copy search ran out of budget (their lines may be credited to them
    /// where git would trace some further back).
    public var commitsCutShort = 0

    /// One row of a breakdown.
    public struct Count: Sendable, Hashable {
        public var name: String
        public var lines: Int
        public var aiLines: Int
    }

    /// The AI share of `lines` in percent, `nil` when there are no lines.
    public static func share(_ part: Int, of whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) * 100 / Double(whole)
    }
}
