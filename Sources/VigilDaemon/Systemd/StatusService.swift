import Logging
import ServiceLifecycle
import VigilCore

/// Keeps systemd's view of the daemon current: sends `STATUS=` whenever something rang (a poll, a
/// recorded batch, a reload) and at least every `refresh`, and `STOPPING=1` as soon as a graceful
/// shutdown begins.
///
/// Counting the open alerts reads the queue, so updates are spaced at least `spacing` apart: a
/// fast poll interval costs one count a second, not one per poll.
struct StatusService: Service {
    let notifier: ServiceNotifier
    let status: DaemonStatus
    let store: any AlertStore
    let wakeup: Wakeup
    var refresh: Duration = .seconds(30)
    var spacing: Duration = .seconds(1)

    /// Counted up to this many; more shows as "1000+".
    static let countedOpenAlerts = 1000

    func run() async throws {
        guard notifier.isEnabled else {
            // Nothing to tell; still a member of the group until it stops.
            try? await gracefulShutdown()
            return
        }
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                await wakeup.wait(upTo: refresh)
                guard !Task.isShuttingDownGracefully, !Task.isCancelled else { break }
                notifier.status(status.line(openAlerts: await openAlerts()))
                try? await Task.sleep(for: spacing)
            }
        } onGracefulShutdown: {
            notifier.stopping()
            wakeup.finish()
        }
    }

    private func openAlerts() async -> String? {
        let limit = Self.countedOpenAlerts
        guard let open = try? await store.alerts(matching: AlertFilter(states: [.open], limit: limit + 1)) else {
            return nil
        }
        return open.count > limit ? "\(limit)+" : "\(open.count)"
    }
}
