/// The poll loop's `WATCHDOG=1`: sent when half of `WatchdogSec` has passed since the last one,
/// never more often, and only from the loop that owns it.
struct Heartbeat {
    let notifier: ServiceNotifier
    let clock: ContinuousClock
    private var last: ContinuousClock.Instant?

    init(notifier: ServiceNotifier, clock: ContinuousClock) {
        self.notifier = notifier
        self.clock = clock
    }

    /// When the loop must wake up at the latest: `deadline`, or the next beat if sooner.
    func nextBeat(before deadline: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard let interval = notifier.watchdogInterval else { return deadline }
        guard let last else { return clock.now }
        return min(deadline, last.advanced(by: interval))
    }

    mutating func beatIfDue() {
        guard let interval = notifier.watchdogInterval else { return }
        let now = clock.now
        if let last, now < last.advanced(by: interval) { return }
        notifier.watchdog()
        last = now
    }
}
