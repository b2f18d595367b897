import Synchronization

/// Links a run's findings to the same findings on an earlier commit with the same patch id: one
/// earlier in this run, or one the queue already holds (`lookup`). Commits must be given in the
/// order they are reported, so that "earlier" means what the reader saw first.
public final class FindingLinker: Sendable {
    /// The first commit the queue recorded with a patch id in a repository, if any.
    public typealias Lookup = @Sendable (_ repository: String, _ patchID: String) -> LinkableCommit?

    private let lookup: Lookup?
    /// The first commit of this run per repository and patch id.
    private let firsts = Mutex<[String: [String: LinkableCommit]]>([:])

    public init(lookup: Lookup? = nil) {
        self.lookup = lookup
    }

    /// `alerts` (all from one commit) with `linkedTo` set where they are the same finding as one
    /// of the first commit with their patch id. A commit that is the first with its patch id is
    /// remembered for the commits after it.
    public func link(_ alerts: [Alert]) -> [Alert] {
        // Only linkable alerts carry the commit's patch id: the commit's first alert may not.
        guard let first = alerts.first(where: { $0.patchID != nil }), let patchID = first.patchID else {
            return alerts
        }
        let repository = first.repository
        let commit = first.commit.hex
        let remembered = firsts.withLock { $0[repository]?[patchID] }
        // The queue's first commit was recorded before this run began: it is the earlier one.
        let earlier = lookup?(repository, patchID).flatMap { $0.commit == commit ? nil : $0 }
            ?? remembered.flatMap { $0.commit == commit ? nil : $0 }
        guard let earlier else {
            let keyed = alerts.compactMap { alert in alert.linkKey.map { (key: $0, id: alert.id) } }
            if remembered == nil, !keyed.isEmpty {
                firsts.withLock { $0[repository, default: [:]][patchID] = LinkableCommit(commit: commit, alerts: keyed) }
            }
            return alerts
        }
        var linked = alerts
        for (index, link) in earlier.links(for: alerts).enumerated() { linked[index].linkedTo = link }
        return linked
    }
}
