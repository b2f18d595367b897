import VigilGit

/// One poll of one repository's refs: nothing when its signature says it is unchanged, else a
/// read of its watched refs (`ReferenceReader`, no object read). Owned by the poll loop, which
/// diffs what is read against the recorded state (`RefDiff`) and re-registers the repository's
/// folders with the `InotifyWatcher`.
public struct RefPoller: Sendable {
    public enum Outcome: Sendable {
        case unchanged
        /// The refs the repository's `refs` and `protected_refs` globs select, and why it was read.
        case read(ReferenceSnapshot, RefChangeDetector.Reason)
        /// The refs could not be read (the repository is tried again next cycle).
        case failed(GitError)
    }

    private var detector = RefChangeDetector()

    public init() {}

    /// Polls `repository`; `marked` when inotify reported a change in it since the last cycle.
    public mutating func poll(_ repository: WatchedRepository, marked: Bool) -> Outcome {
        guard case .read(let reason) = detector.decide(repository.path, marked: marked) else { return .unchanged }
        let selection = RefSelection(repository.settings)
        do {
            let snapshot = try ReferenceReader.read(repository: repository.path, including: selection.includes)
            detector.recordRead(repository.path, snapshot)
            return .read(snapshot, reason)
        } catch {
            detector.recordFailure(repository.path)
            return .failed(error)
        }
    }

    /// Forgets a repository that is no longer watched.
    public mutating func forget(_ repository: String) {
        detector.forget(repository)
    }
}
