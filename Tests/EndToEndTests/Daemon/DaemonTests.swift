import Foundation
import Testing
import VigilTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `vigil run` as an operator runs it: real repositories pushed into, a real queue and a real log.
@Suite(.serialized) struct DaemonTests {
    @Test func aPushedCommitIsAlertedOnceInTheQueueAndOnceInTheLog() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "the daemon starts: \(daemon.stderr)")

        let leak = try repository.pushLeak("config/prod.py")
        #expect(
            DaemonProcess.waitUntil { !scratch.logged(commit: leak, check: "secrets.").isEmpty },
            "the pushed secret reaches the log: \(daemon.stderr)")
        // More polls must not alert again.
        try repository.pushLeak("config/other.py", branch: "feature")
        let later = try repository.work.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(DaemonProcess.waitUntil { !scratch.logged(commit: later, check: "secrets.").isEmpty })
        #expect(daemon.stop() == 0, "SIGTERM ends the daemon with 0 within 10 s: \(daemon.stderr)")

        #expect(scratch.logged(commit: leak, check: "secrets.").count == 1)
        let queued = try scratch.queue().filter { $0["commit"] as? String == leak }
        #expect(queued.count == scratch.logged(commit: leak, check: "").count)
        let ids = scratch.logRecords.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count, "no alert is logged twice")
        let seqs = scratch.logRecords.compactMap { $0["seq"] as? Int }
        #expect(seqs == Array(1...max(1, seqs.count)), "the log holds every seq once, in order")
        #expect(!(try String(contentsOfFile: scratch.log, encoding: .utf8)).contains(PushedRepository.awsKey))
        let record = try #require(scratch.logged(commit: leak, check: "secrets.").first)
        #expect(record["source"] as? String == "daemon")
        #expect(record["ref"] as? String == "refs/heads/main")
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.log)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o027 } == 0, "the log is not readable by others")
    }

    @Test func aForcePushRaisesHistoryRewriteAndADeletedProtectedBranchRefDeleted() throws {
        let repository = try PushedRepository()
        try repository.work.commit("Second", files: ["b.txt": "b\n"])
        try repository.work.commit("Third", files: ["c.txt": "c\n"])
        try repository.push()
        try repository.push("HEAD:refs/heads/release")
        let scratch = try DaemonScratch()
        try scratch.writeConfig(
            repos: [
                """
                path = "\(repository.path)"
                scope = "all"
                protected_refs = ["refs/heads/main", "refs/heads/release"]
                """
            ])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")

        try repository.work.git("reset", "-q", "--hard", "HEAD~2")
        let rewritten = try repository.work.commit("Rewritten", files: ["d.txt": "d\n"])
        try repository.push(force: true)
        #expect(
            DaemonProcess.waitUntil { !scratch.logged(commit: rewritten, check: "history-rewrite").isEmpty },
            "\(daemon.stderr)")
        let rewrite = try #require(scratch.logged(commit: rewritten, check: "history-rewrite").first)
        #expect((rewrite["title"] as? String)?.contains("2") == true, "says how many commits left the branch")
        #expect(rewrite["ref"] as? String == "refs/heads/main")

        try repository.work.git("push", "-q", "origin", ":refs/heads/release")
        #expect(
            DaemonProcess.waitUntil { scratch.logRecords.contains { $0["check"] as? String == "ref-deleted" } },
            "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
    }

    @Test func aNewRepositoryUnderAGlobIsWatched() throws {
        let first = try PushedRepository(name: "one.git")
        let scratch = try DaemonScratch()
        let parent = first.bare.root
        try scratch.writeConfig(repos: [repoEntry(parent + "/*.git")])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")

        // A second repository appears under the glob after the daemon started.
        try FixtureRepository.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", parent + "/two.git"])
        let work = try FixtureRepository()
        try work.commit("Initial", files: ["a": "a\n"])
        try work.git("push", "-q", parent + "/two.git", "HEAD:refs/heads/main")
        #expect(daemon.waitForStderr("two.git"), "the new repository is picked up: \(daemon.stderr)")
        let leak = try work.commit("Leak", files: ["k.py": "aws_access_key_id = \"\(PushedRepository.awsKey)\"\n"])
        try work.git("push", "-q", parent + "/two.git", "HEAD:refs/heads/main")
        #expect(
            DaemonProcess.waitUntil { !scratch.logged(commit: leak, check: "secrets.").isEmpty }, "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
    }

    @Test func aBrokenConfigOnReloadKeepsTheOldOneRunning() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")

        _ = try scratch.folder.write("vigil.toml", "[daemon]\npoll_interval = \"never\"\n[[repos]]\nscope = 3\n")
        daemon.send(SIGHUP)
        #expect(daemon.waitForStderr("poll_interval"), "every problem is logged: \(daemon.stderr)")
        #expect(daemon.isRunning)
        let leak = try repository.pushLeak("after-reload.py")
        #expect(
            DaemonProcess.waitUntil { !scratch.logged(commit: leak, check: "secrets.").isEmpty },
            "the old config keeps watching: \(daemon.stderr)")
        #expect(daemon.stop() == 0)
    }

    @Test func oneRepositoryNamedThreeWaysIsOneRepository() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        let link = scratch.folder.path + "/link.git"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: repository.path)
        try scratch.writeConfig(repos: [
            repoEntry(repository.path), repoEntry(repository.path + "/"), repoEntry(link),
        ])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")
        let leak = try repository.pushLeak("x.py")
        #expect(DaemonProcess.waitUntil { !scratch.logged(commit: leak, check: "secrets.").isEmpty })
        #expect(daemon.stop() == 0)
        #expect(scratch.logged(commit: leak, check: "secrets.").count == 1)
    }

    @Test func aCorruptRepositoryGivesScanFailedWhileTheOthersAreScanned() throws {
        let archive = CorruptPackArchive.path
        let scratch = try DaemonScratch()
        let unpacked = scratch.folder.path + "/corrupt"
        try FileManager.default.createDirectory(atPath: unpacked, withIntermediateDirectories: true)
        try FixtureRepository.run("/bin/tar", ["xzf", archive, "-C", unpacked])
        let corrupt = try #require(
            try FileManager.default.contentsOfDirectory(atPath: unpacked).sorted().first.map { unpacked + "/" + $0 })
        let healthy = try PushedRepository()
        try scratch.writeConfig(repos: [
            repoEntry(corrupt, initial: "full"), repoEntry(healthy.path),
        ])
        let daemon = try scratch.start()
        #expect(
            DaemonProcess.waitUntil(seconds: 120) {
                scratch.logRecords.contains { $0["check"] as? String == "scan-failed" }
            }, "\(daemon.stderr)")
        let leak = try healthy.pushLeak("y.py")
        #expect(
            DaemonProcess.waitUntil { !scratch.logged(commit: leak, check: "secrets.").isEmpty },
            "the healthy repository keeps being scanned: \(daemon.stderr)")
        #expect(daemon.isRunning)
        #expect(daemon.stop() == 0)
    }

    @Test func aRescanBesideTheDaemonRecordsIntoTheSameQueueAndLogWithoutDuplicates() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")
        let leak = try repository.pushLeak("one.py")
        #expect(DaemonProcess.waitUntil { !scratch.logged(commit: leak, check: "secrets.").isEmpty })

        // Rescans of the whole history while the daemon runs and scans a second push.
        let second = try repository.pushLeak("two.py")
        for _ in 0..<3 {
            let rescan = try VigilBinary.run(["rescan", "--config", scratch.config, "--scope", "all", "--format", "json"])
            #expect(rescan.status == 1, "\(rescan.stderr)")
        }
        #expect(DaemonProcess.waitUntil { !scratch.logged(commit: second, check: "secrets.").isEmpty })
        #expect(daemon.stop() == 0)

        let lines = AlertLogFile.lines(scratch.log)
        #expect(lines.allSatisfy { $0 != nil }, "no torn or interleaved line")
        let ids = lines.compactMap { $0?["id"] as? String }
        #expect(Set(ids).count == ids.count, "no alert logged twice")
        #expect(Set(ids) == Set(try scratch.queue().compactMap { $0["id"] as? String }))
        #expect(scratch.logged(commit: leak, check: "secrets.").count == 1)
        #expect(scratch.logged(commit: second, check: "secrets.").count == 1)
    }

    @Test func aDryRunRescanWritesNeitherQueueNorLog() throws {
        let repository = try PushedRepository()
        try repository.pushLeak("one.py")
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        let result = try VigilBinary.run(["rescan", "--config", scratch.config, "--scope", "all", "--dry-run"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.state))
        #expect(!FileManager.default.fileExists(atPath: scratch.log))
        let recorded = try VigilBinary.run(["rescan", "--config", scratch.config, "--scope", "all"])
        #expect(recorded.status == 1, "\(recorded.stderr)")
        #expect(scratch.logRecords.contains { $0["source"] as? String == "rescan" })
    }

    @Test func aSecondDaemonOnTheSameStateDirectoryIsRefused() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")
        let second = try VigilBinary.run(["run", "--config", scratch.config])
        #expect(second.status == 2)
        #expect(second.stderr.contains("one daemon per state_dir"), "\(second.stderr)")
        #expect(daemon.isRunning)
        #expect(daemon.stop() == 0)
    }

    @Test func initialLastChecksOnlyTheNewestCommitsOnFirstSight() throws {
        let repository = try PushedRepository()
        var leaks: [String] = []
        for index in 0..<4 {
            leaks.append(try repository.work.commit("Leak \(index)", files: ["k\(index).py": "aws_access_key_id = \"\(PushedRepository.awsKey)\"\n"]))
        }
        try repository.push()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path, initial: "last:2")])
        let daemon = try scratch.start()
        #expect(
            DaemonProcess.waitUntil { leaks.suffix(2).allSatisfy { !scratch.logged(commit: $0, check: "secrets.").isEmpty } },
            "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
        for old in leaks.prefix(2) {
            #expect(scratch.logged(commit: old, check: "").isEmpty, "older than the newest two: not checked")
        }
    }
}
