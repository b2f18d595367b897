import VigilGit

/// The policy a scan applies to each commit: how to attribute it, whether its diff is needed,
/// and which checks to run. Built once from configuration, shared by every scan worker.
public struct CommitAnalyzer: Sendable {
    /// Attribution from commit metadata and the git-ai note text, if any.
    public var attribute: @Sendable (Commit, String?) -> Verdict
    /// Whether to read the diff and run checks on a commit with this verdict (scope `ai` or `all`).
    public var wantsChecks: @Sendable (Verdict) -> Bool
    public var check: @Sendable (CheckContext) -> [Finding]
    /// Where git-ai notes live; `nil` to skip reading notes.
    public var notesRef: String?
    /// The size limit and byte budget for reading each commit's diff.
    public var diffOptions: DiffOptions
    /// Wall time for reading one commit's diff and running its checks; `nil` for no limit.
    public var commitTimeBudget: Duration?

    public init(
        attribute: @escaping @Sendable (Commit, String?) -> Verdict,
        wantsChecks: @escaping @Sendable (Verdict) -> Bool,
        check: @escaping @Sendable (CheckContext) -> [Finding],
        notesRef: String?, diffOptions: DiffOptions = DiffOptions(), commitTimeBudget: Duration? = nil
    ) {
        self.attribute = attribute
        self.wantsChecks = wantsChecks
        self.check = check
        self.notesRef = notesRef
        self.diffOptions = diffOptions
        self.commitTimeBudget = commitTimeBudget
    }
}
