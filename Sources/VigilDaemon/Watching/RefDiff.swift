import VigilCore
import VigilGit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a repository's watched refs changed since the daemon last recorded them.
///
/// A ref that could not be read this time is neither moved nor deleted: it is `unreadable`, and
/// its recorded tip stays as it was. Reading failures must not raise `ref-deleted`, and a ref
/// that comes back unchanged must not look new.
public struct RefDiff: Sendable, Hashable {
    public struct Moved: Sendable, Hashable {
        public var name: String
        public var old: String
        public var new: String
        /// Whether a `protected_refs` glob covers it: a move that drops its old tip is then an alert.
        public var isProtected: Bool
    }

    public struct Deleted: Sendable, Hashable {
        public var name: String
        public var old: String
        public var isProtected: Bool
    }

    public struct Unreadable: Sendable, Hashable {
        /// A ref name, or a folder (`refs/heads/`) that could not be listed.
        public var name: String
        public var problem: String
        /// The tip recorded before, kept as it was; `nil` for a ref not recorded yet.
        public var recorded: String?
    }

    public var new: [RefTip] = []
    public var moved: [Moved] = []
    public var deleted: [Deleted] = []
    public var unchanged: [RefTip] = []
    public var unreadable: [Unreadable] = []

    /// True when nothing was added, moved or deleted.
    public var isEmpty: Bool { new.isEmpty && moved.isEmpty && deleted.isEmpty }

    /// The refs to record after this change: every readable watched ref at its new tip, and every
    /// unreadable one at the tip recorded before.
    public var recordable: [String: String] {
        var refs: [String: String] = [:]
        for tip in new + unchanged { refs[tip.name] = tip.target }
        for move in moved { refs[move.name] = move.new }
        for entry in unreadable { if let recorded = entry.recorded { refs[entry.name] = recorded } }
        return refs
    }
}

/// Which refs of a repository are watched and which are protected, from its `[[repos]]` entry.
public struct RefSelection: Sendable, Hashable {
    /// `refs` globs.
    public var watched: [String]
    /// `protected_refs` globs.
    public var protected: [String]

    public init(watched: [String], protected: [String]) {
        self.watched = watched
        self.protected = protected
    }

    public init(_ settings: RepositorySettings) {
        self.init(watched: settings.refs, protected: settings.protectedRefs)
    }

    /// Whether the daemon follows `name`: a `refs` glob or a `protected_refs` glob covers it. A
    /// protected ref is watched even when no `refs` glob names it, so that deleting it is seen.
    public func includes(_ name: String) -> Bool {
        RefSelection.matches(watched, name) || RefSelection.matches(protected, name)
    }

    /// Whether some selected ref could live under `folder` (`refs/heads/`): a glob's literal
    /// start, up to its first wildcard, and the folder are one the prefix of the other.
    public func mayInclude(folder: String) -> Bool {
        (watched + protected).contains { glob in
            let literal = String(glob.prefix { !"*?[\\".contains($0) })
            return literal.hasPrefix(folder) || folder.hasPrefix(literal)
        }
    }

    public func isProtected(_ name: String) -> Bool {
        RefSelection.matches(protected, name)
    }

    /// git's ref globs: `*` does not cross a `/` (`FNM_PATHNAME`), so `refs/heads/*` covers
    /// `refs/heads/main` but not `refs/heads/feature/x`. A name with a NUL matches nothing.
    static func matches(_ globs: [String], _ name: String) -> Bool {
        guard !name.utf8.contains(0) else { return false }
        return globs.contains { fnmatch($0, name, FNM_PATHNAME) == 0 }
    }
}

extension RefDiff {
    /// Compares the recorded refs (`RepositoryState.refs`) with the refs read now.
    ///
    /// `current` is the reader's listing of the repository; refs outside `selection` are ignored,
    /// and so are recorded refs that are no longer selected (a config change, not a deletion).
    /// A listing entry for a folder that could not be listed (`refs/heads/`) makes every recorded
    /// ref under it unreadable rather than deleted.
    public init(recorded: [String: String], current: [ReferenceTip], selection: RefSelection) {
        var readable: [String: String] = [:]
        var problems: [String: String] = [:]
        var folderProblems: [(prefix: String, problem: String)] = []
        for tip in current {
            if let problem = tip.problem {
                if tip.name.hasSuffix("/") {
                    folderProblems.append((tip.name, problem))
                } else if selection.includes(tip.name) {
                    problems[tip.name] = problem
                }
            } else if let target = tip.target, selection.includes(tip.name) {
                readable[tip.name] = target.hex
            }
            // A symbolic ref to a name that does not exist points at nothing: it is absent.
        }
        for name in problems.keys.sorted() {
            unreadable.append(Unreadable(name: name, problem: problems[name]!, recorded: recorded[name]))
        }
        for (name, target) in readable.sorted(by: { $0.key < $1.key }) {
            if let old = recorded[name] {
                if old == target {
                    unchanged.append(RefTip(name: name, target: target))
                } else {
                    moved.append(Moved(name: name, old: old, new: target, isProtected: selection.isProtected(name)))
                }
            } else {
                new.append(RefTip(name: name, target: target))
            }
        }
        for (name, old) in recorded.sorted(by: { $0.key < $1.key })
        where readable[name] == nil && problems[name] == nil && selection.includes(name) {
            if let folder = folderProblems.first(where: { name.hasPrefix($0.prefix) }) {
                unreadable.append(Unreadable(name: name, problem: folder.problem, recorded: old))
            } else {
                deleted.append(Deleted(name: name, old: old, isProtected: selection.isProtected(name)))
            }
        }
        for folder in folderProblems.sorted(by: { $0.prefix < $1.prefix })
        where selection.mayInclude(folder: folder.prefix)
            && !unreadable.contains(where: { $0.name.hasPrefix(folder.prefix) })
        {
            unreadable.append(Unreadable(name: folder.prefix, problem: folder.problem, recorded: nil))
        }
    }
}
