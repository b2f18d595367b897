import Logging
import Synchronization
import VigilCore

#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd what the daemon is doing (`Type=notify`): `READY=1` once it watches, `STATUS=`
/// lines, `WATCHDOG=1` keep-alives, `RELOADING=1` around a reload and `STOPPING=1` on shutdown.
///
/// Without `$NOTIFY_SOCKET` (run by hand, or by another supervisor) every call does nothing.
/// Sending never blocks and never fails the daemon: a failure is logged once, until it changes.
public final class ServiceNotifier: Sendable {
    let socket: NotifySocket?
    /// How often the poll loop must send `WATCHDOG=1`: half of `WatchdogSec`, or `nil` when no
    /// watchdog is asked of this process.
    public let watchdogInterval: Duration?
    private let logger: Logger
    private let lastFailure = Mutex<String?>(nil)
    /// Set with `STOPPING=1`: after it, only keep-alives are sent.
    private let stopped = Mutex(false)

    public init(socket: NotifySocket?, watchdogInterval: Duration?, logger: Logger) {
        self.socket = socket
        self.watchdogInterval = socket == nil ? nil : watchdogInterval
        self.logger = logger
    }

    /// A notifier that sends nothing, for runs outside systemd.
    public static func disabled(logger: Logger) -> ServiceNotifier {
        ServiceNotifier(socket: nil, watchdogInterval: nil, logger: logger)
    }

    public var isEnabled: Bool { socket != nil }

    // MARK: - Messages

    /// Everything the daemon needs is open and the first poll is done.
    public func ready() { send("READY=1") }

    /// One line for `systemctl status`. The text carries repository paths and error messages, so
    /// it is escaped: a line break would start a new assignment (`READY=1`, `MAINPID=`) in the
    /// datagram, and a control character would reach the operator's terminal.
    public func status(_ text: String) {
        send("STATUS=" + Self.statusLine(text))
    }

    public func watchdog() { send("WATCHDOG=1", afterStopping: true) }

    /// A reload starts; `ready()` ends it. `MONOTONIC_USEC` is what `Type=notify-reload`
    /// (systemd 253 and later) asks for beside `RELOADING=1`; older managers ignore it.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(microseconds)")
    }

    /// The service is stopping. Nothing but keep-alives follows it: a status worked out before
    /// the shutdown, or a reload that ends during it, would tell systemd the service runs again.
    public func stopping() { send("STOPPING=1", stopping: true) }

    /// The most `STATUS=` carries; systemd shows one line anyway.
    static let longestStatus = 512

    static func statusLine(_ text: String) -> String {
        let escaped = TerminalText.escape(text)
        guard escaped.utf8.count > longestStatus else { return escaped }
        var cut = ""
        for character in escaped {
            guard cut.utf8.count + character.utf8.count <= longestStatus - 3 else { break }
            cut.append(character)
        }
        return cut + "..."
    }

    private enum Outcome {
        case sent, failed(NotifyError), withheld
    }

    private func send(_ message: String, afterStopping: Bool = false, stopping: Bool = false) {
        guard let socket else { return }
        // The check and the send happen under one lock, so nothing slips in after STOPPING=1; the
        // send is one datagram that never blocks (MSG_DONTWAIT), so the lock is held for no wait.
        let outcome = stopped.withLock { stopped -> Outcome in
            if stopped, !afterStopping { return .withheld }
            if stopping { stopped = true }
            do throws(NotifyError) {
                try socket.send(message)
                return .sent
            } catch {
                return .failed(error)
            }
        }
        switch outcome {
        case .withheld:
            return
        case .sent:
            let recovered = lastFailure.withLock { failure -> Bool in
                defer { failure = nil }
                return failure != nil
            }
            if recovered { logger.notice("systemd notification works again") }
        case .failed(let error):
            let reason = "\(error)"
            let isNew = lastFailure.withLock { failure -> Bool in
                defer { failure = reason }
                return failure != reason
            }
            if isNew {
                logger.warning("systemd notification cannot be sent", metadata: ["reason": "\(reason)"])
            }
        }
    }
}
