import Synchronization
import VigilGit

#if canImport(Glibc)
import Glibc
#endif

/// Wakes the daemon as soon as a watched repository's refs change, instead of at the next poll.
///
/// Each repository's folders under `refs/` are watched (new folders as they appear), and the
/// folders holding `HEAD` and `packed-refs`, for the renames git makes when it updates them. An
/// event marks its repository; `takeMarked()` hands the marks to the poll loop, which reads those
/// repositories whatever their signature says. Events are hints: the poll interval stays the
/// fallback, and a lost event costs latency, never a missed change. When the kernel's queue
/// overflows, every repository is marked. When watches run out (`ENOSPC`, the
/// `fs.inotify.max_user_watches` limit), that repository is polled only, and `watch` says so once.
public final class InotifyWatcher: Sendable {
    /// What `watch` did.
    public enum Registration: Sendable, Hashable {
        case watching
        /// Watches ran out or cannot be had: this repository is polled only from now on. Returned
        /// once per repository, with the reason, for the caller to log.
        case fellBackToPolling(String)
        /// Polled only, as reported before.
        case polling
    }

    /// The repositories marked since the last `takeMarked()`.
    public enum Marks: Sendable, Hashable {
        case some(Set<String>)
        /// The kernel dropped events: any repository may have changed.
        case all
    }

    private struct Watch: Hashable {
        var repository: String
        /// Absolute path of the watched folder.
        var folder: String
        /// The folder holding `HEAD` or `packed-refs` (only those names matter there), not a refs folder.
        var isGitFolder: Bool
    }

    private struct State {
        var watches: [Int32: Set<Watch>] = [:]
        var descriptors: [String: [String: Int32]] = [:]
        var marked: Set<String> = []
        var overflowed = false
        var pollingOnly: Set<String> = []
    }

    private let descriptor: Int32
    private let state = Mutex(State())
    private let limits: Limits
    /// `inotify_add_watch`, replaceable so tests can make the kernel run out of watches.
    private let addWatch: @Sendable (Int32, String, UInt32) -> (descriptor: Int32, error: Int32)

    /// Bounds on what one repository may make the watcher do.
    public struct Limits: Sendable {
        /// Folders under `refs/` watched per repository; past this, the repository is polled only.
        public var maxFoldersPerRepository = 10_000
        public init() {}
    }

    /// Folders under `refs/` are watched for every change of entry; git folders only for renames,
    /// creations and deletions of the files that hold refs.
    private static let referenceMask: UInt32 =
        UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF)
        | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW) | UInt32(IN_EXCL_UNLINK)
    private static let gitFolderMask: UInt32 =
        UInt32(IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_CLOSE_WRITE)
        | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW) | UInt32(IN_EXCL_UNLINK)
    private static let refFileNames: Set<String> = ["HEAD", "packed-refs", "refs"]

    public struct SetupError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public convenience init(limits: Limits = Limits()) throws(SetupError) {
        try self.init(limits: limits) { descriptor, folder, mask in
            let wd = inotify_add_watch(descriptor, folder, mask)
            return (wd, wd < 0 ? errno : 0)
        }
    }

    init(
        limits: Limits, addWatch: @escaping @Sendable (Int32, String, UInt32) -> (descriptor: Int32, error: Int32)
    ) throws(SetupError) {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw SetupError(description: "inotify_init1: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.limits = limits
        self.addWatch = addWatch
    }

    deinit {
        close(descriptor)
    }

    /// The descriptor to wait on for readability (`poll`), for a loop that waits itself.
    public var fileDescriptor: Int32 { descriptor }

    // MARK: - Watches

    /// Watches `repository`'s ref folders, as its last read found them; call again after each
    /// read (watches already in place are kept, new folders are added).
    @discardableResult
    public func watch(_ repository: String, snapshot: ReferenceSnapshot) -> Registration {
        if state.withLock({ $0.pollingOnly.contains(repository) }) { return .polling }
        var wanted: [(String, Bool)] = []
        wanted.append((snapshot.folders.gitFolder, true))
        if snapshot.folders.commonFolder != snapshot.folders.gitFolder {
            wanted.append((snapshot.folders.commonFolder, true))
        }
        // Watching the common folder's `refs` entry catches `refs/` itself being replaced.
        wanted += snapshot.referenceFolders.map { ($0, false) }
        guard snapshot.referenceFolders.count <= limits.maxFoldersPerRepository else {
            return fallBack(repository, "more than \(limits.maxFoldersPerRepository) folders under refs/")
        }
        for (folder, isGitFolder) in wanted {
            if case .fellBackToPolling(let reason) = add(repository, folder: folder, isGitFolder: isGitFolder) {
                return fallBack(repository, reason)
            }
        }
        return .watching
    }

    /// Stops watching `repository` (gone from the config, or vanished).
    public func unwatch(_ repository: String) {
        state.withLock { state in
            for (_, wd) in state.descriptors.removeValue(forKey: repository) ?? [:] {
                remove(repository, descriptor: wd, state: &state)
            }
            state.pollingOnly.remove(repository)
            state.marked.remove(repository)
        }
    }

    /// Adds one watch; `.fellBackToPolling` only when the kernel has no watch left to give.
    private func add(_ repository: String, folder: String, isGitFolder: Bool) -> Registration {
        if state.withLock({ $0.descriptors[repository]?[folder] != nil }) { return .watching }
        let (wd, reason) = addWatch(descriptor, folder, isGitFolder ? Self.gitFolderMask : Self.referenceMask)
        guard wd >= 0 else {
            if reason == ENOSPC || reason == ENOMEM {
                return .fellBackToPolling("inotify watches ran out (\(String(cString: strerror(reason))))")
            }
            // Gone since the read, or not enterable: the next poll sees it through the signature.
            state.withLock { _ = $0.marked.insert(repository) }
            return .watching
        }
        state.withLock { state in
            state.watches[wd, default: []].insert(Watch(repository: repository, folder: folder, isGitFolder: isGitFolder))
            state.descriptors[repository, default: [:]][folder] = wd
        }
        return .watching
    }

    private func fallBack(_ repository: String, _ reason: String) -> Registration {
        unwatch(repository)
        state.withLock { state in
            state.pollingOnly.insert(repository)
            state.marked.insert(repository)
        }
        return .fellBackToPolling(reason)
    }

    /// Drops one repository's use of a watch descriptor; the kernel watch goes when no
    /// repository uses it (two work trees of one repository share their common folder).
    private func remove(_ repository: String, descriptor wd: Int32, state: inout State) {
        state.watches[wd] = state.watches[wd]?.filter { $0.repository != repository }
        if state.watches[wd]?.isEmpty ?? true {
            state.watches[wd] = nil
            inotify_rm_watch(descriptor, wd)
        }
    }

    // MARK: - Events

    /// The marks since the last call, cleared.
    public func takeMarked() -> Marks {
        state.withLock { state in
            defer {
                state.marked = []
                state.overflowed = false
            }
            return state.overflowed ? .all : .some(state.marked)
        }
    }

    /// Reads every event the kernel has queued (without waiting) and marks their repositories.
    /// Returns whether anything was marked.
    @discardableResult
    public func drain() -> Bool {
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        defer { buffer.deallocate() }
        var markedAny = false
        while true {
            let count = read(descriptor, buffer, capacity)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return markedAny }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let wd = buffer.load(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
                let nameStart = buffer.advanced(by: offset + header).assumingMemoryBound(to: UInt8.self)
                let nameBytes = UnsafeBufferPointer(start: nameStart, count: min(length, count - offset - header))
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                if handle(wd: wd, mask: mask, name: name) { markedAny = true }
                offset += header + length
            }
        }
    }

    /// Marks the repository an event concerns; adds watches for new folders under `refs/`.
    func handle(wd: Int32, mask: UInt32, name: String) -> Bool {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            state.withLock { $0.overflowed = true }
            return true
        }
        let watches = state.withLock { state -> Set<Watch> in
            let watches = state.watches[wd] ?? []
            if mask & UInt32(IN_IGNORED) != 0 {
                // The folder is gone: its watch with it. The next read lists what replaced it.
                state.watches[wd] = nil
                for watch in watches { state.descriptors[watch.repository]?[watch.folder] = nil }
            }
            return watches
        }
        var markedAny = false
        for watch in watches {
            if watch.isGitFolder {
                guard Self.refFileNames.contains(name) || mask & UInt32(IN_IGNORED) != 0 else { continue }
            } else if name.hasSuffix(".lock"), mask & UInt32(IN_ISDIR) == 0 {
                // git's lock file on its way to replace a ref: the rename that follows is the change.
                continue
            }
            if !watch.isGitFolder, mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                watchNewFolder(watch.repository, watch.folder + "/" + name)
            }
            state.withLock { _ = $0.marked.insert(watch.repository) }
            markedAny = true
        }
        return markedAny
    }

    /// A folder created under `refs/` (and any made inside it before its watch was in place).
    private func watchNewFolder(_ repository: String, _ folder: String) {
        var pending = [folder]
        var added = 0
        while let next = pending.popLast(), added < limits.maxFoldersPerRepository {
            if case .fellBackToPolling(let reason) = add(repository, folder: next, isGitFolder: false) {
                _ = fallBack(repository, reason)
                return
            }
            added += 1
            for name in FolderNames.subfolders(of: next) { pending.append(next + "/" + name) }
        }
    }
}

/// The subfolders of a folder (symlinks not followed), for watching folders made under `refs/`.
enum FolderNames {
    static func subfolders(of folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            var info = stat()
            if lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { names.append(name) }
        }
        return names
    }
}
