import CGit2

/// Process-wide libgit2 set-up, done once before the first repository is opened.
enum Libgit2 {
    /// Swift runs a global's initialiser exactly once, thread-safely: that is the `git_libgit2_init`
    /// call and the global options below. libgit2 is never shut down; the process owns it to the end.
    private static let initialised: Bool = {
        git_libgit2_init()
        // Vigil only reads. Hash verification on every object read doubles the cost of a diff walk
        // (git itself does not verify on read); corrupt objects still fail to inflate or parse.
        _ = vigil_git_set_strict_hash_verification(0)
        // The daemon runs as its own user over repositories other users own. libgit2 executes
        // nothing from a repository's config (no hooks, no fsmonitor), so git's safe.directory
        // protection has nothing to protect here and would only refuse to read.
        _ = vigil_git_set_owner_validation(0)
        // A diff walk reads each tree and blob twice: as the new side of one commit and the old
        // side of the next that touches it. By default libgit2 caches no blob and no tree over
        // 4 KiB, so both reads inflated (and resolved deltas) again. The cache stays bounded by
        // its total size (256 MiB per repository handle by default).
        _ = vigil_git_set_cache_object_limit(GIT_OBJECT_TREE, 1 << 20)
        _ = vigil_git_set_cache_object_limit(GIT_OBJECT_BLOB, 256 << 10)
        // Only the repository's own config matters to a reader; the user's and the system's would
        // otherwise be looked up (stat'ed) again on every diff, and need a readable $HOME.
        let levels = [
            GIT_CONFIG_LEVEL_PROGRAMDATA, GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL,
        ]
        for level in levels {
            _ = vigil_git_clear_config_search_path(level.rawValue)
        }
        return true
    }()

    static func ensureInitialised() {
        _ = initialised
    }
}
