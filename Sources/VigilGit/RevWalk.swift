/// The order in which a walk yields commits.
public enum WalkOrder: Sendable {
    /// Newest first, parents after all their children (`git log`'s order).
    case newestFirst
    /// Oldest first, parents before children: the order the commits were made in.
    case oldestFirst
}

/// The outcome of a walk: the commits reached, and the commits that could not be read. A missing or
/// corrupt commit ends only its own line of history; the walk goes on along every other line.
public struct WalkResult: Sendable {
    public var commits: [ObjectID]
    /// One error per commit that could not be read, naming it (and the child that refers to it) in
    /// `operation`; empty when the whole history was readable.
    public var errors: [GitError]

    /// The first error in `errors`, if any.
    public var error: GitError? {
        get { errors.first }
        set { errors = newValue.map { [$0] } ?? [] }
    }

    init(commits: [ObjectID], errors: [GitError]) {
        self.commits = commits
        self.errors = errors
    }
}

extension Repository {
    /// The commits reachable from `tips` and not from `hiding`. Hidden ids that are not in this
    /// repository (or are not commits) are ignored, so a stale "already seen" tip never fails a walk.
    /// A shallow clone's history ends at its boundary, without error. Throws when a tip cannot be read.
    public func walk(from tips: [ObjectID], hiding: [ObjectID] = [], order: WalkOrder = .oldestFirst) throws(GitError)
        -> WalkResult
    {
        guard readMode == .fast else {
            return try ReferenceWalk.walk(self, from: tips, hiding: hiding, order: order)
        }
        var walker = HistoryWalker(repository: self)
        for tip in tips {
            try walker.push(tip)
        }
        for hidden in hiding {
            walker.hide(hidden)
        }
        return walker.run(order: order)
    }
}
