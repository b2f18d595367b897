/// Limits for reading a commit's diff.
public struct DiffOptions: Sendable {
    /// Blobs larger than this are treated as binary: their size is reported, their lines are not,
    /// and their content is never read.
    public var maxBlobBytes: Int64
    /// Look for renames (so a moved file is not a deletion plus an addition, and only the lines
    /// changed in the move are reported).
    public var detectRenames: Bool

    public init(maxBlobBytes: Int64 = 8 << 20, detectRenames: Bool = true) {
        self.maxBlobBytes = maxBlobBytes
        self.detectRenames = detectRenames
    }
}
