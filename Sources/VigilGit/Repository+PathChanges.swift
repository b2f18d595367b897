import CGit2

/// A file path whose content differs between a parent's tree and a commit's tree, with the blob on
/// each side. Only regular files carry a blob here: a symlink, a submodule or a folder on a side is
/// no text to blame, so that side is `nil` as if the path were absent.
public struct PathChange: Sendable, Hashable {
    public var path: String
    public var oldBlob: ObjectID?
    public var newBlob: ObjectID?

    public init(path: String, oldBlob: ObjectID?, newBlob: ObjectID?) {
        self.path = path
        self.oldBlob = oldBlob
        self.newBlob = newBlob
    }
}

extension Repository {
    /// The regular files whose blob differs between `parent`'s tree (`nil`: the empty tree) and
    /// `commit`'s, in git's path order, found by comparing tree entries alone (no blob is read). The
    /// same bounded tree walk as the scan's diff, so a hostile tree costs an error, not a hang.
    public func pathChanges(from parent: ObjectID?, to commit: ObjectID) throws(GitError) -> [PathChange] {
        let newTree = try tree(of: commit)
        defer { git_tree_free(newTree) }
        let oldTree = try parent.map { (id) throws(GitError) in try parentTree(id, of: commit) }
        defer { oldTree.map { git_tree_free($0) } }
        var result: [PathChange] = []
        for entry in try changedEntries(from: oldTree, to: newTree) {
            let old = entry.old.flatMap(Repository.regularFileBlob)
            let new = entry.new.flatMap(Repository.regularFileBlob)
            if old == nil, new == nil { continue }
            if let old, let new, old == new { continue }
            result.append(PathChange(path: entry.path, oldBlob: old, newBlob: new))
        }
        return result
    }

    /// The blob of a regular file (either executable bit), or `nil` for anything else.
    private static func regularFileBlob(_ side: TreeSide) -> ObjectID? {
        side.mode & 0o170000 == 0o100000 ? ObjectID(side.id) : nil
    }
}
