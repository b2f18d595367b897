import CGit2

/// The order in which a walk yields commits.
public enum WalkOrder: Sendable {
    /// Newest first, parents after all their children (`git log`'s order).
    case newestFirst
    /// Oldest first, parents before children: the order the commits were made in.
    case oldestFirst
}

/// The outcome of a walk: the commits reached, and the error that stopped it early, if any
/// (a missing parent in a damaged repository stops the walk along that line of history).
public struct WalkResult: Sendable {
    public var commits: [ObjectID]
    public var error: GitError?
}

extension Repository {
    /// The commits reachable from `tips` and not from `hiding`. Hidden ids that are not in this
    /// repository are ignored, so a stale "already seen" tip never fails a walk.
    public func walk(from tips: [ObjectID], hiding: [ObjectID] = [], order: WalkOrder = .oldestFirst) throws(GitError)
        -> WalkResult
    {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, pointer), "git_revwalk_new")
        defer { git_revwalk_free(walker) }
        let sort: UInt32 =
            switch order {
            case .newestFirst: GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue
            case .oldestFirst:
                GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue
            }
        try check(git_revwalk_sorting(walker, sort), "git_revwalk_sorting")
        for tip in tips {
            var oid = tip.oid
            try check(git_revwalk_push(walker, &oid), "git_revwalk_push(\(tip.short))")
        }
        for hidden in hiding where contains(hidden) {
            var oid = hidden.oid
            try check(git_revwalk_hide(walker, &oid), "git_revwalk_hide(\(hidden.short))")
        }
        var commits: [ObjectID] = []
        var oid = git_oid()
        while true {
            let code = git_revwalk_next(&oid, walker)
            if code == GIT_ITEROVER.rawValue { return WalkResult(commits: commits, error: nil) }
            if code < 0 {
                return WalkResult(commits: commits, error: .last(code: code, operation: "git_revwalk_next"))
            }
            commits.append(ObjectID(oid))
        }
    }
}
