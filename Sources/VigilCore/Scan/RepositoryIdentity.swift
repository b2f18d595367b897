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
