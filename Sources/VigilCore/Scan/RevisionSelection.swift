import VigilGit

/// Which commits of a repository an on-demand command covers.
public enum RevisionSelection: Sendable, Hashable {
    /// Every commit reachable from branches and tags (`refs/heads/*`, `refs/tags/*`; never notes).
    case all
    /// Commits reachable from branches and tags but not from `revision`.
    case since(String)
    /// `A..B`: reachable from B, not from A.
    case range(from: String, to: String)
    /// Everything reachable from one revision.
    case reachable(String)

    /// Parses a command-line revision range: `A..B`, or a single revision.
    public static func parse(_ text: String) -> RevisionSelection {
        if let separator = text.range(of: "..") {
            let from = String(text[..<separator.lowerBound])
            let to = String(text[separator.upperBound...])
            return .range(from: from.isEmpty ? "HEAD" : from, to: to.isEmpty ? "HEAD" : to)
        }
        return .reachable(text)
    }

    /// What a selection resolved to in one repository: the tips to walk from, the commits to hide,
    /// and the branches and tags that could not be followed (each one is history the scan cannot
    /// read, so the caller reports it as an error rather than scanning as if it were not there).
    public struct Resolution: Sendable {
        public var tips: [ObjectID]
        public var hiding: [ObjectID]
        public var unreadable: [Reference]
    }

    /// Resolves the selection in `repository`. A revision the user named that cannot be resolved
    /// throws; a branch or tag found while listing that cannot be followed is in `unreadable`.
    public func resolve(in repository: Repository) throws(GitError) -> Resolution {
        switch self {
        case .all:
            let (tips, unreadable) = try RevisionSelection.branchAndTagTips(repository)
            return Resolution(tips: tips, hiding: [], unreadable: unreadable)
        case .since(let revision):
            let (tips, unreadable) = try RevisionSelection.branchAndTagTips(repository)
            return Resolution(tips: tips, hiding: [try repository.resolveCommit(revision)], unreadable: unreadable)
        case .range(let from, let to):
            return Resolution(
                tips: [try repository.resolveCommit(to)], hiding: [try repository.resolveCommit(from)], unreadable: [])
        case .reachable(let revision):
            return Resolution(tips: [try repository.resolveCommit(revision)], hiding: [], unreadable: [])
        }
    }

    static func branchAndTagTips(_ repository: Repository) throws(GitError)
        -> (tips: [ObjectID], unreadable: [Reference])
    {
        var seen: Set<ObjectID> = []
        var tips: [ObjectID] = []
        var unreadable: [Reference] = []
        for reference in try repository.references()
        where reference.name.hasPrefix("refs/heads/") || reference.name.hasPrefix("refs/tags/")
            || (reference.problem != nil && "refs/heads/".hasPrefix(reference.name))
        {
            if reference.problem != nil {
                unreadable.append(reference)
            } else if let commit = reference.commit, seen.insert(commit).inserted {
                tips.append(commit)
            }
        }
        return (tips, unreadable)
    }
}
