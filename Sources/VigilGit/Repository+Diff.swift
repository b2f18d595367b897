import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits for reading a commit's diff.
public struct DiffOptions: Sendable {
    /// Blobs larger than this are treated as binary: their size is reported, their lines are not.
    public var maxBlobBytes: Int64
    /// Look for renames and copies (so a moved file is not a deletion plus an addition).
    public var detectRenames: Bool

    public init(maxBlobBytes: Int64 = 8 << 20, detectRenames: Bool = true) {
        self.maxBlobBytes = maxBlobBytes
        self.detectRenames = detectRenames
    }
}

extension Repository {
    /// What `commit` changed against its first parent; a root commit against the empty tree; a
    /// merge only in lines found in none of its parents (so each change is seen once, on the
    /// commit that made it). Objects that cannot be read are listed in `unreadable`, and the rest
    /// of the diff is still returned.
    public func diff(_ commit: Commit, options: DiffOptions = DiffOptions()) throws(GitError) -> CommitDiff {
        let newTree = try tree(of: commit.id)
        defer { git_tree_free(newTree) }
        guard let firstParent = commit.parents.first else {
            return try treeDiff(from: nil, to: newTree, options: options, onlyPaths: nil)
        }
        let firstTree = try tree(of: firstParent)
        defer { git_tree_free(firstTree) }
        if commit.parents.count == 1 {
            return try treeDiff(from: firstTree, to: newTree, options: options, onlyPaths: nil)
        }
        return try mergeDiff(commit, firstParentTree: firstTree, mergeTree: newTree, options: options)
    }

    private func tree(of commitID: ObjectID) throws(GitError) -> OpaquePointer {
        try withCommit(commitID) { (handle) throws(GitError) in
            var tree: OpaquePointer?
            try check(git_commit_tree(&tree, handle), "git_commit_tree(\(commitID.short))")
            guard let tree else {
                throw GitError(kind: .corruptObject, message: "commit has no tree", operation: "git_commit_tree")
            }
            return tree
        }
    }

    // MARK: - Merges

    /// A merge introduces a line when the line is added relative to every parent (same line of the
    /// merge result), and removes one when every parent had it. Paths identical to any parent's
    /// version are skipped before any blob is read.
    private func mergeDiff(
        _ commit: Commit, firstParentTree: OpaquePointer, mergeTree: OpaquePointer, options: DiffOptions
    ) throws(GitError) -> CommitDiff {
        var otherDiffs: [CommitDiff] = []
        var sharedPaths: Set<String>?
        for parent in commit.parents.dropFirst() {
            let parentTree = try tree(of: parent)
            defer { git_tree_free(parentTree) }
            let paths = try changedPaths(from: parentTree, to: mergeTree)
            sharedPaths = sharedPaths.map { $0.intersection(paths) } ?? paths
            if sharedPaths?.isEmpty == true { return CommitDiff() }
            otherDiffs.append(
                try treeDiff(from: parentTree, to: mergeTree, options: options, onlyPaths: sharedPaths)
            )
        }
        let paths = sharedPaths ?? []
        var result = try treeDiff(from: firstParentTree, to: mergeTree, options: options, onlyPaths: paths)
        result.unreadable += otherDiffs.flatMap(\.unreadable)
        let others = otherDiffs.map { diff in Dictionary(diff.files.map { ($0.newPath, $0) }, uniquingKeysWith: { a, _ in a }) }
        result.files = result.files.compactMap { file in
            var kept = file
            var added = Set(file.addedLines.map(\.number))
            var removed = multiset(file.removedLines.map(\.text))
            for other in others {
                guard let change = other[file.newPath] else { return nil }
                added.formIntersection(change.addedLines.map(\.number))
                removed = intersect(removed, multiset(change.removedLines.map(\.text)))
            }
            kept.addedLines = file.addedLines.filter { added.contains($0.number) }
            kept.removedLines = file.removedLines.filter { line in
                guard let count = removed[line.text], count > 0 else { return false }
                removed[line.text] = count - 1
                return true
            }
            let contentChanged = !kept.addedLines.isEmpty || !kept.removedLines.isEmpty
            return contentChanged || file.isBinary || file.status != .modified ? kept : nil
        }
        return result
    }

    private func multiset(_ lines: [String]) -> [String: Int] {
        lines.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    private func intersect(_ a: [String: Int], _ b: [String: Int]) -> [String: Int] {
        a.reduce(into: [:]) { result, entry in
            if let other = b[entry.key] { result[entry.key] = min(entry.value, other) }
        }
    }

    /// Paths that differ between two trees, from tree entries alone (no blob is read).
    private func changedPaths(from old: OpaquePointer, to new: OpaquePointer) throws(GitError) -> Set<String> {
        let diff = try treeToTree(from: old, to: new, options: DiffOptions(detectRenames: false))
        defer { git_diff_free(diff) }
        var paths: Set<String> = []
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index) else { continue }
            paths.insert(String(lossyCString: delta.pointee.new_file.path))
        }
        return paths
    }

    // MARK: - Tree diffs

    private func treeToTree(from old: OpaquePointer?, to new: OpaquePointer, options: DiffOptions) throws(GitError)
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
            find.flags = GIT_DIFF_FIND_RENAMES.rawValue | GIT_DIFF_FIND_FOR_UNTRACKED.rawValue
            if git_diff_find_similar(diff, &find) < 0 {
                // Rename detection reads blobs; an unreadable one leaves the plain add/delete diff.
                git_error_clear()
            }
        }
        return diff
    }

    private func treeDiff(
        from old: OpaquePointer?, to new: OpaquePointer, options: DiffOptions, onlyPaths: Set<String>?
    ) throws(GitError) -> CommitDiff {
        let diff = try treeToTree(from: old, to: new, options: options)
        defer { git_diff_free(diff) }
        var result = CommitDiff()
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index) else { continue }
            let newPath = String(lossyCString: delta.pointee.new_file.path)
            if let onlyPaths, !onlyPaths.contains(newPath) { continue }
            var change = FileChange(delta.pointee, newPath: newPath)
            var patch: OpaquePointer?
            let code = git_patch_from_diff(&patch, diff, index)
            if code < 0 {
                let error = GitError.last(code: code, operation: "git_patch_from_diff")
                let blob = change.newBlob ?? change.oldBlob
                result.unreadable.append(UnreadableObject(object: blob, path: change.path, message: error.message))
                result.files.append(change)
                continue
            }
            defer { git_patch_free(patch) }
            if let patchDelta = git_patch_get_delta(patch) {
                change.isBinary = (patchDelta.pointee.flags & GIT_DIFF_FLAG_BINARY.rawValue) != 0
                change.oldSize = max(change.oldSize, Int64(patchDelta.pointee.old_file.size))
                change.newSize = max(change.newSize, Int64(patchDelta.pointee.new_file.size))
            }
            if !change.isBinary, let patch {
                readLines(of: patch, into: &change)
            }
            fillMissingSizes(&change)
            result.files.append(change)
        }
        return result
    }

    private func readLines(of patch: OpaquePointer, into change: inout FileChange) {
        for hunk in 0..<git_patch_num_hunks(patch) {
            let lineCount = git_patch_num_lines_in_hunk(patch, hunk)
            guard lineCount > 0 else { continue }
            for index in 0..<lineCount {
                var line: UnsafePointer<git_diff_line>?
                guard git_patch_get_line_in_hunk(&line, patch, hunk, Int(index)) == 0, let line else { continue }
                let origin = UInt8(bitPattern: line.pointee.origin)
                guard origin == UInt8(ascii: "+") || origin == UInt8(ascii: "-") else { continue }
                let text = Repository.lineText(line.pointee.content, length: line.pointee.content_len)
                if origin == UInt8(ascii: "+") {
                    change.addedLines.append(DiffLine(number: Int(line.pointee.new_lineno), text: text))
                } else {
                    change.removedLines.append(DiffLine(number: Int(line.pointee.old_lineno), text: text))
                }
            }
        }
    }

    /// A line's text without its line ending, decoded as UTF-8 with replacement.
    static func lineText(_ content: UnsafePointer<CChar>?, length: Int) -> String {
        guard let content, length > 0 else { return "" }
        return content.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            var count = length
            if count > 0, bytes[count - 1] == UInt8(ascii: "\n") { count -= 1 }
            if count > 0, bytes[count - 1] == UInt8(ascii: "\r") { count -= 1 }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }

    /// Binary or oversized blobs may come back without a size; the object header has it.
    private func fillMissingSizes(_ change: inout FileChange) {
        if change.newSize == 0, let blob = change.newBlob { change.newSize = blobSize(blob) ?? 0 }
        if change.oldSize == 0, let blob = change.oldBlob { change.oldSize = blobSize(blob) ?? 0 }
    }

    /// The size of a blob from its header, without reading its content.
    public func blobSize(_ id: ObjectID) -> Int64? {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0 else { return nil }
        defer { git_odb_free(odb) }
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_ANY
        guard git_odb_read_header(&size, &type, odb, &oid) == 0 else {
            git_error_clear()
            return nil
        }
        return Int64(size)
    }
}

extension FileChange {
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
        let oldID = ObjectID(delta.old_file.id)
        let newID = ObjectID(delta.new_file.id)
        self.init(
            status: status,
            oldPath: String(lossyCString: delta.old_file.path),
            newPath: newPath,
            oldMode: FileMode(rawValue: UInt32(delta.old_file.mode)),
            newMode: FileMode(rawValue: UInt32(delta.new_file.mode)),
            isBinary: (delta.flags & GIT_DIFF_FLAG_BINARY.rawValue) != 0,
            oldSize: Int64(delta.old_file.size),
            newSize: Int64(delta.new_file.size),
            oldBlob: oldID.isZero || FileMode(rawValue: UInt32(delta.old_file.mode)) == .submodule ? nil : oldID,
            newBlob: newID.isZero || FileMode(rawValue: UInt32(delta.new_file.mode)) == .submodule ? nil : newID
        )
    }
}
