/// Which repository's batch runs next: repositories with pending work take turns, one batch each,
/// so a push of 10,000 commits into one repository does not starve the others. Pure bookkeeping;
/// `ScanScheduler` runs the batches.
struct ScanQueue: Sendable, Hashable {
    /// Repositories waiting for a child, in turn order.
    private(set) var ready: [String] = []
    /// Repositories whose batch is running.
    private(set) var running: Set<String> = []
    /// Repositories waiting out a retry delay.
    private(set) var waiting: Set<String> = []
    /// Repositories that got new work while their batch ran: they queue again when it ends.
    private var resubmitted: Set<String> = []

    /// `repository` has new work (its refs moved).
    mutating func submit(_ repository: String) {
        if running.contains(repository) {
            resubmitted.insert(repository)
        } else if !waiting.contains(repository), !ready.contains(repository) {
            // A repository waiting out a retry keeps waiting: new commits do not mend what failed.
            ready.append(repository)
        }
    }

    /// The next repository to run, when fewer than `children` run now.
    mutating func next(children: Int) -> String? {
        guard running.count < children, !ready.isEmpty else { return nil }
        let repository = ready.removeFirst()
        running.insert(repository)
        return repository
    }

    /// A batch of `repository` ended with `next`.
    mutating func finish(_ repository: String, _ next: ScanStep.Next) {
        running.remove(repository)
        let again = resubmitted.remove(repository) != nil
        switch next {
        case .idle:
            if again { ready.append(repository) }
        case .more:
            ready.append(repository)
        case .retry:
            waiting.insert(repository)
        }
    }

    /// The retry delay of `repository` is over.
    mutating func due(_ repository: String) {
        guard waiting.remove(repository) != nil, !ready.contains(repository) else { return }
        ready.append(repository)
    }

    /// Forgets a repository that is no longer watched (a batch already running finishes).
    mutating func remove(_ repository: String) {
        ready.removeAll { $0 == repository }
        waiting.remove(repository)
        resubmitted.remove(repository)
    }
}
