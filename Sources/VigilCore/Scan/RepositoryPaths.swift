#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns configured repository paths, which may be globs (`/srv/git/*.git`), into existing paths.
public enum RepositoryPaths {
    /// Each pattern expanded in order, without duplicates; a plain path is kept even if it does
    /// not exist, so opening it reports the problem by name instead of silently skipping it.
    public static func expand(_ patterns: [String]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for pattern in patterns {
            let matches = isGlob(pattern) ? glob(pattern) : [pattern]
            for path in matches where seen.insert(path).inserted {
                result.append(path)
            }
        }
        return result
    }

    /// The canonical path of each existing path, without duplicates, in order.
    public static func canonical(_ paths: [String]) -> [String] {
        var seen: Set<String> = []
        return paths.compactMap(RepositoryIdentity.canonicalPath).filter { seen.insert($0).inserted }
    }

    public static func isGlob(_ pattern: String) -> Bool {
        pattern.contains { "*?[".contains($0) }
    }

    /// Whether `path` names a repository `pattern` names, both resolved to canonical paths (see
    /// `Resolved`); a `path` that does not exist matches nothing.
    public static func matches(_ pattern: String, path: String) -> Bool {
        guard let canonicalPath = RepositoryIdentity.canonicalPath(path) else { return false }
        return Resolved(pattern).matches(canonicalPath: canonicalPath)
    }

    /// What a configured `path` names, resolved once: the canonical paths it expands to now, and
    /// for a glob the pattern itself, for repositories that appear under it later.
    struct Resolved: Sendable {
        var pattern: String
        var canonicalPaths: Set<String>

        init(_ pattern: String) {
            self.pattern = pattern
            canonicalPaths = Set(RepositoryPaths.canonical(RepositoryPaths.expand([pattern])))
        }

        /// Whether the repository at `canonicalPath` is one this entry names: the canonical path of
        /// a plain path or of a glob's match (a glob through a symlinked folder, `/srv/git/*.git`
        /// with `/srv` a link, names the resolved paths), or a path the glob matches as written.
        func matches(canonicalPath: String) -> Bool {
            canonicalPaths.contains(canonicalPath)
                || (RepositoryPaths.isGlob(pattern) && fnmatch(pattern, canonicalPath, FNM_PATHNAME) == 0)
        }
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }.sorted()
    }
}
