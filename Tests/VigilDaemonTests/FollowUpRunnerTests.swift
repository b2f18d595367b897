import Foundation
import Testing
import VigilCore
import VigilTestSupport

@testable import VigilDaemon

#if canImport(Glibc)
import Glibc
#endif

@Suite struct FollowUpRunnerTests {
    let folder: ScratchFolder
    let store = InMemoryAlertStore()
    /// 2026-12-01T00:00:10Z: ten seconds after the fixtures' alerts were raised.
    static let now: Int64 = 1_796_083_210

    init() throws {
        folder = try ScratchFolder()
    }

    /// A shell script in the test's folder, executable.
    func script(_ name: String, _ body: String) throws -> String {
        let path = try folder.write(name, "#!/bin/sh\n" + body + "\n")
        chmod(path, 0o755)
        return path
    }

    func runner(_ argv: [String], maxAttempts: Int = 5, timeout: Duration = .seconds(30)) -> FollowUpRunner {
        FollowUpRunner(
            settings: FollowUpSettings(command: argv, maxAttempts: maxAttempts, timeout: timeout), store: store,
            clock: { Self.now })
    }

    @discardableResult
    func queue(_ numbers: ClosedRange<Int>, followUp: Bool = true) async throws -> [QueuedAlert] {
        try await store.record(AlertLogFixture.records(numbers), progress: nil, followUp: followUp)
    }

    func status(_ number: Int) async throws -> FollowUpStatus {
        try #require(try await store.alert(id: AlertLogFixture.record(number).id)).alert.followUp
    }

    // MARK: - Delivery

    @Test func aCommandThatSucceedsGetsTheAlertLineOnStdin() async throws {
        let received = folder.path + "/received"
        let command = try script("notify", "cat > \(received)")
        try await queue(1...2)
        #expect(await runner([command]).runDue() == 2)
        #expect(try await status(1).state == .delivered)
        #expect(try await status(2).state == .delivered)
        // The last run's input: the second alert's log line, seq included, with its line feed.
        let line = try String(contentsOfFile: received, encoding: .utf8)
        #expect(line == AlertLogFixture.record(2).json(seq: 2) + "\n")
        #expect(await runner([command]).runDue() == 0)
    }

    @Test func argumentsReachTheCommandAsTheyAreWithoutAShell() async throws {
        let arguments = folder.path + "/arguments"
        let command = try script("args", "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > \(arguments)")
        let planted = folder.path + "/planted"
        try await queue(1...1)
        #expect(await runner([command, "$(touch \(planted))", "a b;c", "*"]).runDue() == 1)
        #expect(try String(contentsOfFile: arguments, encoding: .utf8) == "$(touch \(planted))\na b;c\n*\n")
        #expect(!FileManager.default.fileExists(atPath: planted))
    }

    @Test func aCommandThatReadsNothingIsDeliveredEvenForAHugeRecord() async throws {
        let command = try script("ignore-input", "exit 0")
        _ = try await store.record(
            [AlertLogFixture.record(1, title: String(repeating: "t", count: 4 << 20))], progress: nil, followUp: true)
        #expect(await runner([command]).runDue() == 1)
        #expect(try await status(1).state == .delivered)
    }

    @Test func aCommandPrintingMegabytesIsDrainedAndOnlyItsStartKept() async throws {
        let loud = try script("loud", "head -c 5000000 /dev/zero | tr '\\0' 'x'; head -c 3000000 /dev/zero >&2; exit 0")
        let loudFailing = try script("loud-failing", "head -c 5000000 /dev/zero | tr '\\0' 'y'; exit 1")
        // Draining 8 MB needs the shared async threads, which synchronous end-to-end tests running
        // beside this one can hold for minutes on a loaded 2-core machine: this test is about the
        // output, not the time limit, so the limit is far away.
        let patient: Duration = .seconds(900)
        try await queue(1...1)
        #expect(await runner([loud], timeout: patient).runDue() == 1)
        #expect(try await status(1).state == .delivered)
        try await queue(2...2)
        await store.makeFollowUpsDue()
        #expect(await runner([loudFailing], timeout: patient).runDue() == 1)
        let error = try #require(try await status(2).lastError)
        #expect(error.hasPrefix("exit status 1: yyyy"))
        #expect(error.utf8.count <= FollowUpCommand.outputLimit + 100)
    }

    @Test func controlBytesInTheOutputAreEscapedAndStillBounded() async throws {
        let noisy = try script("noisy", "head -c 100000 /dev/zero | tr '\\0' '\\033'; exit 2")
        try await queue(1...1)
        #expect(await runner([noisy]).runDue() == 1)
        let error = try #require(try await status(1).lastError)
        #expect(error.hasPrefix("exit status 2: \\x1b\\x1b"))
        #expect(!error.contains("\u{1b}"))
        #expect(error.count <= FollowUpCommand.outputLimit + 100)
    }

    // MARK: - Failure and retries

    @Test func aFailingCommandIsRetriedWithBackoffThenGivenUp() async throws {
        let command = try script("fail", "printf 'no route\\033[31m to pager\\n' >&2; exit 3")
        try await queue(1...1)
        let runner = runner([command], maxAttempts: 3)
        #expect(await runner.runDue() == 1)
        var status = try await status(1)
        #expect(status.state == .pending)
        #expect(status.attempts == 1)
        #expect(status.nextAttempt == Timestamp.rfc3339(seconds: Self.now + 10))
        #expect(status.lastError == "exit status 3: no route\\x1b[31m to pager\\x0a")
        // Not due again until the backoff has passed.
        #expect(await runner.runDue() == 0)
        await store.makeFollowUpsDue()
        #expect(await runner.runDue() == 1)
        status = try await self.status(1)
        #expect(status.nextAttempt == Timestamp.rfc3339(seconds: Self.now + 20))
        await store.makeFollowUpsDue()
        #expect(await runner.runDue() == 1)
        status = try await self.status(1)
        #expect(status.state == .failed)
        #expect(status.attempts == 3)
        #expect(status.lastError?.hasPrefix("exit status 3") == true)
        await store.makeFollowUpsDue()
        #expect(await runner.runDue() == 0)
    }

    @Test func aMissingProgramIsAFailedAttempt() async throws {
        try await queue(1...1)
        #expect(await runner([folder.path + "/no-such-notify\u{1b}[2J"]).runDue() == 1)
        let status = try await status(1)
        #expect(status.state == .pending)
        let error = try #require(status.lastError)
        #expect(error.hasPrefix("could not start: "))
        #expect(!error.contains("\u{1b}"))
        #expect(await runner(["no-such-program-on-path-\(UUID().uuidString)"]).runDue() == 0)
        await store.makeFollowUpsDue()
        #expect(await runner(["no-such-program-on-path-\(UUID().uuidString)"]).runDue() == 1)
        #expect(try await self.status(1).lastError?.hasPrefix("could not start: ") == true)
    }

    @Test func aHangingCommandIsKilledWithWhatItStartedAtTheTimeout() async throws {
        let pids = folder.path + "/pids"
        let command = try script("hang", "sleep 1000 & echo $! > \(pids); echo started; wait")
        try await queue(1...1)
        #expect(await runner([command], timeout: .milliseconds(500)).runDue() == 1)
        let status = try await status(1)
        #expect(status.state == .pending)
        #expect(status.lastError == "still running after 500ms; killed with its process group: started\\x0a")
        let child = try #require(Self.pid(in: pids))
        #expect(await Self.ends(child))
    }

    @Test func aCommandThatClosesItsOutputAndHangsIsStillKilled() async throws {
        let command = try script("detach", "exec >/dev/null 2>&1 </dev/null; sleep 1000")
        try await queue(1...1)
        #expect(await runner([command], timeout: .milliseconds(300)).runDue() == 1)
        #expect(try await status(1).lastError?.hasPrefix("still running after 300ms") == true)
    }

    @Test func aCommandKilledByASignalIsAFailedAttempt() async throws {
        let command = try script("crash", "kill -SEGV $$")
        try await queue(1...1)
        #expect(await runner([command]).runDue() == 1)
        #expect(try await status(1).lastError == "killed by signal \(SIGSEGV)")
    }

    // MARK: - Passes

    @Test func withoutACommandNothingRuns() async throws {
        try await queue(1...1)
        let runner = FollowUpRunner(settings: FollowUpSettings(), store: store)
        #expect(await runner.runDue() == 0)
        #expect(try await status(1).state == .pending)
    }

    @Test func alertsQueuedWithoutFollowUpAreNotRun() async throws {
        let command = try script("ok", "exit 0")
        try await queue(1...1, followUp: false)
        #expect(await runner([command]).runDue() == 0)
        #expect(try await status(1).state == FollowUpStatus.State.none)
    }

    @Test func twoPassesAtOnceRunEachAlertOnce() async throws {
        let runs = folder.path + "/runs"
        let command = try script("count", "read line; echo x >> \(runs); sleep 0.05")
        try await queue(1...4)
        let runner = runner([command])
        async let first = runner.runDue()
        async let second = runner.runDue()
        #expect(await first + second == 4)
        #expect(try String(contentsOfFile: runs, encoding: .utf8) == "x\nx\nx\nx\n")
    }

    @Test func backoffDoublesFromTenSecondsToAnHour() {
        let delays = (1...11).map(FollowUpBackoff.delay(afterAttempt:))
        #expect(delays == [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600])
        #expect(FollowUpBackoff.delay(afterAttempt: 100) == 3600)
        #expect(FollowUpBackoff.delay(afterAttempt: Int.max) == 3600)
    }

    // MARK: - Helpers

    /// The process id a script wrote to `file`.
    static func pid(in file: String) -> Int32? {
        (try? String(contentsOfFile: file, encoding: .utf8)).flatMap {
            Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Whether process `pid` is gone (or a zombie waiting for its reaper), waiting a while for it.
    static func ends(_ pid: Int32) async -> Bool {
        for _ in 0..<500 {
            if kill(pid, 0) != 0 { return true }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z"
            {
                return true
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

extension FollowUpRunnerTests {
    @Test func aCommandThatExitsLeavingAChildHoldingItsOutputIsDelivered() async throws {
        let pids = folder.path + "/pids"
        let command = try script("leave-child", "sleep 30 & echo $! > \(pids); echo done; exit 0")
        try await queue(1...1)
        #expect(await runner([command], timeout: .seconds(20)).runDue() == 1)
        #expect(try await status(1).state == .delivered)
        if let child = Self.pid(in: pids) {
            kill(child, SIGKILL)
        }
    }
}

extension FollowUpRunnerTests {
    @Test func aPassCancelledByShutdownKillsTheCommandAndRecordsNothing() async throws {
        let pids = folder.path + "/pids"
        let command = try script("slow", "echo $$ > \(pids); sleep 1000")
        try await queue(1...1)
        let runner = runner([command], timeout: .seconds(600))
        let pass = Task { await runner.runDue() }
        while (try? String(contentsOfFile: pids, encoding: .utf8))?.hasSuffix("\n") != true {
            try await Task.sleep(for: .milliseconds(10))
        }
        pass.cancel()
        #expect(await pass.value == 0)
        let status = try await status(1)
        #expect(status.state == .pending)
        #expect(status.attempts == 0)
        let shell = try #require(Self.pid(in: pids))
        #expect(await Self.ends(shell))
    }
}
