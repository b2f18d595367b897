import CGit2

/// One run of lines of libgit2's blame: `lines` lines of the file at the newest commit, starting at
/// `finalStart` (1-based), last changed by `commit`; `boundary` when the run reached the oldest commit.
public struct Libgit2BlameHunk: Sendable, Hashable {
    public var commit: ObjectID
    public var finalStart: Int
    public var lines: Int
    public var boundary: Bool
    /// The path and first line (1-based) of the run in `commit`.
    public var originalPath: String
    public var originalStart: Int
}

extension Repository {
    /// libgit2's `git_blame_file` for `path` at `newest`, stopping at `oldest`, with every
    /// copy-tracking flag libgit2 declares. It is the reference Vigil's own blame is compared with:
    /// libgit2 1.5 declares the flags but implements none of them (its header says so), so it traces
    /// neither moves within a file nor copies between files, which `git blame -M -C` does.
    public func libgit2Blame(path: String, newest: ObjectID, oldest: ObjectID?) throws(GitError) -> [Libgit2BlameHunk] {
        var options = git_blame_options()
        try check(git_blame_options_init(&options, UInt32(GIT_BLAME_OPTIONS_VERSION)), "git_blame_options_init")
        options.flags = GIT_BLAME_TRACK_COPIES_SAME_FILE.rawValue | GIT_BLAME_TRACK_COPIES_SAME_COMMIT_MOVES.rawValue
            | GIT_BLAME_TRACK_COPIES_SAME_COMMIT_COPIES.rawValue
        options.newest_commit = newest.oid
        if let oldest { options.oldest_commit = oldest.oid }
        var blame: OpaquePointer?
        try check(git_blame_file(&blame, pointer, path, &options), "git_blame_file")
        defer { git_blame_free(blame) }
        var hunks: [Libgit2BlameHunk] = []
        let count = git_blame_get_hunk_count(blame)
        for index in 0..<count {
            guard let hunk = git_blame_get_hunk_byindex(blame, index) else { continue }
            let value = hunk.pointee
            hunks.append(
                Libgit2BlameHunk(
                    commit: ObjectID(value.final_commit_id), finalStart: Int(value.final_start_line_number),
                    lines: Int(value.lines_in_hunk), boundary: value.boundary != 0,
                    originalPath: value.orig_path.map { String(lossyCString: $0) } ?? path,
                    originalStart: Int(value.orig_start_line_number)))
        }
        return hunks
    }
}
