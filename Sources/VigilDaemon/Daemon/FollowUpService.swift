import Logging
import ServiceLifecycle
import Synchronization
import VigilCore

/// Runs `[followup] command` for new alerts in its own task, so a slow or hanging command never
/// holds up scanning. Woken when alerts are queued, and every few seconds for retries that fall due.
final class FollowUpService: Service, Sendable {
    private let settings: Mutex<FollowUpSettings>
    private let store: any AlertStore
    private let wakeup: Wakeup
    private let logger: Logger

    init(settings: FollowUpSettings, store: any AlertStore, wakeup: Wakeup, logger: Logger) {
        self.settings = Mutex(settings)
        self.store = store
        self.wakeup = wakeup
        self.logger = logger
    }

    /// A reloaded `[followup]` table applies from the next round.
    func replace(_ settings: FollowUpSettings) {
        self.settings.withLock { $0 = settings }
        wakeup.ring()
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let current = settings.withLock { $0 }
            if current.command != nil {
                let delivered = await FollowUpRunner(settings: current, store: store, logger: logger).runDue()
                if delivered > 0 { logger.debug("follow-up ran", metadata: ["alerts": "\(delivered)"]) }
            }
            await withGracefulShutdownHandler {
                await wakeup.wait(upTo: .seconds(5))
            } onGracefulShutdown: {
                self.wakeup.finish()
            }
        }
    }
}
