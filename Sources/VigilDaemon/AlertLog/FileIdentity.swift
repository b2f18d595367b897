#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a path or a descriptor names: its (device, inode). Comparing the two tells a log
/// moved away by logrotate, or deleted, from the file still open.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// The file an open descriptor refers to, or `nil` if `fstat` fails.
    static func of(descriptor: Int32) -> FileIdentity? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        return FileIdentity(status)
    }

    /// The file at `path` itself (a symlink is not followed), or `nil` when there is none.
    static func of(path: String) -> FileIdentity? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return FileIdentity(status)
    }
}

/// Creating the folders a log or lock file goes in.
enum LogFolder {
    /// Creates the folder of `path` and any missing parents, 0750: the log holds repository text
    /// that only the service and its operators' group should read.
    static func create(forFile path: String) throws(AlertLogError) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let folder = String(path[..<slash])
        var status = stat()
        if stat(folder, &status) == 0 { return }
        try create(folder: folder)
    }

    private static func create(folder: String) throws(AlertLogError) {
        if mkdir(folder, 0o750) == 0 || errno == EEXIST { return }
        guard errno == ENOENT, let slash = folder.lastIndex(of: "/"), slash != folder.startIndex else {
            throw AlertLogError.system("create folder", folder)
        }
        try create(folder: String(folder[..<slash]))
        guard mkdir(folder, 0o750) == 0 || errno == EEXIST else { throw AlertLogError.system("create folder", folder) }
    }
}
