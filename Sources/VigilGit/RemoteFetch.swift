import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fetches a watched repository's `origin` remote through libgit2, for `fetch = true`.
///
/// Only `origin`, with its configured refspecs (a mirror's `+refs/*:refs/*` updates branches and
/// tags; a clone's updates `refs/remotes/origin/*`) and its configured pruning and tag following:
/// one remote, the one `git clone` makes, so what the daemon fetches is predictable from the
/// repository's own set-up. No proxy is used and no redirect followed, no credentials are offered
/// (a remote that needs them fails), and nothing runs: libgit2 has no hooks, and its local and
/// ssh transports are in-process. This parses what a remote sends, so it belongs in a child
/// process (`vigil fetch-remote`), never in the daemon.
public enum RemoteFetch {
    public struct Outcome: Sendable, Hashable {
        /// Refs the fetch created, moved or deleted.
        public var updatedRefs: Int
        public var receivedObjects: Int
        public var receivedBytes: Int
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// The repository cannot be opened, or has no usable `origin`.
        case repository(GitError)
        /// The remote could not be reached or the transfer failed.
        case fetch(GitError)
        /// The deadline passed while objects were arriving.
        case timedOut(Duration)

        public var description: String {
            switch self {
            case .repository(let error), .fetch(let error): error.description
            case .timedOut(let budget): "the fetch did not finish within \(budget)"
            }
        }
    }

    /// The remote fetched.
    public static let remoteName = "origin"

    /// Fetches `origin` into the repository at `path`. libgit2 calls back while data arrives;
    /// past `deadline` the fetch is cancelled. (A remote that hangs before sending anything calls
    /// nothing back: the caller also needs a hard limit, as `vigil fetch-remote` sets one.)
    public static func fetchOrigin(repository path: String, deadline: Deadline) throws(Failure) -> Outcome {
        Libgit2.ensureInitialised()
        let repository: OpaquePointer
        do {
            repository = try open(path)
        } catch {
            throw .repository(error)
        }
        defer { git_repository_free(repository) }
        var found: OpaquePointer?
        let lookup = git_remote_lookup(&found, repository, remoteName)
        guard lookup == 0, let remote = found else {
            var error = GitError.last(code: lookup, operation: "git_remote_lookup(\(remoteName))")
            if lookup == GIT_ENOTFOUND.rawValue { error.message = "the repository has no remote named \(remoteName)" }
            throw .repository(error)
        }
        defer { git_remote_free(remote) }

        let progress = Progress(deadline: deadline)
        var options = git_fetch_options()
        git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        options.follow_redirects = GIT_REMOTE_REDIRECT_NONE
        options.callbacks.payload = Unmanaged.passUnretained(progress).toOpaque()
        options.callbacks.transfer_progress = { _, payload in
            Unmanaged<Progress>.fromOpaque(payload!).takeUnretainedValue().deadline.hasPassed ? -1 : 0
        }
        // The remote's own messages ("Counting objects…") are its text: never shown, only a chance
        // to notice the deadline.
        options.callbacks.sideband_progress = { _, _, payload in
            Unmanaged<Progress>.fromOpaque(payload!).takeUnretainedValue().deadline.hasPassed ? -1 : 0
        }
        options.callbacks.update_tips = { _, _, _, payload in
            Unmanaged<Progress>.fromOpaque(payload!).takeUnretainedValue().updatedRefs += 1
            return 0
        }
        let code = withExtendedLifetime(progress) { git_remote_fetch(remote, nil, &options, "vigil: fetch") }
        if code < 0 {
            let error = GitError.last(code: code, operation: "git_remote_fetch(\(remoteName))")
            git_error_clear()
            if code == GIT_EUSER.rawValue, deadline.hasPassed { throw .timedOut(deadline.budget) }
            throw .fetch(error)
        }
        let stats = git_remote_stats(remote).pointee
        return Outcome(
            updatedRefs: progress.updatedRefs, receivedObjects: Int(stats.received_objects),
            receivedBytes: Int(stats.received_bytes))
    }

    /// The repository as libgit2 opens it, its files checked first as `Repository` checks them,
    /// but with libgit2's own object database: the fetch writes a pack and its index.
    private static func open(_ path: String) throws(GitError) -> OpaquePointer {
        let folders = try GitFolders.locate(path)
        try RepositoryFiles.checkBeforeOpen(path)
        try RepositoryFiles.checkReferences(gitFolder: folders.gitFolder, commonFolder: folders.commonFolder)
        var handle: OpaquePointer?
        let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_BARE.rawValue
        try check(git_repository_open_ext(&handle, folders.gitFolder, flags, nil), "git_repository_open_ext")
        guard let handle else {
            throw GitError(kind: .other, message: "libgit2 returned no repository", operation: "open")
        }
        return handle
    }

    /// What the callbacks share; used from the fetching thread only.
    private final class Progress {
        let deadline: Deadline
        var updatedRefs = 0

        init(deadline: Deadline) {
            self.deadline = deadline
        }
    }
}
