import Testing

@testable import VigilDaemon

/// The doorbell between the daemon's loops. No timing is judged: a wait that should end at once is
/// given a timeout far beyond any test run, so only a real ring can end it in time to pass.
@Suite struct WakeupTests {
    static let forever: Duration = .seconds(3600)

    @Test func aRingBeforeTheWaitIsKept() async {
        let wakeup = Wakeup()
        wakeup.ring()
        await wakeup.wait(upTo: Self.forever)
    }

    @Test func manyRingsWhileNobodyWaitsEndOneWaitOnly() async {
        let wakeup = Wakeup()
        for _ in 0..<100 { wakeup.ring() }
        await wakeup.wait(upTo: Self.forever)
        // The second wait is ended by its timeout, not by a stored ring.
        await wakeup.wait(upTo: .milliseconds(1))
    }

    @Test func aRingEndsAWaitInProgress() async {
        let wakeup = Wakeup()
        async let waited: Void = wakeup.wait(upTo: Self.forever)
        try? await Task.sleep(for: .milliseconds(10))
        wakeup.ring()
        await waited
    }

    @Test func finishEndsThisAndEveryLaterWait() async {
        let wakeup = Wakeup()
        async let waited: Void = wakeup.wait(upTo: Self.forever)
        try? await Task.sleep(for: .milliseconds(10))
        wakeup.finish()
        await waited
        await wakeup.wait(upTo: Self.forever)
    }

    @Test func cancellingTheTaskEndsItsWait() async {
        let wakeup = Wakeup()
        let task = Task { await wakeup.wait(upTo: Self.forever) }
        try? await Task.sleep(for: .milliseconds(10))
        task.cancel()
        await task.value
    }

    @Test func aTimeoutEndsAWaitNobodyRings() async {
        await Wakeup().wait(upTo: .milliseconds(5))
    }
}
