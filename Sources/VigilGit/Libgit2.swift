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
        // A diff walk reads each tree twice: as the new side of one commit and the old side of the
        // next that touches it. By default libgit2 caches no tree over 4 KiB, so both reads parsed
        // it again. Blobs are left uncached here: the second read of a blob is answered from the
        // pack reader's own cache (see PackedObjectReader; a loose blob is read from its file
        // again, cheap for the few a repository holds), and caching them twice cost 160 MB
        // of a full rescan's memory for no gain in time. The cache stays bounded by its total
        // size (256 MiB for the process by default).
        _ = vigil_git_set_cache_object_limit(GIT_OBJECT_TREE, 1 << 20)
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
