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

    /// The tips to walk from and the commits to hide, resolved in `repository`.
    public func resolve(in repository: Repository) throws(GitError) -> (tips: [ObjectID], hiding: [ObjectID]) {
        switch self {
        case .all:
            return (try RevisionSelection.branchAndTagTips(repository), [])
        case .since(let revision):
            return (try RevisionSelection.branchAndTagTips(repository), [try repository.resolveCommit(revision)])
        case .range(let from, let to):
            return ([try repository.resolveCommit(to)], [try repository.resolveCommit(from)])
        case .reachable(let revision):
            return ([try repository.resolveCommit(revision)], [])
        }
    }

    static func branchAndTagTips(_ repository: Repository) throws(GitError) -> [ObjectID] {
        var seen: Set<ObjectID> = []
        return try repository.references()
            .filter { $0.name.hasPrefix("refs/heads/") || $0.name.hasPrefix("refs/tags/") }
            .compactMap(\.commit)
            .filter { seen.insert($0).inserted }
    }
}
