import CGit2

extension Repository {
    /// The text of `commit`'s patch against its parent (the empty tree for a root commit), as
    /// `git show --format= --full-index` prints it: three lines of context, the indent heuristic,
    /// renames detected, full blob ids on `index` lines. Each line (with its `\n`) goes to `line`,
    /// which returns `false` to stop early. Nothing is collected, so a large commit costs no memory
    /// beyond one file's diff.
    ///
    /// Renames are paired and scored as git does (`GitSimilarity`). A side larger than
    /// `maxBlobBytes` is diffed as binary (named by its blob ids), so hostile blobs cost no line diff. Returns `false` for a merge, which has no single patch (git's
    /// `cherry` and `rebase` skip merges too); throws when a tree or blob cannot be read.
    public func patch(
        _ commit: Commit, maxBlobBytes: Int64, line: (UnsafeRawBufferPointer) -> Bool
    ) throws(GitError) -> Bool {
        guard commit.parents.count <= 1 else { return false }
        let newTree = try tree(of: commit.id)
        defer { git_tree_free(newTree) }
        var oldTree: OpaquePointer?
        if let parent = commit.parents.first { oldTree = try parentTree(parent, of: commit.id) }
        defer { if let oldTree { git_tree_free(oldTree) } }

        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.context_lines = 3
        options.interhunk_lines = 0
        options.max_size = maxBlobBytes
        options.id_abbrev = 40
        options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue
        var diff: OpaquePointer?
        try check(git_diff_tree_to_tree(&diff, pointer, oldTree, newTree, &options), "git_diff_tree_to_tree")
        guard let diff else {
            throw GitError(kind: .other, message: "libgit2 returned no diff", operation: "git_diff_tree_to_tree")
        }
        defer { git_diff_free(diff) }
        var find = git_diff_find_options()
        try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
        // git's scores, so that the same files pair up and the similarity line reads as git's.
        var metric = GitSimilarity.metric()
        try withUnsafeMutablePointer(to: &metric) { (metric) throws(GitError) in
            find.metric = metric
            try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")
        }

        let (code, stopped) = withoutActuallyEscaping(line) { line in
            var sink = PatchLineSink(line: line)
            let code = withUnsafeMutablePointer(to: &sink) { sinkPointer in
                git_diff_print(diff, GIT_DIFF_FORMAT_PATCH, { _, _, diffLine, payload in
                    guard let diffLine, let payload else { return 0 }
                    let sink = payload.assumingMemoryBound(to: PatchLineSink.self)
                    return sink.pointee.take(diffLine.pointee) ? 0 : 1
                }, sinkPointer)
            }
            if code >= 0 { sink.finish() }
            return (code, sink.stopped)
        }
        if code < 0, !stopped { try check(code, "git_diff_print") }
        return true
    }
}

/// Rebuilds `git_diff_to_buf`'s text from `git_diff_print`'s pieces and hands it on line by line:
/// content lines get their origin character back; headers and markers come whole and may hold
/// several lines.
private struct PatchLineSink {
    let line: (UnsafeRawBufferPointer) -> Bool
    var pending: [UInt8] = []
    var stopped = false

    init(line: @escaping (UnsafeRawBufferPointer) -> Bool) {
        self.line = line
    }

    mutating func take(_ diffLine: git_diff_line) -> Bool {
        let origin = UInt8(bitPattern: diffLine.origin)
        if origin == UInt8(ascii: "+") || origin == UInt8(ascii: "-") || origin == UInt8(ascii: " ") {
            pending.append(origin)
        }
        var content: [UInt8] = []
        if let text = diffLine.content, diffLine.content_len > 0 {
            text.withMemoryRebound(to: UInt8.self, capacity: Int(diffLine.content_len)) { bytes in
                content = Array(UnsafeBufferPointer(start: bytes, count: Int(diffLine.content_len)))
            }
        }
        pending.append(contentsOf: content)
        var start = 0
        while let end = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let keepGoing = pending[start...end].withUnsafeBytes { line($0) }
            start = end + 1
            if !keepGoing {
                stopped = true
                return false
            }
        }
        pending.removeFirst(start)
        return true
    }

    /// Hands on a last line without a line break, if the text ended with one.
    mutating func finish() {
        guard !pending.isEmpty, !stopped else { return }
        stopped = !pending.withUnsafeBytes { line($0) }
        pending = []
    }
}
