import CGit2

/// The history walk of the `reference` read mode: libgit2's revwalk, sorted as `git log
/// --date-order` (children before parents, newest first among those ready), which is the order
/// `HistoryWalker` produces. Unlike `HistoryWalker` it ends the whole walk at the first commit it
/// cannot read, and it cannot walk a shallow clone (libgit2 1.5 ignores the grafts).
enum ReferenceWalk {
    static func walk(_ repository: Repository, from tips: [ObjectID], hiding: [ObjectID], order: WalkOrder)
        throws(GitError) -> WalkResult
    {
        var made: OpaquePointer?
        try check(git_revwalk_new(&made, repository.pointer), "git_revwalk_new")
        guard let walk = made else {
            throw GitError(kind: .other, message: "libgit2 returned no revwalk", operation: "git_revwalk_new")
        }
        defer { git_revwalk_free(walk) }
        try check(
            git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
        for tip in tips {
            var commit = try repository.peelToCommit(tip)
            try check(git_revwalk_push(walk, &commit), "git_revwalk_push(\(tip.short))")
        }
        for hidden in hiding where repository.contains(hidden) {
            // As in the fast walk, an id that is not a commit (or a tag of one) hides nothing.
            guard var commit = try? repository.peelToCommit(hidden) else { continue }
            try check(git_revwalk_hide(walk, &commit), "git_revwalk_hide(\(hidden.short))")
        }
        var commits: [ObjectID] = []
        var errors: [GitError] = []
        var next = git_oid()
        while true {
            let code = git_revwalk_next(&next, walk)
            if code == GIT_ITEROVER.rawValue { break }
            if code < 0 {
                errors.append(.last(code: code, operation: "git_revwalk_next"))
                break
            }
            commits.append(ObjectID(next))
        }
        return WalkResult(commits: order == .newestFirst ? commits : commits.reversed(), errors: errors)
    }
}
