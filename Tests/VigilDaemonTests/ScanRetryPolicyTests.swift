import Testing
import VigilCore
import VigilDaemon

/// Retries, isolation of the commit that breaks the child, and `scan-failed`.
@Suite struct ScanRetryPolicyTests {
    let policy = ScanRetryPolicy()
    let plan = ScanPlan(commits: ScanFixture.chain(1...3, parentOfFirst: ScanFixture.commit(0)), complete: true)
    let time = "2026-12-01T00:00:00Z"

    /// A result that finished `completed` commits of the plan and then failed.
    func failed(after completed: Int, _ failure: ScanChildFailure = .signal(11), plan: ScanPlan? = nil)
        -> ScanBatchResult
    {
        var result = ScanBatchResult()
        result.plan = plan ?? self.plan
        result.completed = (plan ?? self.plan).commits.prefix(completed).map {
            CompletedCommit(id: $0.id, alerts: [ScanFixture.alert(on: $0.id)])
        }
        result.failure = failure
        return result
    }

    @Test func backoffDoublesFromFiveSecondsUpToTenMinutes() {
        let delays = (1...10).map { policy.delay(afterFailures: $0) }
        #expect(delays.prefix(4) == [.seconds(5), .seconds(10), .seconds(20), .seconds(40)])
        #expect(delays.last == .seconds(600))
        #expect(policy.delay(afterFailures: Int.max) == .seconds(600))
    }

    @Test func aFinishedBatchIsIdleAndResetsTheState() {
        var result = ScanBatchResult()
        result.plan = plan
        result.completed = plan.commits.map { CompletedCommit(id: $0.id, alerts: []) }
        result.done = ScanDone(seen: [ScanFixture.commit(3)], commits: 3, alerts: 0, errors: 0)
        var state = ScanRetryState()
        state.failures = 3
        state.singleWorker = true
        let step = policy.step(
            after: result, request: ScanFixture.request(seen: [ScanFixture.commit(0)]), state: &state, time: time)
        #expect(step.next == .idle)
        #expect(step.seen == [ScanFixture.commit(3)])
        #expect(state == ScanRetryState())
    }

    @Test func aBatchCutAtItsLimitAsksForMore() {
        var result = ScanBatchResult()
        result.plan = ScanPlan(commits: plan.commits, complete: false)
        result.completed = plan.commits.map { CompletedCommit(id: $0.id, alerts: []) }
        result.done = ScanDone(seen: [], commits: 3, alerts: 0, errors: 0)
        var state = ScanRetryState()
        let step = policy.step(
            after: result, request: ScanFixture.request(seen: [ScanFixture.commit(0)]), state: &state, time: time)
        #expect(step.next == .more)
        #expect(step.seen == [ScanFixture.commit(3)])
    }

    @Test func aFailureKeepsCompletedCommitsAndRetriesWithOneWorker() {
        var state = ScanRetryState()
        let request = ScanFixture.request(seen: [ScanFixture.commit(0)], workers: 4)
        let step = policy.step(after: failed(after: 1), request: request, state: &state, time: time)
        #expect(step.alerts.map(\.commit) == [ScanFixture.commit(1)])
        #expect(step.seen == [ScanFixture.commit(1)])
        #expect(step.next == .retry(after: .seconds(5)))
        #expect(state.workers(configured: 4) == 1)
        #expect(state.lastFailedCommit == ScanFixture.commit(2))
    }

    @Test func aSingleWorkerFailureOnTheSameCommitGivesItUp() throws {
        var state = ScanRetryState()
        let first = policy.step(
            after: failed(after: 1), request: ScanFixture.request(seen: [ScanFixture.commit(0)], workers: 4),
            state: &state, time: time)
        // The retry starts where the first attempt stopped and fails on the same commit at once.
        let rest = ScanPlan(commits: Array(plan.commits.dropFirst()), complete: true)
        let request = ScanFixture.request(seen: Array(first.seen), workers: 1)
        let step = policy.step(
            after: failed(after: 0, .timeout(.seconds(600)), plan: rest), request: request, state: &state, time: time)
        #expect(step.gaveUp == ScanFixture.commit(2))
        #expect(step.next == .more)
        #expect(step.seen == [ScanFixture.commit(2)])
        let alert = try #require(step.alerts.first)
        #expect(alert.check == "scan-failed")
        #expect(alert.severity == .high)
        #expect(alert.commit == ScanFixture.commit(2))
        #expect(alert.repository == ScanFixture.repository)
        #expect(alert.json.contains("\"title\":\"Scan of cccccccccccc failed: timed out after 10m\""))
        #expect(ScanBatchValidation.isValid(alert, repository: ScanFixture.repository))
        #expect(state == ScanRetryState())
        // Giving up on the same commit again (after a restart) gives the same id.
        var again = ScanRetryState()
        again.lastFailedCommit = ScanFixture.commit(2)
        let repeated = policy.step(
            after: failed(after: 0, .signal(9), plan: rest), request: request, state: &again,
            time: "2027-01-01T00:00:00Z")
        #expect(repeated.alerts.first?.id == alert.id)
    }

    @Test func aSingleWorkerFailureFurtherOnIsIsolatedAgain() {
        var state = ScanRetryState()
        _ = policy.step(
            after: failed(after: 0), request: ScanFixture.request(seen: [ScanFixture.commit(0)], workers: 4),
            state: &state, time: time)
        let step = policy.step(
            after: failed(after: 2), request: ScanFixture.request(seen: [ScanFixture.commit(0)], workers: 1),
            state: &state, time: time)
        #expect(step.gaveUp == nil)
        #expect(step.next == .retry(after: .seconds(10)))
        #expect(state.lastFailedCommit == ScanFixture.commit(3))
        #expect(step.seen == [ScanFixture.commit(2)])
    }

    @Test func failuresBeforeAnyPlanRaiseOneRepositoryAlertThenRetryAtTheLongestInterval() throws {
        var state = ScanRetryState()
        var result = ScanBatchResult()
        result.failure = .exit(status: 2)
        let request = ScanFixture.request(seen: [ScanFixture.commit(0)], tip: ScanFixture.commit(999))
        var alerts: [AlertRecord] = []
        var delays: [Duration] = []
        for _ in 1...8 {
            let step = policy.step(after: result, request: request, state: &state, time: time)
            alerts += step.alerts
            #expect(step.seen == [ScanFixture.commit(0)])
            if case .retry(let delay) = step.next { delays.append(delay) }
        }
        #expect(delays == [5, 10, 20, 40, 600, 600, 600, 600].map { .seconds($0) })
        let alert = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(alert.check == "scan-failed")
        #expect(alert.commit == ScanFixture.commit(999))
        #expect(alert.ref == "refs/heads/main")
        #expect(alert.json.contains("exited with status 2"))
        // Not the id of the commit alert on the same tip.
        let commitAlert = ScanFailedAlert.commit(
            repository: ScanFixture.repository, ref: nil, commit: ScanFixture.commit(999), reason: "x", attempts: 2,
            time: time)
        #expect(commitAlert?.id != alert.id)
    }

    @Test func aStoppedDaemonIsNotCountedAgainstTheRepository() {
        var state = ScanRetryState()
        let step = policy.step(
            after: failed(after: 1, .stopped), request: ScanFixture.request(seen: [ScanFixture.commit(0)]),
            state: &state,
            time: time)
        #expect(state == ScanRetryState())
        #expect(step.seen == [ScanFixture.commit(1)])
        #expect(step.alerts.count == 1)
    }

    @Test func scanFailedAlertsCarryNoRepositoryText() throws {
        let alert = try #require(
            ScanFailedAlert.commit(
                repository: "/srv/git/app.git", ref: "refs/heads/main", commit: ScanFixture.commit(5),
                reason: "crashed (signal 11, SIGSEGV)", attempts: 2, time: time))
        #expect(alert.json.contains("\"author\":{\"name\":\"\",\"email\":\"\""))
        #expect(alert.json.contains("\"message\":\"\""))
        #expect(alert.source == .daemon)
        #expect(
            ScanFailedAlert.commit(repository: "/r", ref: nil, commit: "HEAD", reason: "x", attempts: 1, time: time)
                == nil)
    }
}
