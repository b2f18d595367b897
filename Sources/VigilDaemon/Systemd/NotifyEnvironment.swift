#if canImport(Glibc)
import Glibc
#endif

/// What systemd passes a `Type=notify` service in its environment: the notify socket, and the
/// watchdog it expects (`WATCHDOG_USEC`, for the process `WATCHDOG_PID` names when set).
public struct NotifyEnvironment: Sendable, Equatable {
    public var socket: NotifySocket?
    /// The full `WatchdogSec=`, or `nil` when no watchdog is asked of this process.
    public var watchdogTimeout: Duration?
    /// A `NOTIFY_SOCKET` value that names no socket Vigil can write to, to be logged.
    public var unusableSocket: String?

    public static let variables = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"]

    /// Reads the variables; `pid` is this process's id.
    public init(environment: [String: String], pid: Int32) {
        if let value = environment["NOTIFY_SOCKET"], !value.isEmpty {
            socket = NotifySocket(environmentValue: value)
            if socket == nil { unusableSocket = value }
        }
        // sd_watchdog_enabled(3): a watchdog for another process (a wrapper's child) is not ours.
        if let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0,
            microseconds <= UInt64(Int64.max)
        {
            let forUs: Bool
            if let owner = environment["WATCHDOG_PID"] {
                forUs = Int32(owner) == pid
            } else {
                forUs = true
            }
            if forUs { watchdogTimeout = .microseconds(Int64(microseconds)) }
        }
    }

    /// Half the timeout, as sd_watchdog_enabled(3) advises: one missed beat is not yet fatal.
    public var watchdogInterval: Duration? { watchdogTimeout.map { $0 / 2 } }

    /// Reads the process's variables and removes them, so that no child (a follow-up command)
    /// inherits a socket or a watchdog meant for the daemon. Call before any thread reads the
    /// environment.
    public static func takeFromProcess() -> NotifyEnvironment {
        var values: [String: String] = [:]
        for name in variables {
            if let value = getenv(name) { values[name] = String(cString: value) }
            unsetenv(name)
        }
        return NotifyEnvironment(environment: values, pid: getpid())
    }
}
