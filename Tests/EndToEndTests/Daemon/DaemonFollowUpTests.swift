import Foundation
import Testing
import VigilTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// What the daemon does around its scans: fetching a mirror's remote, the follow-up command, a
/// full disk under the alert log, and a queue another process holds locked.
@Suite(.serialized) struct DaemonFollowUpTests {
    @Test func aMirrorWithFetchSeesWhatIsPushedToItsFileRemote() throws {
        let upstream = try PushedRepository()
        let scratch = try DaemonScratch()
        let mirror = scratch.folder.path + "/mirror.git"
        try FixtureRepository.run("/usr/bin/git", ["clone", "-q", "--mirror", "file://" + upstream.path, mirror])
        try scratch.writeConfig(repos: [repoEntry(mirror, extra: "fetch = true")])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")

        let leak = try upstream.pushLeak("fetched.py")
        #expect(
            DaemonProcess.waitUntil { !scratch.logged(commit: leak, check: "secrets.").isEmpty },
            "the daemon fetched the remote and scanned what came: \(daemon.stderr)")
        #expect(daemon.stop() == 0)
    }

    @Test func theFollowUpCommandGetsEachNewAlertOnceOnStdin() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        let received = scratch.folder.path + "/received"
        let script = try scratch.folder.write("notify.sh", "#!/bin/sh\ncat >> '\(received)'\necho >> '\(received)'\n")
        chmod(script, 0o755)
        try scratch.writeConfig(
            repos: [repoEntry(repository.path)], extra: "\n[followup]\ncommand = [\"\(script)\"]\n")
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")
        let leak = try repository.pushLeak("notify.py")
        #expect(
            DaemonProcess.waitUntil {
                ((try? String(contentsOfFile: received, encoding: .utf8)) ?? "").contains(leak)
            }, "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let lines = try String(contentsOfFile: received, encoding: .utf8).split(separator: "\n")
        let about = lines.filter { $0.contains(leak) }
        #expect(about.count == scratch.logged(commit: leak, check: "").count, "one run per alert")
        let id = try #require(scratch.logged(commit: leak, check: "secrets.").first?["id"] as? String)
        let shown = try VigilBinary.run(["queue", "show", id, "--format", "json", "--config", scratch.config])
        let record = try #require(try shown.jsonLines().first, "\(shown.stderr)")
        let followUp = try #require(record["followup"] as? [String: Any])
        #expect(followUp["state"] as? String == "delivered")
    }

    /// A full disk under the alert log: alerts wait in the queue and are written, once each, when
    /// space comes back. Needs a small tmpfs, so root (CI runs as root).
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aFullDiskUnderTheLogLosesNoAlert() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        let logFolder = scratch.folder.path + "/log"
        try FileManager.default.createDirectory(atPath: logFolder, withIntermediateDirectories: true)
        guard (try? FixtureRepository.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", logFolder])) != nil
        else {
            Issue.record("a tmpfs could not be mounted here")
            return
        }
        defer { _ = try? FixtureRepository.run("/bin/umount", ["-l", logFolder]) }
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")
        // Fill the disk, leaving no room for a line.
        let filler = logFolder + "/filler"
        _ = try? FixtureRepository.run("/bin/dd", ["if=/dev/zero", "of=" + filler, "bs=1k", "count=1024"])
        var leaks: [String] = []
        for index in 0..<3 { leaks.append(try repository.pushLeak("full-\(index).py")) }
        #expect(daemon.waitForStderr("alert log cannot be written"), "\(daemon.stderr)")
        let queued = DaemonProcess.waitUntil {
            let commits = Set(((try? scratch.queue()) ?? []).compactMap { $0["commit"] as? String })
            return leaks.allSatisfy(commits.contains)
        }
        #expect(queued, "the alerts are queued while the log cannot be written")
        try FileManager.default.removeItem(atPath: filler)
        #expect(
            DaemonProcess.waitUntil { leaks.allSatisfy { !scratch.logged(commit: $0, check: "secrets.").isEmpty } },
            "written once space came back: \(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let lines = AlertLogFile.lines(scratch.log)
        #expect(lines.allSatisfy { $0 != nil }, "no torn line")
        let ids = lines.compactMap { $0?["id"] as? String }
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids) == Set(try scratch.queue().compactMap { $0["id"] as? String }))
    }

    @Test func aQueueLockedByAnotherProcessIsWaitedFor() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")
        // Another process holds the queue's write lock for three seconds while a commit arrives.
        let queue = scratch.state + "/queue.sqlite"
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                + "c.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\ntime.sleep(3)\nc.execute('COMMIT')\n",
            queue,
        ]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        _ = output.fileHandleForReading.availableData  // "locked"
        let leak = try repository.pushLeak("locked.py")
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(
            DaemonProcess.waitUntil { !scratch.logged(commit: leak, check: "secrets.").isEmpty },
            "recorded once the lock was released: \(daemon.stderr)")
        #expect(daemon.stop() == 0)
        let check = try FixtureRepository.run("/usr/bin/env", ["python3", "-c",
            "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])",
            queue])
        #expect(check.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }
}
