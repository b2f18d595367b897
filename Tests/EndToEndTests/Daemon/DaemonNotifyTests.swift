import Foundation
import Testing
import VigilTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `vigil run` under systemd's notify protocol, with the notify socket owned by the test: what
/// systemd hears, in which order, and that the watchdog stops when the poll loop does.
@Suite(.serialized) struct DaemonNotifyTests {
    /// A daemon watching one repository, started with `environment` added.
    func start(
        _ scratch: DaemonScratch, repository: PushedRepository, environment: [String: String],
        arguments: [String] = []
    ) throws -> DaemonProcess {
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        return try DaemonProcess(
            configPath: scratch.config, stderrPath: scratch.stderr, environment: environment,
            extraArguments: arguments)
    }

    @Test func readyStatusWatchdogReloadAndStoppingArriveInOrder() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        let listener = try NotifyListener(path: scratch.folder.path + "/notify")
        let daemon = try start(
            scratch, repository: repository,
            environment: ["NOTIFY_SOCKET": listener.environmentValue, "WATCHDOG_USEC": "1000000"])
        #expect(await listener.waitFor("READY=1"), "READY=1 arrives: \(daemon.stderr)")
        #expect(await listener.waitFor { $0.hasPrefix("STATUS=") }, "\(listener.lines)")
        #expect(await listener.waitFor("WATCHDOG=1", count: 2), "\(listener.lines)")
        let status = try #require(listener.lines.first { $0.hasPrefix("STATUS=") })
        #expect(status.contains("watching 1 repository"), "\(status)")
        #expect(status.contains("0 open alerts"), "\(status)")
        #expect(status.contains("last poll 20"), "\(status)")

        daemon.send(SIGHUP)
        #expect(await listener.waitFor("READY=1", count: 2), "\(listener.lines) \(daemon.stderr)")
        #expect(daemon.stop() == 0, "\(daemon.stderr)")
        #expect(await listener.waitFor("STOPPING=1", seconds: 5), "\(listener.lines)")

        // The order systemd relies on, ignoring the STATUS and WATCHDOG lines in between.
        let sequence = listener.lines.filter { ["READY=1", "RELOADING=1", "STOPPING=1"].contains($0) }
        #expect(sequence == ["READY=1", "RELOADING=1", "READY=1", "STOPPING=1"], "\(listener.lines)")
        let lines = listener.lines
        let firstReady = try #require(lines.firstIndex(of: "READY=1"))
        let firstStatus = try #require(lines.firstIndex { $0.hasPrefix("STATUS=") })
        let firstWatchdog = try #require(lines.firstIndex(of: "WATCHDOG=1"))
        #expect(firstReady < firstStatus && firstReady <= firstWatchdog + 1, "\(lines)")
        let reloading = try #require(lines.firstIndex(of: "RELOADING=1"))
        #expect(lines[reloading + 1].hasPrefix("MONOTONIC_USEC="), "\(lines)")
        // While it stops, the poll loop may still beat; it says nothing else.
        let stopping = try #require(lines.firstIndex(of: "STOPPING=1"))
        #expect(lines[(stopping + 1)...].allSatisfy { $0 == "WATCHDOG=1" }, "\(lines)")
    }

    @Test func anAbstractSocketIsWrittenTo() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        let listener = try NotifyListener(abstractName: "vigil-test-\(UUID().uuidString)")
        let daemon = try start(scratch, repository: repository, environment: ["NOTIFY_SOCKET": listener.environmentValue])
        #expect(await listener.waitFor("READY=1"), "\(daemon.stderr)")
        #expect(await listener.waitFor { $0.hasPrefix("STATUS=") })
        #expect(daemon.stop() == 0)
        #expect(await listener.waitFor("STOPPING=1", seconds: 5))
        #expect(!listener.lines.contains("WATCHDOG=1"), "no watchdog was asked for")
    }

    @Test func aWatchdogForAnotherProcessIsNotSent() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        let listener = try NotifyListener(path: scratch.folder.path + "/notify")
        let daemon = try start(
            scratch, repository: repository,
            environment: [
                "NOTIFY_SOCKET": listener.environmentValue, "WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1",
            ])
        #expect(await listener.waitFor("READY=1"), "\(daemon.stderr)")
        // Many poll cycles (200 ms each) pass; a watchdog for PID 1 is not this daemon's.
        try await Task.sleep(for: .milliseconds(1500))
        listener.drain()
        #expect(daemon.stop() == 0)
        #expect(!listener.lines.contains("WATCHDOG=1"), "\(listener.lines)")
    }

    @Test func aHungPollLoopStopsSendingWatchdog() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        let listener = try NotifyListener(path: scratch.folder.path + "/notify")
        let hang = scratch.folder.path + "/hang"
        let daemon = try start(
            scratch, repository: repository,
            environment: ["NOTIFY_SOCKET": listener.environmentValue, "WATCHDOG_USEC": "400000"],
            arguments: ["--test-hang-poll-file", hang])
        #expect(await listener.waitFor("READY=1"), "\(daemon.stderr)")
        #expect(await listener.waitFor("WATCHDOG=1", count: 3), "the loop beats while it polls: \(listener.lines)")

        _ = FileManager.default.createFile(atPath: hang, contents: nil)
        #expect(await daemon.eventuallyStderr("poll loop held by the test hook"), "\(daemon.stderr)")
        // Everything sent before the loop stopped is in the socket already.
        listener.drain()
        let before = listener.lines.filter { $0 == "WATCHDOG=1" }.count
        // Ten beat intervals (200 ms each) of silence: systemd would now restart the daemon.
        try await Task.sleep(for: .seconds(2))
        listener.drain()
        #expect(listener.lines.filter { $0 == "WATCHDOG=1" }.count == before, "\(listener.lines)")
        #expect(daemon.isRunning, "the daemon itself is alive; only its loop is stuck")
        #expect(daemon.stop() == 0, "\(daemon.stderr)")
    }

    @Test func repositoryTextInTheStatusCannotAddAnAssignment() async throws {
        let scratch = try DaemonScratch()
        let listener = try NotifyListener(path: scratch.folder.path + "/notify")
        // A repository path that cannot be read, whose name holds a line break and an assignment.
        let hostile = scratch.folder.path + "/gone\\nMAINPID=1\\u001b.git"
        try scratch.writeConfig(repos: [repoEntry(hostile)])
        let daemon = try DaemonProcess(
            configPath: scratch.config, stderrPath: scratch.stderr,
            environment: ["NOTIFY_SOCKET": listener.environmentValue])
        #expect(await listener.waitFor("READY=1"), "\(daemon.stderr)")
        #expect(
            await listener.waitFor(seconds: 20) { $0.hasPrefix("STATUS=") && $0.contains("last error") },
            "\(listener.lines) \(daemon.stderr)")
        #expect(daemon.stop() == 0)
        #expect(!listener.lines.contains { $0.hasPrefix("MAINPID") }, "\(listener.lines)")
        #expect(!listener.messages.joined().contains("\u{1b}"))
        let status = try #require(listener.lines.last { $0.hasPrefix("STATUS=") && $0.contains("last error") })
        #expect(status.contains("\\x0aMAINPID=1"), "the line break is shown escaped: \(status)")
    }

    @Test func withoutANotifySocketNothingIsSentAndTheDaemonRuns() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        // A socket value Vigil cannot use is logged and ignored, not fatal.
        let daemon = try start(scratch, repository: repository, environment: ["NOTIFY_SOCKET": "vsock:2:1234"])
        #expect(await daemon.eventuallyStderr("ready"), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("NOTIFY_SOCKET names no socket Vigil can use"))
        #expect(daemon.stop() == 0)
    }

    @Test func noChildInheritsTheNotifySocketOrTheWatchdog() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        let listener = try NotifyListener(path: scratch.folder.path + "/notify")
        let seen = scratch.folder.path + "/followup.env"
        try scratch.writeConfig(
            repos: [repoEntry(repository.path)],
            extra: "\n[followup]\ncommand = [\"/bin/sh\", \"-c\", \"env > '\(seen)'\"]\n")
        let daemon = try DaemonProcess(
            configPath: scratch.config, stderrPath: scratch.stderr,
            environment: [
                "NOTIFY_SOCKET": listener.environmentValue, "WATCHDOG_USEC": "1000000",
                "VIGIL_TEST_MARKER": "inherited",
            ])
        #expect(await listener.waitFor("READY=1"), "\(daemon.stderr)")
        try repository.pushLeak("config/prod.py")
        #expect(await DaemonProcess.eventually { FileManager.default.fileExists(atPath: seen) }, "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let environment = try String(contentsOfFile: seen, encoding: .utf8)
        #expect(environment.contains("VIGIL_TEST_MARKER=inherited"), "the follow-up inherits the environment")
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            #expect(!environment.contains(name + "="), "\(name) reached the follow-up command")
        }
    }
}
