import Foundation
import Testing
import VigilTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The daemon killed with SIGKILL at random moments while commits with findings keep arriving:
/// after the last restart every expected alert is in the queue once and in the log once, and no
/// commit went unscanned. The kills land anywhere: mid-scan, mid-transaction, mid-log-line.
@Suite(.serialized) struct DaemonCrashTests {
    static let kills = 50

    @Test func killedFiftyTimesItLosesAndRepeatsNothing() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path)], pollInterval: "100ms")
        var generator = FuzzBudget.generator(for: "DaemonCrashTests")
        var expected: [String] = []

        // The first start records the baseline; only commits pushed after it are expected.
        let first = try scratch.start()
        #expect(first.waitForStderr("ready"), "\(first.stderr)")
        first.send(SIGKILL)
        first.waitForExit(seconds: 10)

        for round in 0..<Self.kills {
            let daemon = try scratch.start()
            for file in 0..<Int.random(in: 0...2, using: &generator) {
                expected.append(try repository.pushLeak("keys/r\(round)-\(file).py"))
            }
            usleep(UInt32.random(in: 0...400_000, using: &generator))
            daemon.send(SIGKILL)
            daemon.waitForExit(seconds: 10)
        }
        let last = try scratch.start()
        let allLogged = DaemonProcess.waitUntil(seconds: 180) {
            expected.allSatisfy { !scratch.logged(commit: $0, check: "secrets.").isEmpty }
        }
        #expect(last.stop() == 0, "\(last.stderr.suffix(2000))")

        let lines = AlertLogFile.lines(scratch.log)
        let records = lines.compactMap { $0 }
        let queue = try scratch.queue()
        let logIDs = records.compactMap { $0["id"] as? String }
        let queueIDs = queue.compactMap { $0["id"] as? String }
        let missing = expected.filter { scratch.logged(commit: $0, check: "secrets.").isEmpty }
        print(
            "vigil crash test: \(Self.kills) kills, \(expected.count) commits pushed, "
                + "\(queueIDs.count) alerts queued, \(logIDs.count) log lines, \(missing.count) commits missing")
        #expect(allLogged, "every pushed commit was scanned; missing: \(missing)")
        #expect(lines.count == records.count, "no torn line in the log")
        #expect(Set(logIDs).count == logIDs.count, "no alert logged twice")
        #expect(Set(queueIDs).count == queueIDs.count, "no alert queued twice")
        #expect(Set(logIDs) == Set(queueIDs), "the log holds exactly the queue")
        let seqs = records.compactMap { $0["seq"] as? Int }
        #expect(seqs == Array(1...max(1, seqs.count)), "seq 1...n in order, none skipped")
        for commit in expected {
            #expect(queue.filter { $0["commit"] as? String == commit && $0["check"] as? String != "scan-failed" }.count
                == scratch.logged(commit: commit, check: "").count)
        }
    }
}
