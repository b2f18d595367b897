import Testing
import VigilCore
import VigilDaemon

/// A batch from request to step with scripted children: resuming where a crash stopped, isolating
/// the commit that kills the child, and going on past it.
@Suite struct ScanBatchDriverTests {
    let policy = ScanRetryPolicy(initialDelay: .milliseconds(1), maximumDelay: .milliseconds(10))

    @Test func aCommitThatKillsEveryChildIsGivenUpAndTheRestIsScanned() async throws {
        // History c0 ─ c1 ─ c2 ─ c3; the child dies whenever it reaches c2.
        let chain = ScanFixture.chain(1...3, parentOfFirst: ScanFixture.commit(0))
        let child = try ScriptedChild(
            """
            if grep -q '\(ScanFixture.commit(2))' "$dir/request.json"; then
                # Hidden past c2: plan c3 only and finish.
                cat "$dir/after.jsonl"
            else
                n=$(cat "$dir/n" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$dir/n"
                cat "$dir/attempt$n.jsonl"
                kill -KILL $$
            fi
            """)
        let all = ScanFixture.lines(plan: chain)
        // First attempt: c1 completes, then the child dies in c2.
        try child.folder.write("attempt1.jsonl", all.prefix(3).map { $0 + "\n" }.joined())
        // Retries start after c1: plan c2, c3; it dies in c2 at once.
        let rest = ScanBatchRecord.plan(commits: Array(chain.dropFirst()), complete: true).line()
        try child.folder.write("attempt2.jsonl", rest + "\n")
        try child.folder.write(
            "after.jsonl", ScanFixture.lines(plan: [chain[2]]).map { $0 + "\n" }.joined())

        let driver = ScanBatchDriver(runner: child.runner(), policy: policy, batchCommits: 100, workers: 4)
        var state = ScanRetryState()
        var seen = [ScanFixture.commit(0)]
        var recorded: [AlertRecord] = []
        var workers: [Int] = []
        for _ in 1...3 {
            let request = ScanFixture.request(seen: seen)
            let (_, step) = await driver.scan(request, state: &state)
            workers.append(try child.request().workers)
            recorded += step.alerts
            seen = step.seen.sorted()
        }
        #expect(workers == [4, 1, 4])
        #expect(recorded.map(\.check) == ["mass-deletion", "scan-failed", "mass-deletion"])
        #expect(recorded.map(\.commit) == [ScanFixture.commit(1), ScanFixture.commit(2), ScanFixture.commit(3)])
        #expect(seen == [ScanFixture.commit(3)])
        #expect(state == ScanRetryState())
        #expect(try child.request().limit == 100)
    }
}
