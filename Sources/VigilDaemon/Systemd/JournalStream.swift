#if canImport(Glibc)
import Glibc
#endif

/// Whether a file descriptor is the journal's stream: systemd sets `JOURNAL_STREAM` to the
/// `device:inode` of the socket it connects to stdout and stderr. The descriptor must still be
/// that socket: a service that redirects stderr to a file, or a shell started from it, inherits
/// the variable but not the stream (systemd.exec(5), "$JOURNAL_STREAM").
public enum JournalStream {
    public static func isJournal(descriptor: Int32, environmentValue value: String?) -> Bool {
        guard let value else { return false }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// The format for the daemon's stderr in this process.
    public static func formatForStandardError() -> DaemonLogFormat {
        let value = getenv("JOURNAL_STREAM").map { String(cString: $0) }
        return isJournal(descriptor: STDERR_FILENO, environmentValue: value) ? .journal : .timestamped
    }
}
