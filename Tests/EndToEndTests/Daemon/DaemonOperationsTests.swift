import Foundation
import Testing
import VigilTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `vigil run` as systemd and logrotate drive it: log lines for the journal, the log level from
/// the config and the command line, and the alert log moved away and reopened on SIGHUP.
@Suite(.serialized) struct DaemonOperationsTests {
    /// `JOURNAL_STREAM` naming the daemon's stderr file, as systemd names its stream socket.
    static func journalStream(of path: String) throws -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw FixtureError(message: "stat \(path)") }
        return "\(status.st_dev):\(status.st_ino)"
    }

    @Test func linesCarryAPriorityAndNoTimeWhenStderrIsTheJournal() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        _ = FileManager.default.createFile(atPath: scratch.stderr, contents: nil)
        let daemon = try DaemonProcess(
            configPath: scratch.config, stderrPath: scratch.stderr,
            environment: ["JOURNAL_STREAM": try Self.journalStream(of: scratch.stderr)])
        #expect(await daemon.eventuallyStderr("<5>ready repositories=1"), "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let lines = daemon.stderr.split(separator: "\n")
        #expect(lines.allSatisfy { $0.range(of: #"^<[0-7]>[a-z]"#, options: .regularExpression) != nil }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("<5>starting ") })
    }

    @Test func aJournalStreamThatIsNotStderrLeavesTimestampedLines() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        // Inherited from a service that redirected stderr elsewhere: another file's identity.
        let other = try scratch.folder.write("elsewhere", "")
        let daemon = try DaemonProcess(
            configPath: scratch.config, stderrPath: scratch.stderr,
            environment: ["JOURNAL_STREAM": try Self.journalStream(of: other)])
        #expect(await daemon.eventuallyStderr(" notice ready repositories=1"), "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
        #expect(!daemon.stderr.contains("<5>"))
    }

    @Test func theConfigSetsTheLevelTheCommandLineOverridesItAndReloadChangesIt() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)], extra: "", pollInterval: "200ms")
        let quiet = try String(contentsOfFile: scratch.config, encoding: .utf8)
            .replacingOccurrences(of: "[daemon]\n", with: "[daemon]\nlog_level = \"warning\"\n")
        try quiet.write(toFile: scratch.config, atomically: true, encoding: .utf8)

        let listener = try NotifyListener(path: scratch.folder.path + "/notify")
        let daemon = try DaemonProcess(
            configPath: scratch.config, stderrPath: scratch.stderr,
            environment: ["NOTIFY_SOCKET": listener.environmentValue])
        #expect(await listener.waitFor("READY=1"), "\(daemon.stderr)")
        #expect(!daemon.stderr.contains("ready"), "notice lines are below warning: \(daemon.stderr)")
        let loud = quiet.replacingOccurrences(of: "log_level = \"warning\"", with: "log_level = \"info\"")
        try loud.write(toFile: scratch.config, atomically: true, encoding: .utf8)
        daemon.send(SIGHUP)
        #expect(await daemon.eventuallyStderr("config reloaded"), "the reloaded level applies: \(daemon.stderr)")
        #expect(daemon.stop() == 0)

        // The config now says info; the command line says error.
        let secondListener = try NotifyListener(path: scratch.folder.path + "/notify2")
        let secondStderr = scratch.folder.path + "/second.stderr"
        let overridden = try DaemonProcess(
            configPath: scratch.config, stderrPath: secondStderr,
            environment: ["NOTIFY_SOCKET": secondListener.environmentValue], extraArguments: ["--log-level", "error"])
        #expect(await secondListener.waitFor("READY=1"), "\(overridden.stderr)")
        #expect(overridden.stop() == 0)
        #expect(overridden.stderr.isEmpty, "\(overridden.stderr)")
    }

    @Test func aBadLogLevelInTheConfigIsNamedWithItsKey() async throws {
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [])
        let text = try String(contentsOfFile: scratch.config, encoding: .utf8)
            .replacingOccurrences(of: "[daemon]\n", with: "[daemon]\nlog_level = \"loud\\u001b[31m\"\n")
        try text.write(toFile: scratch.config, atomically: true, encoding: .utf8)
        let result = try VigilBinary.run(["config", "check", scratch.config])
        #expect(result.status == 2)
        #expect(result.stderr.contains("daemon.log_level"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1b}"))
    }

    @Test func aLogMovedAwayIsReplacedAtOnceOnSIGHUPAndNewAlertsGoToTheNewFile() async throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        let daemon = try scratch.start()
        #expect(await daemon.eventuallyStderr("ready"), "\(daemon.stderr)")
        let first = try repository.pushLeak("config/prod.py")
        #expect(await DaemonProcess.eventually { !scratch.logged(commit: first, check: "secrets.").isEmpty }, "\(daemon.stderr)")

        // logrotate without copytruncate: the log is moved away, nothing is created in its place.
        let rotated = scratch.log + ".1"
        #expect(rename(scratch.log, rotated) == 0)
        daemon.send(SIGHUP)
        #expect(
            await DaemonProcess.eventually(seconds: 10) { FileManager.default.fileExists(atPath: scratch.log) },
            "SIGHUP starts the new log without waiting for an alert: \(daemon.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.log)[.posixPermissions] as? Int
        #expect(mode == 0o640)

        let second = try repository.pushLeak("config/other.py")
        #expect(await DaemonProcess.eventually { !scratch.logged(commit: second, check: "secrets.").isEmpty }, "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let old = AlertLogFile.records(rotated)
        #expect(old.contains { $0["commit"] as? String == first })
        #expect(!old.contains { $0["commit"] as? String == second }, "nothing more is written to the moved file")
        #expect(!scratch.logRecords.contains { $0["commit"] as? String == first }, "nor repeated in the new one")
    }
}
