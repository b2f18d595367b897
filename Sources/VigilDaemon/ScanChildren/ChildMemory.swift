import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The memory of a running scan child, read and limited from the daemon's side.
enum ChildMemory {
    /// Sets the child's `RLIMIT_DATA` (soft and hard) right after it started. The child also sets
    /// it on itself (`--memory-limit`); doing it here too covers a child that never gets that far.
    static func limit(pid: pid_t, bytes: Int) -> Bool {
        guard let prlimit = prlimitFunction else { return false }
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        return prlimit(pid, Int32(RLIMIT_DATA.rawValue), &limit, nil) == 0
    }

    private typealias PrlimitFunction =
        @convention(c) (
            pid_t, Int32, UnsafePointer<rlimit>?, UnsafeMutablePointer<rlimit>?
        ) -> Int32

    /// glibc's `prlimit(2)` wrapper, which Swift's Glibc module does not declare (it sits behind
    /// `_GNU_SOURCE`); looked up once by name.
    private static let prlimitFunction: PrlimitFunction? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prlimit") else { return nil }
        return unsafeBitCast(symbol, to: PrlimitFunction.self)
    }()

    /// The child's data segment (`VmData` in `/proc/<pid>/status`), which is what `RLIMIT_DATA`
    /// counts; `nil` once it has exited.
    static func dataBytes(pid: pid_t) -> Int? {
        let descriptor = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return parseDataBytes(buffer[..<count])
    }

    /// `VmData:   123456 kB` → 126418944.
    static func parseDataBytes(_ status: ArraySlice<UInt8>) -> Int? {
        let text = String(decoding: status, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmData:") }) else { return nil }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 3, fields[2] == "kB", let kilobytes = Int(fields[1]) else { return nil }
        return kilobytes.multipliedReportingOverflow(by: 1024).overflow ? nil : kilobytes * 1024
    }
}

/// Samples a child's data segment on a thread of its own until stopped, keeping the peak. A
/// thread rather than a task: a child flooding its pipe keeps the reading tasks busy, and the
/// samples that matter are the last ones before it dies.
final class ChildMemorySampler: Sendable {
    private struct State {
        var peak = 0
        var stopped = false
    }

    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(pid: pid_t, interval: Duration) {
        let nanoseconds =
            Int(interval.components.seconds) * 1_000_000_000
            + Int(interval.components.attoseconds / 1_000_000_000)
        let thread = Thread { [self] in
            while !state.withLock({ $0.stopped }) {
                if let bytes = ChildMemory.dataBytes(pid: pid) {
                    state.withLock { $0.peak = max($0.peak, bytes) }
                }
                _ = wake.wait(timeout: .now() + .nanoseconds(nanoseconds))
            }
            finished.signal()
        }
        thread.name = "vigil-memory-\(pid)"
        thread.start()
    }

    /// Stops sampling and returns the largest data segment seen.
    func stop() async -> Int {
        state.withLock { $0.stopped = true }
        wake.signal()
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [finished] in
                finished.wait()
                continuation.resume()
            }
        }
        return state.withLock { $0.peak }
    }
}
