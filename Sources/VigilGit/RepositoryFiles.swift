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
    /// libgit2 follows config includes this deep.
    private static let maxIncludeDepth = 10
    /// A config file longer than this is not searched for includes (libgit2 reads it all the same).
    private static let maxConfigBytes = 4 << 20

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
        for name in ["config", "config.worktree"] {
            try checkIncludes(of: folder + "/" + name, depth: 0)
        }
    }

    /// libgit2 reads the files a config names in `include.path` and `includeIf.<condition>.path`
    /// (whatever the condition: it is cheaper to check them all than to evaluate it), and theirs,
    /// up to `maxIncludeDepth` deep. Each that exists must be a regular file.
    private static func checkIncludes(of config: String, depth: Int) throws(GitError) {
        guard depth < maxIncludeDepth, case .success(let bytes) = RegularFile.contents(config, limit: maxConfigBytes)
        else { return }
        let folder = config.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            .joined(separator: "/")
        var inInclude = false
        for rawLine in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = String(rawLine).trimmingWhitespace()
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" && $0 != " " && $0 != "\t" && $0 != "\"" }
                inInclude = ["include", "includeif"].contains(name.lowercased())
                continue
            }
            guard inInclude, let equals = line.firstIndex(of: "="),
                line[..<equals].trimmingWhitespace().lowercased() == "path"
            else { continue }
            var value = line[line.index(after: equals)...].trimmingWhitespace()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            guard !value.isEmpty else { continue }
            let path: String
            if value.hasPrefix("/") {
                path = value
            } else if value.hasPrefix("~/") {
                guard let home = getenv("HOME") else { continue }
                path = String(cString: home) + value.dropFirst()
            } else {
                path = folder + "/" + value
            }
            switch RegularFile.kind(of: path) {
            case .other(let kind): throw refused(path + " (included by " + config + ")", kind)
            case .regular: try checkIncludes(of: path, depth: depth + 1)
            case .directory, nil: continue
            }
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

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line ends.
    fileprivate func trimmingWhitespace() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: blank).reversed().drop(while: blank).reversed())
    }
}
