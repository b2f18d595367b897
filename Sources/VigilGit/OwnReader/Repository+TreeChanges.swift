import CGit2

/// One side of a changed path: the entry's object id and its (normalised) mode.
struct TreeSide {
    var id: git_oid
    var mode: UInt32
}

/// A path whose entry differs between two trees, found from tree entries alone (no blob is read).
/// `old` is `nil` for an added path, `new` for a deleted one.
struct TreeEntryChange {
    var path: String
    var old: TreeSide?
    var new: TreeSide?
}

extension Repository {
    /// Every path below the trees (files, symlinks, submodules; never a folder itself) whose entry
    /// differs between `old` (`nil`: the empty tree) and `new`, in git's path order.
    ///
    /// This is git's own tree comparison: both trees are walked side by side in tree order, and a
    /// subtree with the same id on both sides is skipped without being read. libgit2's
    /// `git_diff_tree_to_tree` gives the same answer but builds a full diff object around it, which
    /// cost more than every blob read of a history scan together. A path that is a file on one side
    /// and a folder on the other is a deletion plus additions, as in `git diff`.
    ///
    /// The walk keeps its own stack, so a hostile tree nested thousands of levels deep cannot
    /// overflow a worker thread's stack. Trees out of git's order (which only a hostile tool writes)
    /// still end the walk; their changes are then reported as additions and deletions. Trees that
    /// only a hand-made object database can hold (with hash checks off, a tree can name itself, or
    /// name one subtree thousands of times over) fail the walk with an error instead of running
    /// forever: see `TreeWalkLimits`.
    func changedEntries(from old: OpaquePointer?, to new: OpaquePointer?) throws(GitError) -> [TreeEntryChange] {
        var stack = [TreePairFrame(old: old, new: new, ownsTrees: false, prefix: "")]
        defer { stack.forEach { $0.release() } }
        var changes: [TreeEntryChange] = []
        var treesOpened = 0
        func push(old: TreeEntry?, new: TreeEntry?, prefix: String) throws(GitError) {
            treesOpened += 1
            let frame = try subtreeFrame(old: old, new: new, prefix: prefix)
            if let problem = TreeWalkLimits.problem(pushing: frame, onto: stack, treesOpened: treesOpened) {
                frame.release()
                throw GitError(kind: .corruptObject, message: problem, operation: "tree walk")
            }
            stack.append(frame)
        }
        func record(_ change: TreeEntryChange) throws(GitError) {
            guard changes.count < TreeWalkLimits.maxChangedPaths else {
                throw GitError(
                    kind: .corruptObject,
                    message: "more than \(TreeWalkLimits.maxChangedPaths) changed paths; not diffed",
                    operation: "tree walk")
            }
            changes.append(change)
        }
        while let top = stack.indices.last {
            let oldEntry = stack[top].nextOld
            let newEntry = stack[top].nextNew
            let prefix = stack[top].prefix
            let order: Int32
            switch (oldEntry, newEntry) {
            case (nil, nil):
                stack.removeLast().release()
                continue
            case (_?, nil): order = -1
            case (nil, _?): order = 1
            case (let oldEntry?, let newEntry?): order = TreeEntry.gitOrder(oldEntry, newEntry)
            }
            if order < 0, let oldEntry {
                stack[top].oldIndex += 1
                if oldEntry.isTree {
                    try push(old: oldEntry, new: nil, prefix: prefix)
                } else {
                    try record(TreeEntryChange(path: oldEntry.path(in: prefix), old: oldEntry.side, new: nil))
                }
            } else if order > 0, let newEntry {
                stack[top].newIndex += 1
                if newEntry.isTree {
                    try push(old: nil, new: newEntry, prefix: prefix)
                } else {
                    try record(TreeEntryChange(path: newEntry.path(in: prefix), old: nil, new: newEntry.side))
                }
            } else if let oldEntry, let newEntry {
                // Same name, and (by git's order) both folders or both not.
                stack[top].oldIndex += 1
                stack[top].newIndex += 1
                if oldEntry.mode == newEntry.mode, git_oid_equal(oldEntry.id, newEntry.id) == 1 { continue }
                if oldEntry.isTree {
                    try push(old: oldEntry, new: newEntry, prefix: prefix)
                } else {
                    try record(
                        TreeEntryChange(path: newEntry.path(in: prefix), old: oldEntry.side, new: newEntry.side))
                }
            }
        }
        return changes
    }

    /// The frame that compares the subtrees behind two entries (either may be absent).
    private func subtreeFrame(old: TreeEntry?, new: TreeEntry?, prefix: String) throws(GitError) -> TreePairFrame {
        let name = ((new ?? old).map { $0.path(in: prefix) } ?? prefix) + "/"
        let oldTree = try old.map { (entry) throws(GitError) in try lookupTree(entry.id) }
        do {
            let newTree = try new.map { (entry) throws(GitError) in try lookupTree(entry.id) }
            return TreePairFrame(old: oldTree, new: newTree, ownsTrees: true, prefix: name)
        } catch {
            oldTree.map { git_tree_free($0) }
            throw error
        }
    }

    private func lookupTree(_ id: UnsafePointer<git_oid>) throws(GitError) -> OpaquePointer {
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, pointer, id), "git_tree_lookup(\(ObjectID(id.pointee).short))")
        guard let tree else {
            throw GitError(kind: .corruptObject, message: "libgit2 returned no tree", operation: "git_tree_lookup")
        }
        return tree
    }
}

/// Bounds on one tree walk, for object databases written by hand rather than by git.
enum TreeWalkLimits {
    /// git's own limit on tree nesting (`core.maxTreeDepth`).
    static let maxDepth = 4096
    /// Far beyond any real commit (a vendored dependency tree is tens of thousands of files).
    static let maxChangedPaths = 1_000_000
    /// Subtrees opened in one walk: bounds a walk that finds few changes in a tree naming the
    /// same subtree over and over.
    static let maxTreesOpened = 2_000_000

    /// Why `frame` may not join the walk, or `nil` when it may.
    fileprivate static func problem(pushing frame: TreePairFrame, onto stack: [TreePairFrame], treesOpened: Int)
        -> String?
    {
        // Messages name the tree by id, not by path: a path this deep is megabytes of repository text.
        if stack.count >= maxDepth { return "trees nested more than \(maxDepth) deep, at tree \(treeName(frame))" }
        if treesOpened > maxTreesOpened { return "more than \(maxTreesOpened) subtrees opened; not diffed" }
        // A tree that contains itself (possible only with hash checks off) would be walked forever.
        for open in stack {
            if sameTree(open.old, frame.old) || sameTree(open.new, frame.new) {
                return "tree \(treeName(frame)) contains itself"
            }
        }
        return nil
    }

    private static func treeName(_ frame: TreePairFrame) -> String {
        guard let tree = frame.new ?? frame.old, let id = git_tree_id(tree) else { return "?" }
        return ObjectID(id.pointee).short
    }

    private static func sameTree(_ a: OpaquePointer?, _ b: OpaquePointer?) -> Bool {
        guard let a, let b, let first = git_tree_id(a), let second = git_tree_id(b) else { return false }
        return git_oid_equal(first, second) == 1
    }
}

/// Two trees being compared, and how far the comparison has got in each.
private struct TreePairFrame {
    let old: OpaquePointer?
    let new: OpaquePointer?
    /// Subtrees are looked up by the walk and freed by it; the two root trees belong to the caller.
    let ownsTrees: Bool
    /// The folder these trees sit at, with a trailing `/` (empty at the root).
    let prefix: String
    var oldIndex = 0
    var newIndex = 0
    private let oldCount: Int
    private let newCount: Int

    init(old: OpaquePointer?, new: OpaquePointer?, ownsTrees: Bool, prefix: String) {
        self.old = old
        self.new = new
        self.ownsTrees = ownsTrees
        self.prefix = prefix
        oldCount = old.map { git_tree_entrycount($0) } ?? 0
        newCount = new.map { git_tree_entrycount($0) } ?? 0
    }

    var nextOld: TreeEntry? { oldIndex < oldCount ? TreeEntry(old, oldIndex) : nil }
    var nextNew: TreeEntry? { newIndex < newCount ? TreeEntry(new, newIndex) : nil }

    func release() {
        guard ownsTrees else { return }
        old.map { git_tree_free($0) }
        new.map { git_tree_free($0) }
    }
}

/// A borrowed view of one entry of a tree that the walk holds open.
private struct TreeEntry {
    let name: UnsafePointer<CChar>
    let id: UnsafePointer<git_oid>
    let mode: UInt32

    init?(_ tree: OpaquePointer?, _ index: Int) {
        guard let entry = git_tree_entry_byindex(tree, index), let name = git_tree_entry_name(entry),
            let id = git_tree_entry_id(entry)
        else { return nil }
        self.name = name
        self.id = id
        mode = git_tree_entry_filemode(entry).rawValue
    }

    var isTree: Bool { mode & 0o170000 == 0o040000 }
    var side: TreeSide { TreeSide(id: id.pointee, mode: mode) }

    func path(in prefix: String) -> String {
        prefix + String(lossyCString: name)
    }

    /// git's tree order: names compared bytewise, a folder's name as if it ended in `/`.
    static func gitOrder(_ a: TreeEntry, _ b: TreeEntry) -> Int32 {
        var index = 0
        while true {
            var ca = UInt8(bitPattern: a.name[index])
            var cb = UInt8(bitPattern: b.name[index])
            if ca == 0 || cb == 0 || ca != cb {
                if ca == 0, a.isTree { ca = UInt8(ascii: "/") }
                if cb == 0, b.isTree { cb = UInt8(ascii: "/") }
                return ca == cb ? 0 : (ca < cb ? -1 : 1)
            }
            index += 1
        }
    }
}
