#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which code reads a repository's objects, diffs and history.
///
/// Vigil carries its own readers (in `OwnReader/`): a pack and loose-object reader under a
/// hand-built object database, a tree walk, a line diff and a history walk. They made `rescan`
/// several times faster than libgit2's general-purpose paths, and they parse attacker-controlled
/// bytes, so libgit2 stays beside them as the referee: the differential tests scan the same
/// histories both ways and require identical output.
public enum ReadMode: String, Sendable, CaseIterable {
    /// Vigil's own readers (the default).
    case fast
    /// libgit2 alone: its default object database, `git_diff_tree_to_tree` with rename detection,
    /// `git_patch` for lines, and its revwalk. For comparison on trusted repositories: libgit2 1.5
    /// trusts pack bytes (a damaged index can crash it) and cannot walk a shallow clone.
    case reference

    /// The environment variable that selects the mode (`fast` or `reference`); a hidden switch for
    /// tests and for checking a suspected reader bug, not an operator setting.
    public static let environmentVariable = "VIGIL_GIT_READER"

    /// The mode the environment selects: `fast` when the variable is unset or empty. Any other value
    /// is an error, so that a typo cannot silently compare a reader with itself.
    public static func fromEnvironment() throws(GitError) -> ReadMode {
        guard let raw = getenv(environmentVariable) else { return .fast }
        let value = String(cString: raw)
        if value.isEmpty { return .fast }
        guard let mode = ReadMode(rawValue: value) else {
            throw GitError(
                kind: .other, message: "\(environmentVariable) must be fast or reference, not \"\(value)\"",
                operation: "read mode")
        }
        return mode
    }
}
