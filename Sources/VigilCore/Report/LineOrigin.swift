import VigilGit

/// Where a line of the final file came from: the commit that last wrote it inside the range, the
/// file's path in that commit, and its 1-based line number there (what a git-ai note's ranges
/// count). Commits and paths are indices into an `OriginTable`, so a line costs 12 bytes.
struct LineOrigin: Hashable {
    var commit: Int32
    var path: Int32
    var line: Int32

    /// A line older than the range: blame stopped at a boundary commit.
    static let boundary = LineOrigin(commit: -1, path: -1, line: 0)
    var isBoundary: Bool { commit < 0 }
}

/// The commits and paths `LineOrigin`s point at.
final class OriginTable {
    private(set) var commits: [ObjectID] = []
    private(set) var paths: [String] = []
    private var commitIndex: [ObjectID: Int32] = [:]
    private var pathIndex: [String: Int32] = [:]

    func index(of commit: ObjectID) -> Int32 {
        if let index = commitIndex[commit] { return index }
        let index = Int32(commits.count)
        commits.append(commit)
        commitIndex[commit] = index
        return index
    }

    func index(of path: String) -> Int32 {
        if let index = pathIndex[path] { return index }
        let index = Int32(paths.count)
        paths.append(path)
        pathIndex[path] = index
        return index
    }
}

/// What blame knows about one file at one commit of the range.
enum FileBlame {
    /// The origin of every line; lines older than the range are `LineOrigin.boundary`.
    case lines([LineOrigin])
    /// The file is not blamed, and why.
    case skipped(SkipReason)
}

/// Why a file at the end of the range is not blamed.
public enum SkipReason: Sendable, Hashable {
    /// A NUL byte among its first 8000 bytes, git's rule.
    case binary
    /// Larger than `[scan] max_blob_bytes`.
    case tooLarge(Int64)
    /// One of its versions could not be read; the message says which and why.
    case unreadable(String)

    public var label: String {
        switch self {
        case .binary: "binary"
        case .tooLarge: "too large"
        case .unreadable: "unreadable"
        }
    }
}
