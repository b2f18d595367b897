import CGit2

extension Repository {
    /// What `commit` changed against its first parent; a root commit against the empty tree; a
    /// merge only in lines found in none of its parents (so each change is seen once, on the
    /// commit that made it). Objects that cannot be read are listed in `unreadable`, and the rest
    /// of the diff is still returned. Throws when the commit, a parent or a tree cannot be read,
    /// including a shallow clone's boundary commit, whose parent is not there to compare with.
    ///
    /// `options.byteBudget` and `options.deadline` bound the blobs read for the whole commit; when
    /// one runs out, the remaining files are listed with their sides `.unread` and
    /// `budgetSpent` says which budget it was.
    public func diff(_ commit: Commit, options: DiffOptions = DiffOptions()) throws(GitError) -> CommitDiff {
        let budget = ContentBudget(options)
        var result = try diff(commit, options: options, budget: budget)
        result.budgetSpent = budget.spent
        result.sizeLimit = options.maxBlobBytes
        return result
    }

    private func diff(_ commit: Commit, options: DiffOptions, budget: ContentBudget) throws(GitError) -> CommitDiff {
        let newTree = try tree(of: commit.id)
        defer { git_tree_free(newTree) }
        guard let firstParent = commit.parents.first else {
            return try treeDiff(from: nil, to: newTree, options: options, budget: budget, onlyPaths: nil)
        }
        let firstTree = try parentTree(firstParent, of: commit.id)
        defer { git_tree_free(firstTree) }
        if commit.parents.count == 1 {
            return try treeDiff(from: firstTree, to: newTree, options: options, budget: budget, onlyPaths: nil)
        }
        return try mergeDiff(commit, firstParentTree: firstTree, mergeTree: newTree, options: options, budget: budget)
    }

    /// A commit's root tree; the caller frees it.
    func tree(of commitID: ObjectID) throws(GitError) -> OpaquePointer {
        try withCommit(commitID) { (handle) throws(GitError) in
            var tree: OpaquePointer?
            try check(git_commit_tree(&tree, handle), "git_commit_tree(\(commitID.short))")
            guard let tree else {
                throw GitError(kind: .corruptObject, message: "commit has no tree", operation: "git_commit_tree")
            }
            return tree
        }
    }

    /// A parent's root tree, with a clear error when a shallow clone cut that parent off.
    func parentTree(_ parent: ObjectID, of child: ObjectID) throws(GitError) -> OpaquePointer {
        do {
            return try tree(of: parent)
        } catch {
            guard error.kind == .notFound, shallowBoundary().contains(OIDKey(child.oid)) else { throw error }
            throw GitError(
                kind: .notFound, code: error.code, errorClass: error.errorClass,
                message: "parent \(parent) of \(child) is beyond this shallow clone's history",
                operation: "diff(\(child.short))"
            )
        }
    }

    // MARK: - Tree diffs

    func treeToTree(from old: OpaquePointer?, to new: OpaquePointer, options: DiffOptions) throws(GitError)
        -> OpaquePointer
    {
        var diffOptions = git_diff_options()
        try check(git_diff_options_init(&diffOptions, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        diffOptions.context_lines = 0
        diffOptions.interhunk_lines = 0
        diffOptions.max_size = options.maxBlobBytes
        diffOptions.flags |= GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        var diff: OpaquePointer?
        try check(git_diff_tree_to_tree(&diff, pointer, old, new, &diffOptions), "git_diff_tree_to_tree")
        guard let diff else {
            throw GitError(kind: .other, message: "libgit2 returned no diff", operation: "git_diff_tree_to_tree")
        }
        if options.detectRenames {
            var find = git_diff_find_options()
            _ = git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION))
            find.flags = GIT_DIFF_FIND_RENAMES.rawValue
            if git_diff_find_similar(diff, &find) < 0 {
                // Rename detection reads blobs; an unreadable one leaves the plain add/delete diff,
                // and the blob itself is reported when its file's content is read.
                git_error_clear()
            }
        }
        return diff
    }

    /// The changes between two trees, each with its content read from the blobs. `onlyPaths` limits
    /// the result to those new paths (for merges).
    ///
    /// Vigil's own tree walk finds the changed paths. Only when a commit both adds and deletes files,
    /// and so may have renamed some, does libgit2 build its diff, to pair renames the way git does;
    /// in the `reference` read mode libgit2 builds every one.
    func treeDiff(
        from old: OpaquePointer?, to new: OpaquePointer, options: DiffOptions, budget: ContentBudget,
        onlyPaths: Set<String>?
    ) throws(GitError) -> CommitDiff {
        guard readMode == .fast else {
            return try renameAwareTreeDiff(from: old, to: new, options: options, budget: budget, onlyPaths: onlyPaths)
        }
        let entries = try changedEntries(from: old, to: new)
        if options.detectRenames, entries.contains(where: { $0.old == nil }),
            entries.contains(where: { $0.new == nil })
        {
            return try renameAwareTreeDiff(from: old, to: new, options: options, budget: budget, onlyPaths: onlyPaths)
        }
        var result = CommitDiff()
        for entry in entries {
            if let onlyPaths, !onlyPaths.contains(entry.path) { continue }
            var change = FileChange(entry)
            result.unreadable += readContent(into: &change, options: options, budget: budget)
            result.files.append(change)
        }
        return result
    }

    /// `treeDiff` through libgit2's diff, with rename detection.
    private func renameAwareTreeDiff(
        from old: OpaquePointer?, to new: OpaquePointer, options: DiffOptions, budget: ContentBudget,
        onlyPaths: Set<String>?
    ) throws(GitError) -> CommitDiff {
        let diff = try treeToTree(from: old, to: new, options: options)
        defer { git_diff_free(diff) }
        var result = CommitDiff()
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index) else { continue }
            let newPath = String(lossyCString: delta.pointee.new_file.path)
            if let onlyPaths, !onlyPaths.contains(newPath) { continue }
            var change = FileChange(delta.pointee, newPath: newPath)
            result.unreadable += readContent(into: &change, options: options, budget: budget)
            result.files.append(change)
        }
        return result
    }
}

extension FileChange {
    /// A change's paths, status, modes and blob ids from a libgit2 delta; sizes and lines come later.
    init(_ delta: git_diff_delta, newPath: String) {
        let status: Status =
            switch delta.status {
            case GIT_DELTA_ADDED: .added
            case GIT_DELTA_DELETED: .deleted
            case GIT_DELTA_RENAMED: .renamed
            case GIT_DELTA_COPIED: .copied
            case GIT_DELTA_TYPECHANGE: .typeChanged
            default: .modified
            }
        let oldMode = FileMode(rawValue: UInt32(delta.old_file.mode))
        let newMode = FileMode(rawValue: UInt32(delta.new_file.mode))
        self.init(
            status: status,
            oldPath: String(lossyCString: delta.old_file.path),
            newPath: newPath,
            oldMode: oldMode,
            newMode: newMode,
            oldBlob: FileChange.blob(delta.old_file.id, mode: oldMode),
            newBlob: FileChange.blob(delta.new_file.id, mode: newMode)
        )
    }

    /// A change found by Vigil's tree walk (never a rename: those come from libgit2's diff).
    init(_ entry: TreeEntryChange) {
        let oldMode = FileMode(rawValue: entry.old?.mode ?? 0)
        let newMode = FileMode(rawValue: entry.new?.mode ?? 0)
        let status: Status =
            switch (entry.old, entry.new) {
            case (nil, _): .added
            case (_, nil): .deleted
            case (let old?, let new?): old.mode & 0o170000 == new.mode & 0o170000 ? .modified : .typeChanged
            }
        self.init(
            status: status,
            oldPath: entry.path,
            newPath: entry.path,
            oldMode: oldMode,
            newMode: newMode,
            oldBlob: entry.old.flatMap { FileChange.blob($0.id, mode: oldMode) },
            newBlob: entry.new.flatMap { FileChange.blob($0.id, mode: newMode) }
        )
    }

    /// The blob behind one side, or `nil` where there is none (absent side, submodule commit).
    private static func blob(_ oid: git_oid, mode: FileMode) -> ObjectID? {
        let id = ObjectID(oid)
        switch mode {
        case .absent, .submodule, .tree: return nil
        default: return id.isZero ? nil : id
        }
    }
}
