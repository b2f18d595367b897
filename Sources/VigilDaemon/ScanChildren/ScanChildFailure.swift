import VigilCore

/// Why a scan child's batch did not finish. Every case is described in Vigil's own words: nothing
/// the child wrote is quoted, because the child parsed attacker-controlled objects.
public enum ScanChildFailure: Sendable, Hashable, CustomStringConvertible {
    /// The child could not be started (missing binary, no permission, no process slots).
    case spawn(String)
    /// It exited with a status other than 0, or with 0 before its `done` line.
    case exit(status: Int32)
    /// It was killed by a signal it did not get from us.
    case signal(Int32)
    /// It died after its data segment had grown to at least half of its `RLIMIT_DATA`: an
    /// allocation that doubles a buffer fails anywhere between half the limit and the limit.
    case memoryLimit(limit: Int, peak: Int, signal: Int32?)
    /// It ran past `[daemon] scan_timeout` and was stopped.
    case timeout(Duration)
    /// The daemon is stopping: the child was stopped with the batch unfinished. Not the child's
    /// fault, and not counted against it.
    case stopped
    /// It wrote something that is not the protocol: `line` is the 1-based line number.
    case protocolViolation(line: Int, reason: String)
    /// Its output went over the budget for one batch before a commit was complete.
    case outputLimit(bytes: Int)

    public var description: String {
        switch self {
        case .spawn(let reason): "could not start: \(reason)"
        case .exit(let status) where status == 0: "exited before finishing the batch"
        case .exit(let status): "exited with status \(status)"
        case .signal(let signal): "crashed (\(SignalName.describe(signal)))"
        case .memoryLimit(let limit, let peak, let signal):
            "crashed\(signal.map { " (\(SignalName.describe($0)))" } ?? "") at its memory limit of "
                + "\(ByteSize.describe(limit)) (data segment reached \(ByteSize.describe(peak)))"
        case .timeout(let budget): "timed out after \(DurationText.describe(budget))"
        case .stopped: "was stopped because the daemon is stopping"
        case .protocolViolation(let line, let reason): "broke the protocol at line \(line): \(reason)"
        case .outputLimit(let bytes): "wrote more than \(ByteSize.describe(bytes)) for one commit"
        }
    }
}

/// Signal numbers as people know them.
enum SignalName {
    static func describe(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS",
            8: "SIGFPE", 9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM", 24: "SIGXCPU",
            25: "SIGXFSZ", 31: "SIGSYS",
        ]
        return names[signal].map { "signal \(signal), \($0)" } ?? "signal \(signal)"
    }
}

