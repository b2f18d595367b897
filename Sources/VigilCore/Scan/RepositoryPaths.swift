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

    public static func isGlob(_ pattern: String) -> Bool {
        pattern.contains { "*?[".contains($0) }
    }

    /// Whether `path` is one of the paths `pattern` names (same rules as the shell).
    public static func matches(_ pattern: String, path: String) -> Bool {
        isGlob(pattern) ? fnmatch(pattern, path, FNM_PATHNAME) == 0 : normalise(pattern) == normalise(path)
    }

    static func normalise(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
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
