import VigilCore
import VigilGit

/// The contract between the daemon and `vigil fetch-remote`, the child that fetches a watched
/// repository's `origin` for `fetch = true`: what to run, and what its exit status and output mean.
/// Fetching parses what a remote sends (packs, ref advertisements), so it never runs in the daemon.
///
/// - argv: `[vigil, "fetch-remote", "--repo", PATH, "--timeout", SECONDS]` (`arguments`).
/// - stdout: on success, one JSON line `{"remote":"origin","updated_refs":N,"received_objects":N,
///   "received_bytes":N}`; nothing otherwise.
/// - stderr: on failure, one line `vigil: fetch-remote: <message>`, control characters escaped.
/// - exit status: see `Status`. A child killed by a signal (SIGALRM is its own hard limit, at the
///   timeout plus `hardLimitGrace`) has failed like `timedOut`.
public enum FetchRemoteChild {
    /// The child's exit status.
    public enum Status: Int32, Sendable {
        case fetched = 0
        /// Bad arguments, or the repository cannot be opened or has no `origin`: fetching again
        /// will not help until the repository changes.
        case repository = 2
        /// The remote could not be reached, refused, or sent something broken: try again later.
        case fetchFailed = 4
        /// The deadline passed.
        case timedOut = 5
    }

    /// The default `--timeout`.
    public static let defaultTimeout: Duration = .seconds(120)
    /// After the timeout, the child's own alarm ends it even when libgit2 is blocked in a
    /// connect or read that calls nothing back.
    public static let hardLimitGrace: Duration = .seconds(5)

    /// The arguments after the executable's path.
    public static func arguments(repository: String, timeout: Duration = defaultTimeout) -> [String] {
        ["fetch-remote", "--repo", repository, "--timeout", String(max(1, timeout.components.seconds))]
    }

    /// Runs the fetch in this process (the child's side): the status, and the line for stdout on
    /// success or the message for stderr on failure.
    public static func run(repository: String, timeout: Duration) -> (status: Status, output: String) {
        do {
            let outcome = try RemoteFetch.fetchOrigin(repository: repository, deadline: Deadline(budget: timeout))
            let line = JSONValue.object([
                ("remote", .string(RemoteFetch.remoteName)), ("updated_refs", .integer(outcome.updatedRefs)),
                ("received_objects", .integer(outcome.receivedObjects)), ("received_bytes", .integer(outcome.receivedBytes)),
            ]).serialized()
            return (.fetched, line)
        } catch {
            let status: Status
            switch error {
            case .repository: status = .repository
            case .fetch: status = .fetchFailed
            case .timedOut: status = .timedOut
            }
            return (status, "fetch-remote: \(error.description)")
        }
    }
}
