#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the alert log could not be written or read: the operation, the file, and the system's
/// reason. A failed write leaves the alerts in the queue; the next drain writes them.
public struct AlertLogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being done: "open", "write", "fsync", "lock", ….
    public var operation: String
    public var path: String
    /// The `errno` value, or 0 when the failure is not a system call's.
    public var code: Int32
    public var reason: String

    public init(operation: String, path: String, code: Int32, reason: String? = nil) {
        self.operation = operation
        self.path = path
        self.code = code
        self.reason = reason ?? String(cString: strerror(code))
    }

    /// The error of the system call that just failed, read from `errno` at once.
    static func system(_ operation: String, _ path: String) -> AlertLogError {
        AlertLogError(operation: operation, path: path, code: errno)
    }

    /// True when the disk or a quota is full: writing will work again once space is freed.
    public var isNoSpace: Bool { code == ENOSPC || code == EDQUOT || code == EFBIG }

    public var description: String { "alert log \(path): \(operation) failed: \(reason)" }
}
