#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore

/// The queue file on disk, prepared before SQLite opens it: the state directory and the file are
/// created with their permissions when missing, and anything that is not a regular file is refused
/// (SQLite would otherwise open a FIFO and block, follow a symlink to `/dev/null` and lose every
/// write, or keep its `-wal` file beside a link while another process keeps it beside the target).
enum QueueFile {
    /// The state directory holds ref tips and alerts people have not seen yet: group-readable at most.
    static let directoryMode: mode_t = 0o750
    /// Alerts quote redacted evidence and commit metadata: readable by the service's group, no one else.
    static let fileMode: mode_t = 0o640

    static func prepare(path: String) throws(AlertStoreError) {
        guard !path.isEmpty else { throw .unavailable("the queue path is empty") }
        let directory = parentDirectory(of: path)
        try makeDirectory(directory, queue: path)
        var status = stat()
        if lstat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFREG else {
                throw .unavailable("the queue \(path) is \(describe(mode: status.st_mode)), not a regular file")
            }
            return
        }
        guard errno == ENOENT else { throw .unavailable("the queue \(path) cannot be read: \(errorText())") }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, fileMode)
        if descriptor < 0 {
            // Another process created it in the meantime: judge what it made, as above.
            guard errno == EEXIST else { throw .unavailable("the queue \(path) cannot be created: \(errorText())") }
            return try prepare(path: path)
        }
        close(descriptor)
    }

    // MARK: - Helpers

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// Creates `directory` and its missing parents (0750); an existing one is used as it is.
    private static func makeDirectory(_ directory: String, queue: String) throws(AlertStoreError) {
        var status = stat()
        if stat(directory, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw .unavailable("the state directory \(directory) of the queue \(queue) is not a directory")
            }
            return
        }
        guard errno == ENOENT else {
            throw .unavailable("the state directory \(directory) cannot be read: \(errorText())")
        }
        let parent = parentDirectory(of: directory)
        if parent != directory { try makeDirectory(parent, queue: queue) }
        if mkdir(directory, directoryMode) != 0, errno != EEXIST {
            throw .unavailable("the state directory \(directory) cannot be created: \(errorText())")
        }
    }

    private static func describe(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: "not a regular file"
        }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
