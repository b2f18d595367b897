#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes sure the files libgit2 reads from a repository are regular files, before it reads them.
///
/// libgit2 opens `config`, `HEAD`, `packed-refs`, loose references and the rest with a blocking
/// `open()`: a FIFO in place of any of them stops the scan for ever, and a symlink to a device
/// such as `/dev/zero` never ends. A symlink whose target is a regular file (or, where a folder is
/// expected, a folder) is allowed: git itself writes few, but some hosting set-ups link shared
/// files, and such a target reads like any file. Anything else is an error naming the path.
///
/// The check runs when the repository is opened; a file swapped for a FIFO between the check and
/// libgit2's read is not caught (that needs write access to the repository on this host, which is
/// more than pushing to it gives).
enum RepositoryFiles {
    /// Files in a git folder (and in the common folder of a linked work tree) that libgit2 reads
    /// when it opens the repository, resolves `HEAD` or lists references, or that Vigil reads.
    private static let files = [
        "HEAD", "config", "config.worktree", "commondir", "gitdir", "packed-refs", "shallow",
        "info/attributes", "info/grafts", "objects/info/alternates",
    ]
    /// A `.git` file or `commondir` file longer than this is not a pointer git wrote.
    private static let maxPointerBytes = 4096
    /// Folders under `refs/` deeper than this are not looked into (git refuses such names anyway).
    private static let maxReferenceDepth = 64

    /// Checks the repository at `path` (a bare repository, or a work tree whose `.git` is a folder
    /// or a `gitdir:` file) before libgit2 opens it.
    static func checkBeforeOpen(_ path: String) throws(GitError) {
        var gitFolder = path
        let dotGit = path + "/.git"
        switch RegularFile.kind(of: dotGit) {
        case .directory:
            gitFolder = dotGit
        case .regular:
            guard let target = try pointer(in: dotGit, prefix: "gitdir:") else { return }
            gitFolder = target.hasPrefix("/") ? target : path + "/" + target
        case .other(let kind):
            throw refused(dotGit, kind)
        case nil:
            break
        }
        try checkFiles(in: gitFolder)
        let commonFile = gitFolder + "/commondir"
        if RegularFile.kind(of: commonFile) == .regular, let common = try pointer(in: commonFile, prefix: "") {
            try checkFiles(in: common.hasPrefix("/") ? common : gitFolder + "/" + common)
        }
    }

    /// Checks every loose reference under `refs/` of the repository's git folder and common folder,
    /// once libgit2 has said where they are.
    static func checkReferences(gitFolder: String, commonFolder: String) throws(GitError) {
        try checkTree(commonFolder.hasSuffix("/") ? commonFolder + "refs" : commonFolder + "/refs", depth: 0)
        if gitFolder != commonFolder {
            try checkTree(gitFolder.hasSuffix("/") ? gitFolder + "refs" : gitFolder + "/refs", depth: 0)
        }
    }

    // MARK: - Checks

    private static func checkFiles(in folder: String) throws(GitError) {
        for name in files {
            let path = folder + "/" + name
            if case .other(let kind) = RegularFile.kind(of: path) { throw refused(path, kind) }
        }
    }

    /// Every entry under `folder` must be a folder or a regular file.
    private static func checkTree(_ folder: String, depth: Int) throws(GitError) {
        guard depth < maxReferenceDepth, let names = FolderListing.names(in: Array(folder.utf8CString)) else { return }
        for name in names where name != "." && name != ".." {
            let path = folder + "/" + name
            switch RegularFile.kind(of: path) {
            case .regular, nil:
                continue
            case .directory:
                // A symlink to a folder is not followed: libgit2 does not descend into one either.
                var link = stat()
                if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFDIR {
                    try checkTree(path, depth: depth + 1)
                }
            case .other(let kind):
                throw refused(path, kind)
            }
        }
    }

    /// The path a pointer file (`gitdir: …`, or a `commondir` file's line) names, trimmed.
    private static func pointer(in path: String, prefix: String) throws(GitError) -> String? {
        switch RegularFile.contents(path, limit: maxPointerBytes) {
        case .success(let bytes):
            var text = String(decoding: bytes, as: UTF8.self)
            guard text.hasPrefix(prefix) else { return nil }
            text.removeFirst(prefix.count)
            let trimmed = text.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        case .failure(.notRegular(let kind)):
            throw refused(path, kind)
        case .failure:
            return nil
        }
    }

    private static func refused(_ path: String, _ kind: String) -> GitError {
        GitError(
            kind: .notARepository, message: RegularFile.Failure.notRegular(kind).message(path), operation: "open")
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line ends.
    fileprivate func trimmingWhitespace() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: blank).reversed().drop(while: blank).reversed())
    }
}
