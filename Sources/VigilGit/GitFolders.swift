#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a repository keeps its files, found without libgit2: the git folder (`HEAD`, per work
/// tree state) and the common folder (`refs/`, `packed-refs`, `objects/`), which differ only for
/// a linked work tree. Reading refs needs nothing more, and finding them this way costs a few
/// `stat` calls instead of opening the repository and parsing its config.
public struct GitFolders: Sendable, Hashable {
    /// The folder holding `HEAD`, without a trailing slash.
    public var gitFolder: String
    /// The folder holding `refs/` and `packed-refs`, without a trailing slash.
    public var commonFolder: String

    /// A `.git` or `commondir` pointer file longer than this is not one git wrote.
    static let maxPointerBytes = 4096

    /// The folders of the repository at `path` (a bare repository, or a work tree whose `.git` is
    /// a folder or a `gitdir:` file); never searches parent folders.
    ///
    /// Throws `notFound` for a missing path, `permissionDenied` for a folder this process may not
    /// enter, and `notARepository` for anything without a regular `HEAD` file.
    public static func locate(_ path: String) throws(GitError) -> GitFolders {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno
            let kind: GitError.Kind = reason == EACCES ? .permissionDenied : .notFound
            throw GitError(kind: kind, message: "\(describe(reason)): \(path)", operation: "locate repository")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw refused("not a directory: \(path)")
        }
        var gitFolder = path
        let dotGit = path + "/.git"
        switch RegularFile.kind(of: dotGit) {
        case .directory:
            gitFolder = dotGit
        case .regular:
            let target = try pointer(in: dotGit, prefix: "gitdir:")
            gitFolder = target.hasPrefix("/") ? target : path + "/" + target
        case .other(let kind):
            throw refused(RegularFile.Failure.notRegular(kind).message(dotGit))
        case nil:
            if access(path, X_OK) != 0, errno == EACCES {
                throw GitError(
                    kind: .permissionDenied, message: "\(describe(EACCES)): \(path)", operation: "locate repository")
            }
        }
        switch RegularFile.kind(of: gitFolder + "/HEAD") {
        case .regular: break
        case .other(let kind): throw refused(RegularFile.Failure.notRegular(kind).message(gitFolder + "/HEAD"))
        case .directory, nil: throw refused("not a git repository (no HEAD file): \(path)")
        }
        var commonFolder = gitFolder
        let commonFile = gitFolder + "/commondir"
        if RegularFile.kind(of: commonFile) == .regular {
            let common = try pointer(in: commonFile, prefix: "")
            commonFolder = common.hasPrefix("/") ? common : gitFolder + "/" + common
        }
        return GitFolders(gitFolder: trimmed(gitFolder), commonFolder: trimmed(commonFolder))
    }

    /// The path a pointer file names (`gitdir: …`, or the line of a `commondir` file).
    private static func pointer(in path: String, prefix: String) throws(GitError) -> String {
        switch RegularFile.contents(path, limit: maxPointerBytes) {
        case .success(let bytes):
            var text = String(decoding: bytes, as: UTF8.self)
            guard text.hasPrefix(prefix) else { throw refused("not a git pointer file: \(path)") }
            text.removeFirst(prefix.count)
            let target = String(text.drop { $0 == " " || $0 == "\t" }.prefix { $0 != "\n" && $0 != "\r" })
            guard !target.isEmpty, !target.utf8.contains(0) else { throw refused("an empty git pointer file: \(path)") }
            return target
        case .failure(let failure):
            throw refused(failure.message(path))
        }
    }

    /// The folder with symlinks, `.` and `..` resolved (a linked work tree's `commondir` says
    /// `../..`), so that two work trees of one repository name one common folder.
    private static func trimmed(_ folder: String) -> String {
        if let resolved = realpath(folder, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        var folder = folder
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return folder
    }

    private static func refused(_ message: String) -> GitError {
        GitError(kind: .notARepository, message: message, operation: "locate repository")
    }

    private static func describe(_ code: Int32) -> String {
        String(lossyCString: strerror(code))
    }
}
