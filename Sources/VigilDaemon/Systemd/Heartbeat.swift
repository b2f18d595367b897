import Synchronization

/// The poll loop's `WATCHDOG=1`: sent when half of `WatchdogSec` has passed since the last one,
/// never more often. It beats between cycles and as a cycle makes progress (each repository read,
/// each fetch finished), so a long but moving cycle (many mirrors to fetch) is kept alive, and a
/// cycle stuck on one read is not.
final class Heartbeat: Sendable {
    let notifier: ServiceNotifier
    private let clock = ContinuousClock()
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    init(notifier: ServiceNotifier) {
        self.notifier = notifier
    }

    /// When the loop must wake up at the latest: `deadline`, or the next beat if sooner.
    func nextBeat(before deadline: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard let interval = notifier.watchdogInterval else { return deadline }
        guard let last = last.withLock({ $0 }) else { return clock.now }
        return min(deadline, last.advanced(by: interval))
    }

    func beatIfDue() {
        guard let interval = notifier.watchdogInterval else { return }
        let now = clock.now
        let due = last.withLock { last -> Bool in
            if let previous = last, now < previous.advanced(by: interval) { return false }
            last = now
            return true
        }
        if due { notifier.watchdog() }
    }
}
