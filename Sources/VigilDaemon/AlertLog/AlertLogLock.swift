#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writer at a time: an exclusive `flock` on `<log>.lock`, beside the log rather than on it,
/// so that a log moved away by logrotate does not leave two writers each locking its own file.
///
/// Every acquisition opens its own descriptor, so two writers in one process exclude each other
/// as two processes do (a `flock` belongs to the open file, not the process).
enum AlertLogLock {
    /// How long to wait between tries while another writer holds the lock.
    static let retryInterval: Duration = .milliseconds(20)

    /// Runs `body` holding the lock. Waiting for it polls, so it holds no thread, and ends with
    /// `CancellationError` if the calling task is cancelled.
    static func holding<Result: Sendable>(
        logPath: String, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Result
    ) async throws -> Result {
        let descriptor = try await acquire(logPath: logPath)
        // Closing the descriptor releases the lock.
        defer { close(descriptor) }
        return try await body()
    }

    private static func acquire(logPath: String) async throws -> Int32 {
        let path = logPath + ".lock"
        try LogFolder.create(forFile: path)
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
            guard descriptor >= 0 else { throw AlertLogError.system("open lock", path) }
            while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK || errno == EINTR else {
                    let error = AlertLogError.system("lock", path)
                    close(descriptor)
                    throw error
                }
                do {
                    try await Task.sleep(for: retryInterval)
                } catch {
                    close(descriptor)
                    throw error
                }
            }
            // A lock file deleted or replaced while we waited is not the one the next writer
            // will lock: take the lock again on the file now at the path.
            if let held = FileIdentity.of(descriptor: descriptor), held == FileIdentity.of(path: path) {
                return descriptor
            }
            close(descriptor)
        }
    }
}
