import Testing

@testable import VigilDaemon

/// The doorbell between the daemon's loops. No timing is judged: a wait that should end at once is
/// given a timeout far beyond the suite's time limit, so only a real ring can end it in time to pass;
/// a wait that does not end fails the test at that limit instead of hanging the run.
@Suite(.timeLimit(.minutes(1))) struct WakeupTests {
    static let forever: Duration = .seconds(3600)

    @Test func aRingBeforeTheWaitIsKept() async {
        let wakeup = Wakeup()
        wakeup.ring()
        #expect(await Self.returns { await wakeup.wait(upTo: Self.forever) })
    }

    @Test func manyRingsWhileNobodyWaitsEndOneWaitOnly() async {
        let wakeup = Wakeup()
        for _ in 0..<100 { wakeup.ring() }
        #expect(await Self.returns { await wakeup.wait(upTo: Self.forever) })
        // The second wait is ended by its timeout, not by a stored ring.
        await wakeup.wait(upTo: .milliseconds(1))
    }

    @Test func aRingEndsAWaitInProgress() async {
        let wakeup = Wakeup()
        async let waited: Void = wakeup.wait(upTo: Self.forever)
        try? await Task.sleep(for: .milliseconds(10))
        wakeup.ring()
        await waited
        #expect(await Self.returns { await wakeup.wait(upTo: .milliseconds(1)) }, "no ring is left over")
    }

    @Test func finishEndsThisAndEveryLaterWait() async {
        let wakeup = Wakeup()
        async let waited: Void = wakeup.wait(upTo: Self.forever)
        try? await Task.sleep(for: .milliseconds(10))
        wakeup.finish()
        await waited
        #expect(await Self.returns { await wakeup.wait(upTo: Self.forever) }, "finished for good")
    }

    @Test func cancellingTheTaskEndsItsWait() async {
        let wakeup = Wakeup()
        let task = Task { await wakeup.wait(upTo: Self.forever) }
        try? await Task.sleep(for: .milliseconds(10))
        task.cancel()
        await task.value
        #expect(task.isCancelled)
    }

    @Test func aTimeoutEndsAWaitNobodyRings() async {
        #expect(await Self.returns { await Wakeup().wait(upTo: .milliseconds(5)) })
    }

    /// Runs `body` and says it came back (the time limit fails a test whose wait never does).
    static func returns(_ body: () async -> Void) async -> Bool {
        await body()
        return true
    }
}
