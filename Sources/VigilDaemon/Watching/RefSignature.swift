import VigilGit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says of one path: enough to tell that the file or folder changed without reading it.
struct FileStamp: Hashable, Sendable {
    var device: UInt64 = 0
    var inode: UInt64 = 0
    var size: Int64 = 0
    var modifiedSeconds: Int = 0
    var modifiedNanoseconds: Int = 0
    /// 0 when `stat` succeeded; else its errno (a missing `packed-refs` is a state like any other).
    var failure: Int32 = 0

    init(_ path: UnsafePointer<CChar>) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            failure = errno
            return
        }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
    }
}

/// A cheap fingerprint of a repository's refs: the stamps of `HEAD`, `packed-refs` and every
/// folder under `refs/`.
///
/// git never rewrites a ref file in place: it writes `<name>.lock` and renames it over the ref,
/// and rewrites `packed-refs` the same way. A rename changes the mtime of the folder it happens
/// in, so a loose ref that moves, appears or vanishes changes one folder's stamp, and a new
/// folder changes its parent's. Files themselves need not be looked at.
struct RefSignature: Hashable, Sendable {
    var stamps: [FileStamp]
    /// When the stamps were taken (CLOCK_REALTIME, nanoseconds).
    var takenAt: Int

    /// Stamps `paths` (NUL-terminated), which are `RefPaths.paths`.
    init(_ paths: [[CChar]]) {
        takenAt = RefSignature.now()
        stamps = paths.map { path in path.withUnsafeBufferPointer { FileStamp($0.baseAddress!) } }
    }

    /// Whether a change could hide behind these stamps: a path modified less than `racyWindow`
    /// before they were taken may be modified again within the same timestamp granule (Linux
    /// updates mtimes from a clock that ticks every few milliseconds; some filesystems keep
    /// seconds), leaving its stamp unchanged. Such a signature is not trusted for the next cycle.
    var isRacy: Bool {
        let threshold = takenAt - RefSignature.racyWindowNanoseconds
        return stamps.contains { stamp in
            stamp.failure == 0 && stamp.modifiedSeconds * 1_000_000_000 + stamp.modifiedNanoseconds >= threshold
        }
    }

    static let racyWindowNanoseconds = 2_000_000_000

    static func now() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }
}

/// The paths a repository's signature stamps, as C strings made once rather than every cycle.
struct RefPaths: Hashable, Sendable {
    var paths: [[CChar]]

    /// Before the first read only `refs/` itself is known; the folders under it come from reads.
    init(folders: GitFolders, referenceFolders: [String]?) {
        var list = [folders.gitFolder + "/HEAD", folders.commonFolder + "/packed-refs"]
        list += referenceFolders ?? [folders.commonFolder + "/refs"]
        paths = list.map { Array($0.utf8CString) }
    }
}
