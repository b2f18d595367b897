import Synchronization
import VigilCore

/// What the daemon is doing, as `systemctl status` shows it on its `Status:` line: how many
/// repositories it watches, how many alerts are open, when it last polled, and its last error.
///
/// The poll loop and the log feed it; `StatusService` reads it and sends it.
public final class DaemonStatus: Sendable {
    struct State {
        var watched = 0
        var lastPoll: String?
        var lastError: String?
        var lastErrorTime: String?
    }

    private let state = Mutex(State())

    public init() {}

    /// A poll cycle finished at `time` with `watched` repositories.
    func polled(watched: Int, at time: String) {
        state.withLock { state in
            state.watched = watched
            state.lastPoll = time
        }
    }

    /// An error was logged: its constant message and the repository it names, if any.
    func recordError(_ message: String, repository: String?, at time: String) {
        state.withLock { state in
            state.lastError = repository.map { "\(message) (\($0))" } ?? message
            state.lastErrorTime = time
        }
    }

    /// The status line; `openAlerts` is the count as read from the queue, `nil` when it could not
    /// be read. Escaping is the notifier's job.
    func line(openAlerts: String?) -> String {
        let state = state.withLock { $0 }
        var parts = ["watching \(state.watched) \(state.watched == 1 ? "repository" : "repositories")"]
        parts.append("\(openAlerts ?? "unknown") open \(openAlerts == "1" ? "alert" : "alerts")")
        parts.append("last poll \(state.lastPoll ?? "not yet")")
        var text = parts.joined(separator: ", ")
        if let error = state.lastError, let time = state.lastErrorTime {
            text += "; last error \(time): \(error)"
        }
        return text
    }
}
