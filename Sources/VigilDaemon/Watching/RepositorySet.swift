import VigilCore
import VigilGit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A repository the daemon watches: its one identity and the `[[repos]]` entry that named it.
public struct WatchedRepository: Sendable, Hashable {
    /// `RepositoryIdentity.canonicalPath` of the path the config's entry expanded to.
    public var path: String
    public var settings: RepositorySettings

    public init(path: String, settings: RepositorySettings) {
        self.path = path
        self.settings = settings
    }
}

/// A path the config names that is not watched this cycle, and why.
public struct UnreadableRepository: Sendable, Hashable {
    /// The canonical path when it has one, else the path as expanded.
    public var path: String
    public var reason: String
}

/// What one expansion of the config's `[[repos]]` found, compared with the one before.
public struct RepositorySetChange: Sendable, Hashable {
    /// Every repository watched now, in config order.
    public var watched: [WatchedRepository] = []
    /// Watched now, not in the cycle before.
    public var added: [WatchedRepository] = []
    /// Watched in the cycle before and still watched, under a changed `[[repos]]` entry.
    public var reconfigured: [WatchedRepository] = []
    /// Watched in the cycle before, not now (gone, or now unreadable): their alerts stay queued.
    public var vanished: [String] = []
    /// Every path that cannot be watched now, with the reason; tried again next cycle.
    public var unreadable: [UnreadableRepository] = []
    /// The entries of `unreadable` that are new, or whose reason changed: the ones to log.
    public var newlyUnreadable: [UnreadableRepository] = []
}

/// The set of repositories the daemon watches, expanded again every cycle so that a repository
/// created under a glob is picked up and a removed one is dropped. A path that cannot be read is
/// reported, never fatal: it is simply tried again on the next cycle.
public struct RepositorySet: Sendable {
    private var watched: [String: WatchedRepository] = [:]
    private var unreadable: [String: String] = [:]
    /// Expanded paths resolved in an earlier cycle, to their canonical path. Resolving costs three
    /// `realpath`s and a few `stat`s a path (some 30 system calls), more than the ref check of an
    /// idle repository, so a path the expansion still lists is resolved again only every
    /// `resolveEvery` cycles (a symlink re-pointed meanwhile is seen then), or at once when it no
    /// longer exists. Failures are never kept: an unreadable path is tried again every cycle.
    private var resolved: [String: (canonical: String, age: Int)] = [:]
    public static let resolveEvery = 30

    public init() {}

    /// Expands `entries` (paths and globs, in config order) and reports what changed. When two
    /// entries name one repository, the first one's settings apply, as the first match does in
    /// `rescan`.
    public mutating func refresh(_ entries: [RepositorySettings]) -> RepositorySetChange {
        var change = RepositorySetChange()
        var nowWatched: [String: WatchedRepository] = [:]
        var nowUnreadable: [String: String] = [:]
        var stillResolved: [String: (canonical: String, age: Int)] = [:]
        for entry in entries {
            for expanded in RepositoryPaths.expand([entry.path]) {
                if let known = resolved[expanded], known.age < Self.resolveEvery, Self.exists(expanded),
                    nowWatched[known.canonical] == nil || nowWatched[known.canonical]?.settings == entry
                {
                    stillResolved[expanded] = (known.canonical, known.age + 1)
                    if nowWatched[known.canonical] == nil {
                        nowWatched[known.canonical] = WatchedRepository(path: known.canonical, settings: entry)
                        change.watched.append(WatchedRepository(path: known.canonical, settings: entry))
                    }
                    continue
                }
                guard let path = RepositoryIdentity.canonicalPath(expanded) else {
                    let reason = String(cString: strerror(errno))
                    nowUnreadable[expanded] = nowUnreadable[expanded] ?? "it cannot be resolved: \(reason)"
                    continue
                }
                guard nowWatched[path] == nil, nowUnreadable[path] == nil else { continue }
                do {
                    _ = try GitFolders.locate(path)
                    nowWatched[path] = WatchedRepository(path: path, settings: entry)
                    change.watched.append(WatchedRepository(path: path, settings: entry))
                    stillResolved[expanded] = (path, 0)
                } catch {
                    nowUnreadable[path] = error.message
                }
            }
        }
        resolved = stillResolved
        for repository in change.watched {
            if let before = watched[repository.path] {
                if before.settings != repository.settings { change.reconfigured.append(repository) }
            } else {
                change.added.append(repository)
            }
        }
        change.vanished = watched.keys.filter { nowWatched[$0] == nil }.sorted()
        for (path, reason) in nowUnreadable.sorted(by: { $0.key < $1.key }) {
            let entry = UnreadableRepository(path: path, reason: reason)
            change.unreadable.append(entry)
            if unreadable[path] != reason { change.newlyUnreadable.append(entry) }
        }
        watched = nowWatched
        unreadable = nowUnreadable
        return change
    }

    /// One `stat`: whether something is still at `path` (a glob lists only what exists; a plain
    /// configured path is listed whether or not it does).
    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }
}
