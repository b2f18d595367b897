import VigilGit

/// Everything a check may look at for one commit. Values only: checks run on any task.
public struct CheckContext: Sendable {
    /// The repository path as configured (for messages; checks never open it).
    public var repository: String
    /// The ref the commit arrived on, when known (daemon); `nil` for a rescan of a range.
    public var ref: String?
    public var commit: Commit
    public var diff: CommitDiff
    public var verdict: Verdict
    /// The end of the commit's time budget, if it has one: checks that loop over lines stop there
    /// (`DeadlineGate`), and the runner starts no further check once it has passed.
    public var deadline: Deadline?

    public init(
        repository: String, ref: String? = nil, commit: Commit, diff: CommitDiff, verdict: Verdict,
        deadline: Deadline? = nil
    ) {
        self.repository = repository
        self.ref = ref
        self.commit = commit
        self.diff = diff
        self.verdict = verdict
        self.deadline = deadline
    }
}

/// One guardrail. A check is configured once, is immutable afterwards, and may run on many
/// commits at once from several tasks.
public protocol Check: Sendable {
    /// The id, or id prefix for families such as `secrets.` (`secrets.<rule>`).
    var id: String { get }
    /// The findings for one commit; empty when the commit is fine.
    func run(_ context: CheckContext) -> [Finding]
}
