import VigilGit

/// Decides, each cycle, which repositories must have their refs read again, so that a poll of an
/// unchanged repository costs a handful of `stat` calls: no file is opened, no object read, no
/// child process started.
///
/// A repository is read when it is new, when an inotify event marked it, when its `RefSignature`
/// changed or could not be trusted (see `RefSignature.isRacy`), and, as a safety net, once every
/// `fullReadEvery` cycles whatever its signature says. The net catches what stamps cannot see: a
/// ref file rewritten in place rather than renamed (git never does; a person or tool with write
/// access might), and filesystems that do not update folder mtimes reliably (some network and
/// FUSE filesystems); inotify sees in-place writes too, so the net matters where both fail. At
/// the default 30 s poll, 30 cycles bound such a miss to 15 minutes. The number weighs that bound
/// against cost: a full read costs about ten idle polls (165 µs against 16 µs a repository,
/// optimised build), so every 30th cycle adds about 5.5 µs a repository a cycle, where every 10th
/// would add 16. The reads are spread over the cycles (each repository starts at its own offset)
/// so no one cycle pays for all of them.
public struct RefChangeDetector: Sendable {
    public static let fullReadEvery = 30

    /// Why a repository is read this cycle, or that it need not be.
    public enum Decision: Sendable, Hashable {
        case unchanged
        case read(Reason)
    }

    public enum Reason: Sendable, Hashable {
        case firstRead, marked, signatureChanged, untrusted, safetyNet
    }

    private struct Entry: Sendable {
        var paths: RefPaths
        /// The signature the last read is known to reflect; `nil` when it is not trusted.
        var signature: RefSignature?
        var cyclesUntilFullRead: Int
    }

    private var entries: [String: Entry] = [:]
    /// A signature taken this cycle for a repository about to be read, kept for `recordRead`.
    private var pending: [String: (paths: RefPaths, signature: RefSignature)] = [:]

    public init() {}

    /// Whether `repository` must be read this cycle. `marked` is true when inotify reported a
    /// change in it since the last cycle. Where its files are comes from its last read, so an
    /// unchanged repository is not even located again.
    public mutating func decide(_ repository: String, marked: Bool) -> Decision {
        guard var entry = entries[repository] else {
            pending[repository] = nil
            return .read(.firstRead)
        }
        let signature = RefSignature(entry.paths.paths)
        entry.cyclesUntilFullRead -= 1
        let reason: Reason?
        if marked {
            reason = .marked
        } else if entry.signature == nil {
            reason = .untrusted
        } else if entry.signature?.stamps != signature.stamps {
            reason = .signatureChanged
        } else if entry.cyclesUntilFullRead <= 0 {
            reason = .safetyNet
        } else {
            reason = nil
        }
        entries[repository] = entry
        guard let reason else { return .unchanged }
        // Taken before the read, so that a change made while reading shows on the next cycle.
        pending[repository] = (entry.paths, signature)
        return .read(reason)
    }

    /// Records a successful read of `repository` that followed a `.read` decision this cycle.
    public mutating func recordRead(_ repository: String, _ snapshot: ReferenceSnapshot) {
        let before = pending.removeValue(forKey: repository)
        let newPaths = RefPaths(folders: snapshot.folders, referenceFolders: snapshot.referenceFolders)
        // The signature covers the paths known before the read; when the read found others (or
        // this was the first read, with no signature), it says nothing about them, and the next
        // cycle reads again under the new list.
        let trusted = before.map { $0.paths == newPaths && !$0.signature.isRacy } ?? false
        let signature = trusted ? before?.signature : nil
        let offset = entries[repository] == nil ? Self.spread(repository) : Self.fullReadEvery
        entries[repository] = Entry(
            paths: newPaths, signature: signature,
            cyclesUntilFullRead: offset)
    }

    /// Records that reading `repository` failed: it is read again next cycle.
    public mutating func recordFailure(_ repository: String) {
        pending[repository] = nil
        entries[repository]?.signature = nil
    }

    /// Forgets a repository that is no longer watched.
    public mutating func forget(_ repository: String) {
        entries[repository] = nil
        pending[repository] = nil
    }

    /// The first safety-net read of a repository comes after 1 to `fullReadEvery` cycles, chosen
    /// from its path, so that repositories added together do not all fall due together.
    private static func spread(_ repository: String) -> Int {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in repository.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return Int(hash % UInt64(fullReadEvery)) + 1
    }
}
