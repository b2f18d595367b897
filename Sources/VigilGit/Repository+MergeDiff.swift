import CGit2

extension Repository {
    /// What a merge introduced: a line is added when it is added relative to every parent (the same
    /// line of the merge result), removed when every parent had it, and a mode counts when it differs
    /// from every parent's. Paths identical to any parent's version are dropped from tree entries
    /// alone, before any blob is read, so a clean merge costs only tree reads.
    func mergeDiff(
        _ commit: Commit, firstParentTree: OpaquePointer, mergeTree: OpaquePointer, options: DiffOptions,
        budget: ContentBudget
    ) throws(GitError) -> CommitDiff {
        var otherTrees: [OpaquePointer] = []
        defer { otherTrees.forEach { git_tree_free($0) } }
        var sharedPaths = try changedPaths(from: firstParentTree, to: mergeTree)
        for parent in commit.parents.dropFirst() {
            guard !sharedPaths.isEmpty else { return CommitDiff() }
            let parentTree = try parentTree(parent, of: commit.id)
            otherTrees.append(parentTree)
            sharedPaths.formIntersection(try changedPaths(from: parentTree, to: mergeTree))
        }
        guard !sharedPaths.isEmpty else { return CommitDiff() }

        var result = try treeDiff(
            from: firstParentTree, to: mergeTree, options: options, budget: budget, onlyPaths: sharedPaths)
        var others: [[String: FileChange]] = []
        for tree in otherTrees {
            let diff = try treeDiff(from: tree, to: mergeTree, options: options, budget: budget, onlyPaths: sharedPaths)
            result.unreadable += diff.unreadable
            others.append(Dictionary(diff.files.map { ($0.newPath, $0) }, uniquingKeysWith: { first, _ in first }))
        }
        var reported: Set<UnreadableObject> = []
        result.unreadable = result.unreadable.filter { reported.insert($0).inserted }
        result.files = result.files.compactMap { file in introduced(by: file, comparedWith: others) }
        return result
    }

    /// The part of `file` (the change against the first parent) that every other parent lacks too;
    /// `nil` when nothing is left.
    private func introduced(by file: FileChange, comparedWith others: [[String: FileChange]]) -> FileChange? {
        var kept = file
        var added = Set(file.addedLines.map(\.number))
        var removed = multiset(file.removedLines.map(\.text))
        var modeIntroduced = file.oldMode != file.newMode
        for other in others {
            guard let change = other[file.newPath] else { return nil }
            added.formIntersection(change.addedLines.map(\.number))
            removed = intersect(removed, multiset(change.removedLines.map(\.text)))
            if change.oldMode == change.newMode { modeIntroduced = false }
        }
        kept.addedLines = file.addedLines.filter { added.contains($0.number) }
        kept.removedLines = file.removedLines.filter { line in
            guard let count = removed[line.text], count > 0 else { return false }
            removed[line.text] = count - 1
            return true
        }
        let contentChanged = !kept.addedLines.isEmpty || !kept.removedLines.isEmpty
        let linesUnknown = file.oldContent != .text || file.newContent != .text
        return contentChanged || modeIntroduced || linesUnknown || file.status != .modified ? kept : nil
    }

    private func multiset(_ lines: [String]) -> [String: Int] {
        lines.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    private func intersect(_ a: [String: Int], _ b: [String: Int]) -> [String: Int] {
        a.reduce(into: [:]) { result, entry in
            if let other = b[entry.key] { result[entry.key] = min(entry.value, other) }
        }
    }
}
