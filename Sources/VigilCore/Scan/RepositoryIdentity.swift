#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A repository's one identity: its canonical path. `repo`, `repo/`, `./repo`, a symlink to it and
/// its absolute path all name one repository, so they must give one alert id, one queue entry and
/// one ignore-file match. Every path is resolved here, where repositories enter the engine.
public enum RepositoryIdentity {
    /// The absolute path with every symlink, `.` and `..` resolved; for a work tree's own `.git`
    /// folder, the work tree (git opens `repo` and `repo/.git` as the same repository).
    /// `nil` when the path does not exist or cannot be resolved.
    public static func canonicalPath(_ path: String) -> String? {
        guard !path.isEmpty, let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        var canonical = String(cString: resolved)
        if canonical.hasSuffix("/.git"), isDirectory(canonical) {
            canonical.removeLast("/.git".count)
            if canonical.isEmpty { canonical = "/" }
        }
        return canonical
    }

    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}

// MARK: - Discovery

extension RepositoryIdentity {
    /// Why no repository was found for a path given on the command line.
    public struct DiscoveryFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The canonical path of the repository that `path` is in, found upward as git finds it: the
    /// first folder from `path` (or its folder, for a file) up that is a bare repository or has a
    /// `.git` folder, or a `.git` file naming a repository (a linked work tree, a submodule).
    ///
    /// The search stops where git's does: it never moves up into a folder listed in
    /// `GIT_CEILING_DIRECTORIES` (`:`-separated absolute paths), nor onto another file system
    /// unless `GIT_DISCOVERY_ACROSS_FILESYSTEM` is true, and never past `/`. A `.git` file that
    /// does not name a repository is an error, as in git, rather than a reason to keep looking:
    /// moving on would scan an enclosing repository the user did not mean.
    public static func discover(
        _ path: String, environment: [String: String] = RepositoryIdentity.currentEnvironment()
    ) -> Result<String, DiscoveryFailure> {
        guard let start = canonicalPath(path) else {
            return .failure(DiscoveryFailure(description: "\(path): no such repository (the path does not exist)"))
        }
        var folder = isDirectory(start) ? start : parent(of: start)
        let ceilings = (environment["GIT_CEILING_DIRECTORIES"] ?? "").split(separator: ":").compactMap { entry in
            entry.hasPrefix("/") ? canonicalPath(String(entry)) ?? String(entry) : nil
        }
        let acrossFileSystems = ["1", "true", "yes", "on"].contains(
            (environment["GIT_DISCOVERY_ACROSS_FILESYSTEM"] ?? "").lowercased())
        // A bound on the climb, whatever the folders: a path has fewer components than this.
        for _ in 0..<4096 {
            switch dotGit(in: folder) {
            case .repository: return .success(canonicalPath(folder) ?? folder)
            case .broken(let message): return .failure(DiscoveryFailure(description: message))
            case .none: break
            }
            if isGitDirectory(folder) { return .success(canonicalPath(folder) ?? folder) }
            let up = parent(of: folder)
            guard up != folder, !ceilings.contains(up) else { break }
            if !acrossFileSystems, device(of: up) != device(of: folder) { break }
            folder = up
        }
        return .failure(
            DiscoveryFailure(description: "\(path): not a git repository (nor any of its parent folders)"))
    }

    public static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        for name in ["GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM"] {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }

    private enum DotGit {
        case none, repository
        case broken(String)
    }

    /// What `folder/.git` says: a repository folder, a `gitdir:` file naming one, or nothing.
    private static func dotGit(in folder: String) -> DotGit {
        let path = folder == "/" ? "/.git" : folder + "/.git"
        var status = stat()
        guard lstat(path, &status) == 0 else { return .none }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            return isGitDirectory(path) ? .repository : .none
        case S_IFREG:
            guard status.st_size <= 4096, let text = readSmallFile(path),
                text.hasPrefix("gitdir: ")
            else { return .broken("\(path) is not a valid .git file (no \"gitdir:\" line)") }
            var target = String(text.dropFirst("gitdir: ".count))
            while let last = target.last, last == "\n" || last == "\r" || last == " " { target.removeLast() }
            if !target.hasPrefix("/") { target = folder + "/" + target }
            guard let resolved = realPath(target), isGitDirectory(resolved) else {
                return .broken("\(path) names \(target), which is not a git repository")
            }
            return .repository
        default:
            return .broken("\(path) is neither a folder nor a file")
        }
    }

    /// git's test for a repository folder: a `HEAD` file, and `objects` and `refs` folders (or a
    /// `commondir` file, in a linked work tree's folder). Nothing is opened: a FIFO named `HEAD`
    /// must not block the search.
    private static func isGitDirectory(_ folder: String) -> Bool {
        let base = folder == "/" ? "" : folder
        guard isRegularOrLink(base + "/HEAD") else { return false }
        return (isDirectory(base + "/objects") && isDirectory(base + "/refs")) || isRegularOrLink(base + "/commondir")
    }

    private static func isRegularOrLink(_ path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return false }
        let kind = status.st_mode & S_IFMT
        return kind == S_IFREG || (kind == S_IFLNK && stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG)
    }

    /// `path` with symlinks resolved, a `.git` folder kept as it is.
    private static func realPath(_ path: String) -> String? {
        guard !path.isEmpty, let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : head
    }

    private static func device(of path: String) -> UInt64? {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(status.st_dev) : nil
    }

    /// A file of at most 4 KiB, opened without following a link and never blocking on a FIFO.
    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4097)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 4097) }
        guard count >= 0, count <= 4096 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
