import Synchronization
import Testing
import VigilCore
import VigilTestSupport

@testable import VigilDaemon

/// Turns between repositories, the number of children at a time, and retries after their delay.
@Suite struct ScanSchedulerTests {
    /// Waits until `condition` holds (or gives up after a generous while, failing the test).
    func eventually(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async {
        for _ in 0..<600 {
            if condition() { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("condition never held", sourceLocation: sourceLocation)
    }

    /// A child that answers its nth run with `batches[n]`.
    func child(batches: [[String]]) throws -> ScriptedChild {
        let child = try ScriptedChild(
            """
            n=$(cat "$dir/n" 2>/dev/null || echo 0)
            n=$((n + 1))
            echo $n > "$dir/n"
            cat "$dir/batch$n.jsonl"
            """)
        for (index, lines) in batches.enumerated() {
            try child.folder.write("batch\(index + 1).jsonl", lines.map { $0 + "\n" }.joined())
        }
        return child
    }

    @Test func aBusyRepositoryTakesTurnsWithTheOthers() async throws {
        // "busy" got a push of four batches' worth of commits; "a" and "b" one commit each.
        let busyBatches = (0..<4).map { batch in
            ScanFixture.lines(
                plan: ScanFixture.chain((batch * 3 + 1)...(batch * 3 + 3)), complete: batch == 3)
        }
        let children = [
            "busy": try child(batches: busyBatches),
            "a": try child(batches: [ScanFixture.lines(plan: ScanFixture.chain(100...100))]),
            "b": try child(batches: [ScanFixture.lines(plan: ScanFixture.chain(200...200))]),
        ]
        // Each repository's tip is the last commit its child plans: the hide root it names at the end.
        let tips = ["busy": ScanFixture.commit(12), "a": ScanFixture.commit(100), "b": ScanFixture.commit(200)]
        let order = Mutex<[String]>([])
        let scheduler = ScanScheduler(children: 1) { repository in
            order.withLock { $0.append(repository) }
            let driver = ScanBatchDriver(runner: children[repository]!.runner(), batchCommits: 3, workers: 1)
            var state = ScanRetryState()
            return await driver.scan(ScanFixture.request(tip: tips[repository]!), state: &state).step.next
        }
        for repository in ["busy", "a", "b"] { scheduler.submit(repository) }
        let serving = Task { await scheduler.run() }
        await eventually { order.withLock { $0.count } == 6 }
        try await Task.sleep(for: .milliseconds(200))
        serving.cancel()
        await serving.value
        #expect(order.withLock { $0 } == ["busy", "a", "b", "busy", "busy", "busy"])
    }

    @Test func noMoreThanTheConfiguredChildrenRunAtOnce() async throws {
        let running = Mutex((now: 0, most: 0, done: 0))
        let scheduler = ScanScheduler(children: 2) { _ in
            running.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
            try? await Task.sleep(for: .milliseconds(100))
            running.withLock {
                $0.now -= 1
                $0.done += 1
            }
            return .idle
        }
        for index in 0..<6 { scheduler.submit("repo\(index)") }
        let serving = Task { await scheduler.run() }
        await eventually { running.withLock { $0.done } == 6 }
        serving.cancel()
        await serving.value
        #expect(running.withLock { $0.most } <= 2)
    }

    @Test func aFailedRepositoryRunsAgainAfterItsDelay() async throws {
        let runs = Mutex(0)
        let scheduler = ScanScheduler(children: 1) { _ in
            let run = runs.withLock { runs in
                runs += 1
                return runs
            }
            return run == 1 ? .retry(after: .milliseconds(100)) : .idle
        }
        scheduler.submit("flaky")
        let serving = Task { await scheduler.run() }
        await eventually { runs.withLock { $0 } == 2 }
        try await Task.sleep(for: .milliseconds(200))
        serving.cancel()
        await serving.value
        #expect(runs.withLock { $0 } == 2)
    }

    @Test func workArrivingDuringABatchRunsAfterIt() {
        var queue = ScanQueue()
        queue.submit("r")
        #expect(queue.next(children: 1) == "r")
        queue.submit("r")
        #expect(queue.next(children: 1) == nil)
        queue.finish("r", .idle)
        #expect(queue.next(children: 1) == "r")
        queue.finish("r", .idle)
        #expect(queue.next(children: 1) == nil)
    }

    @Test func aRepositoryWaitingOutARetryIsNotRunEarly() {
        var queue = ScanQueue()
        queue.submit("r")
        _ = queue.next(children: 1)
        queue.finish("r", .retry(after: .seconds(5)))
        queue.submit("r")
        #expect(queue.next(children: 1) == nil)
        queue.due("r")
        #expect(queue.next(children: 1) == "r")
    }

    @Test func aRemovedRepositoryIsForgotten() {
        var queue = ScanQueue()
        queue.submit("gone")
        queue.submit("kept")
        queue.remove("gone")
        #expect(queue.next(children: 2) == "kept")
        #expect(queue.next(children: 2) == nil)
    }

    @Test func submittingTwiceQueuesOnce() {
        var queue = ScanQueue()
        queue.submit("r")
        queue.submit("r")
        #expect(queue.ready == ["r"])
    }
}
