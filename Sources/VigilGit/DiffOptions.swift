/// Limits for reading a commit's diff.
public struct DiffOptions: Sendable {
    /// The default `maxBlobBytes`: 8 MiB.
    public static let defaultMaxBlobBytes: Int64 = 8 << 20

    /// A side larger than this is not read as lines (`SideContent.overLimit`): its size is
    /// reported, and its content is read only to count the lines of a deleted file.
    public var maxBlobBytes: Int64
    /// Look for renames (so a moved file is not a deletion plus an addition, and only the lines
    /// changed in the move are reported).
    public var detectRenames: Bool
    /// Blob bytes one commit's diff may read; when the next blob would go past it, that blob and
    /// every later one are left unread (`CommitDiff.budgetSpent`). `nil` for no budget.
    public var byteBudget: Int64?
    /// When this passes, no further blob is read (the commit's time budget). `nil` for none.
    public var deadline: Deadline?
    /// Files whose text sides are kept whole (`FileChange.oldBytes`, `newBytes`), for checks that
    /// must read a file entire rather than its changed lines (dependency manifests). `nil` for none.
    public var wholeSides: WholeSideRequest?

    public init(
        maxBlobBytes: Int64 = DiffOptions.defaultMaxBlobBytes, detectRenames: Bool = true, byteBudget: Int64? = nil,
        deadline: Deadline? = nil, wholeSides: WholeSideRequest? = nil
    ) {
        self.maxBlobBytes = maxBlobBytes
        self.detectRenames = detectRenames
        self.byteBudget = byteBudget
        self.deadline = deadline
        self.wholeSides = wholeSides
    }
}

/// Which files' sides a diff keeps whole, and up to what size. Only sides read as text anyway are
/// kept, so this costs no extra object reads, only the copy.
public struct WholeSideRequest: Sendable {
    /// A text side larger than this is not kept (its lines are still in the diff).
    public var maxBytes: Int64
    /// Whether the file at this path (old or new side's own path) is wanted.
    public var wants: @Sendable (String) -> Bool

    public init(maxBytes: Int64, wants: @escaping @Sendable (String) -> Bool) {
        self.maxBytes = maxBytes
        self.wants = wants
    }
}
