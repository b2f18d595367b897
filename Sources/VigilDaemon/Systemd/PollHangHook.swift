import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A test-only hook (`vigil run --test-hang-poll-file`, hidden): once the file exists, the poll
/// loop stops at the start of its next cycle and waits there until the daemon is cancelled, as a
/// poll stuck on a hung mount would. It lets a test see that `WATCHDOG=1` stops with the loop.
public struct PollHangHook: Sendable {
    public let file: String

    public init(file: String) {
        self.file = file
    }

    /// Holds the loop while the file exists; returns true when it held it (the loop then ends,
    /// being cancelled), false at once when the file does not exist.
    func hold(logger: Logger) async -> Bool {
        guard access(file, F_OK) == 0 else { return false }
        logger.warning("poll loop held by the test hook", metadata: ["file": "\(file)"])
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
        }
        return true
    }
}
