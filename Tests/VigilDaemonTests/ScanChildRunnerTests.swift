import Foundation
import Testing
import VigilCore
import VigilDaemon
import VigilTestSupport

/// `ScanChildRunner` against scripts that play the child: well-behaved, crashing, hanging,
/// lying, flooding.
@Suite struct ScanChildRunnerTests {
    let plan = ScanFixture.chain(1...3)

    @Test func aWellBehavedChildGivesEveryCommitItsAlertsAndDone() async throws {
        let child = try ScriptedChild(printing: ScanFixture.lines(plan: plan))
        let result = await child.runner().run(ScanFixture.request())
        #expect(result.failure == nil)
        #expect(result.plan == ScanPlan(commits: plan, complete: true))
        #expect(result.completed.map(\.id) == plan.map(\.id))
        #expect(result.completed.map { $0.alerts.map(\.commit) } == plan.map { [$0.id] })
        #expect(result.done?.seen == [ScanFixture.commit(3)])
        #expect(result.firstUnfinished == nil)
        #expect(try child.request() == ScanFixture.request())
    }

    @Test func theChildGetsArgvWithoutAShellAndAMinimalEnvironment() async throws {
        setenv("VIGIL_TEST_SECRET", "do-not-pass", 1)
        let lines = ScanFixture.lines(plan: [])
        let output = lines.map { "'" + $0 + "'" }.joined(separator: " ")
        let child = try ScriptedChild(
            """
            printf '%s\\n' "$@" > "$dir/argv"
            env > "$dir/env"
            printf '%s\\n' \(output)
            """)
        let result = await child.runner(memoryLimit: 256 << 20).run(ScanFixture.request())
        #expect(result.failure == nil)
        let argv = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: child.folder.path + "/argv")), as: UTF8.self)
        #expect(argv == "scan-batch\n--config\n/etc/vigil/test.toml\n--memory-limit\n268435456\n")
        let environment = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: child.folder.path + "/env")), as: UTF8.self)
        let names = Set(
            environment.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        #expect(names.isSubset(of: ["PATH", "LC_ALL", "PWD", "SHLVL", "_", "OLDPWD"]), "\(names)")
        #expect(!environment.contains("do-not-pass"))
    }

    @Test func aCrashKeepsTheCommitsBeforeIt() async throws {
        let lines = Array(ScanFixture.lines(plan: plan).prefix(3))
        let child = try ScriptedChild(printing: lines, then: "kill -SEGV $$")
        let result = await child.runner().run(ScanFixture.request())
        #expect(result.failure == .signal(11))
        #expect(result.completed.map(\.id) == [ScanFixture.commit(1)])
        #expect(result.firstUnfinished == ScanFixture.commit(2))
        #expect(result.failure?.description == "crashed (signal 11, SIGSEGV)")
    }

    @Test func aChildThatCannotOpenTheRepositoryFailsWithItsStatus() async throws {
        let error = ScanBatchRecord.error(commit: nil, message: "cannot open \u{1b}[2J").line()
        let child = try ScriptedChild(printing: [error], status: 2, then: "echo 'no such repository' >&2")
        let result = await child.runner().run(ScanFixture.request())
        #expect(result.failure == .exit(status: 2))
        #expect(result.plan == nil)
        #expect(result.errors == [ScanChildError(commit: nil, message: "cannot open \u{1b}[2J")])
        #expect(result.standardError.contains("no such repository"))
    }

    @Test func exitingWithoutDoneIsAFailure() async throws {
        let child = try ScriptedChild(printing: ScanFixture.lines(plan: plan, done: false))
        let result = await child.runner().run(ScanFixture.request())
        #expect(result.failure == .exit(status: 0))
        #expect(result.completed.count == 3)
    }

    @Test func aStatusAfterDoneIsStillAFailure() async throws {
        let child = try ScriptedChild(printing: ScanFixture.lines(plan: plan), status: 3)
        let result = await child.runner().run(ScanFixture.request())
        #expect(result.failure == .exit(status: 3))
        #expect(result.done != nil)
    }

    @Test func aHangingChildIsStoppedAtTheDeadline() async throws {
        let lines = Array(ScanFixture.lines(plan: plan).prefix(3))
        let child = try ScriptedChild(printing: lines, then: "sleep 1000")
        let result = await child.runner(timeout: .seconds(1)).run(ScanFixture.request())
        #expect(result.failure == .timeout(.seconds(1)))
        #expect(result.completed.map(\.id) == [ScanFixture.commit(1)])
    }

    @Test func aChildThatIgnoresSIGTERMIsKilled() async throws {
        let child = try ScriptedChild("trap '' TERM\nexec 1>&- 2>&-\nwhile :; do sleep 1; done")
        let result = await child.runner(timeout: .seconds(1), grace: .milliseconds(500)).run(ScanFixture.request())
        #expect(result.failure == .timeout(.seconds(1)))
    }

    @Test func garbageIsABrokenProtocolNamedByLineNumberNeverByItsText() async throws {
        let lines = [ScanFixture.lines(plan: plan)[0], "\u{1b}]0;owned\u{07} rm -rf /"]
        let child = try ScriptedChild(printing: lines, then: "sleep 1000")
        let result = await child.runner().run(ScanFixture.request())
        guard case .protocolViolation(let line, _) = result.failure else {
            Issue.record("expected a protocol violation, got \(String(describing: result.failure))")
            return
        }
        #expect(line == 2)
        #expect(result.failure?.description.contains("owned") == false)
        #expect(result.failure?.description.contains("\u{1b}") == false)
    }

    @Test func anEndlessLineIsABrokenProtocol() async throws {
        let child = try ScriptedChild("head -c 3000000 /dev/zero | tr '\\0' a\nsleep 1000")
        let result = await child.runner().run(ScanFixture.request())
        #expect(result.failure == .protocolViolation(line: 1, reason: "longer than 1048576 bytes"))
    }

    @Test func endlessErrorsAreABrokenProtocol() async throws {
        let plan = ScanBatchRecord.plan(commits: ScanFixture.chain(1...1), complete: true).line()
        let error = ScanBatchRecord.error(commit: nil, message: "x").line()
        let child = try ScriptedChild("echo '\(plan)'\nyes '\(error)'")
        let result = await child.runner().run(ScanFixture.request())
        #expect(
            result.failure
                == .protocolViolation(line: ScanBatchReader.mostErrors + 2, reason: "more than 100000 errors"))
        #expect(result.errors.count == ScanBatchReader.maximumErrors)
    }

    @Test func endlessAlertsOnOneCommitGoOverTheOutputBudget() async throws {
        let plan = ScanBatchRecord.plan(commits: ScanFixture.chain(1...1), complete: true).line()
        let alert = ScanBatchRecord.alert(ScanFixture.alert(on: ScanFixture.commit(1))).line()
        let child = try ScriptedChild("echo '\(plan)'\nyes '\(alert)'")
        var runner = child.runner()
        runner.settings.outputBudget = 1 << 20
        let result = await runner.run(ScanFixture.request())
        #expect(result.failure == .outputLimit(bytes: 1 << 20))
        #expect(result.completed.isEmpty)
    }

    @Test func aBatchThatReachesTheOutputBudgetStopsAfterACompleteCommit() async throws {
        let child = try ScriptedChild(printing: ScanFixture.lines(plan: plan), then: "sleep 1000")
        var runner = child.runner()
        // Room for one commit's alert: the batch stops once that commit is complete.
        runner.settings.outputBudget =
            ScanBatchRecord.alert(ScanFixture.alert(on: ScanFixture.commit(1))).line().utf8.count
        let result = await runner.run(ScanFixture.request())
        #expect(result.failure == nil)
        #expect(result.stoppedEarly)
        #expect(result.completed.map(\.id) == [ScanFixture.commit(1)])
    }

    @Test func standardErrorIsBoundedAndEscaped() async throws {
        let child = try ScriptedChild(
            printing: ScanFixture.lines(plan: []),
            then: "printf '\\033[31mred\\n' >&2; head -c 100000 /dev/zero | tr '\\0' e >&2")
        let result = await child.runner().run(ScanFixture.request())
        #expect(result.failure == nil)
        #expect(!result.standardError.contains("\u{1b}"))
        #expect(result.standardError.contains("red"))
        #expect(result.standardError.utf8.count < 5000)
        #expect(result.standardError.contains("more bytes"))
    }

    @Test func aMissingBinaryIsASpawnFailure() async throws {
        let folder = try ScratchFolder()
        let runner = ScanChildRunner(settings: ScanChildSettings(executable: folder.path + "/missing", configFile: nil))
        let result = await runner.run(ScanFixture.request())
        guard case .spawn = result.failure else {
            Issue.record("expected a spawn failure, got \(String(describing: result.failure))")
            return
        }
    }

    @Test func aChildThatLeavesAGrandchildHoldingItsPipesStillEnds() async throws {
        let child = try ScriptedChild(printing: ScanFixture.lines(plan: plan), then: "sleep 1000 &")
        let result = await child.runner().run(ScanFixture.request())
        #expect(result.failure == nil)
        #expect(result.completed.count == 3)
    }

    @Test func aChildThatNeverReadsItsRequestIsStillRead() async throws {
        let lines = ScanFixture.lines(plan: plan).map { "'" + $0 + "'" }.joined(separator: " ")
        let child = try ScriptedChild("printf '%s\\n' \(lines)", readRequest: false)
        let seen = (1...3000).map(ScanFixture.commit)
        let result = await child.runner().run(ScanFixture.request(seen: seen))
        #expect(result.completed.count == 3)
    }

    @Test func cancellingTheRunStopsTheChildAndKeepsItsCommits() async throws {
        let lines = Array(ScanFixture.lines(plan: plan).prefix(3))
        let child = try ScriptedChild(printing: lines, then: "sleep 1000")
        let runner = child.runner()
        let task = Task { await runner.run(ScanFixture.request()) }
        try await Task.sleep(for: .milliseconds(500))
        task.cancel()
        let result = await task.value
        #expect(result.failure == .stopped)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func aChildThatDiesAtItsMemoryLimitIsNamedSo() async throws {
        let child = try ScriptedChild(
            """
            exec /usr/bin/python3 -c '
            import time
            b = bytearray()
            while True:
                b += bytes(1 << 20)
                time.sleep(0.02)
            '
            """)
        let limit = 96 << 20
        let result = await child.runner(memoryLimit: limit).run(ScanFixture.request())
        guard case .memoryLimit(let named, let peak, _) = result.failure else {
            Issue.record("expected the memory limit, got \(String(describing: result.failure))")
            return
        }
        #expect(named == limit)
        #expect(peak <= limit)
        #expect(result.failure?.description.contains("96MiB") == true)
    }

    @Test func theDaemonFindsItsOwnBinary() throws {
        let path = try #require(ScanChildSettings.currentExecutable())
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
    }

    @Test func withoutAConfigFileTheChildGetsNoConfigOption() async throws {
        let child = try ScriptedChild(
            """
            printf '%s\\n' "$@" > "$dir/argv"
            printf '%s\\n' \(ScanFixture.lines(plan: []).map { "'" + $0 + "'" }.joined(separator: " "))
            """)
        let runner = ScanChildRunner(
            settings: ScanChildSettings(executable: child.path, configFile: nil, memoryLimit: 0))
        let result = await runner.run(ScanFixture.request())
        #expect(result.failure == nil)
        let argv = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: child.folder.path + "/argv")), as: UTF8.self)
        #expect(argv == "scan-batch\n--memory-limit\n0\n")
    }
}
