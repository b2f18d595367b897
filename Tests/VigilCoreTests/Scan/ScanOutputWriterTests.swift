import Dispatch
import Foundation
import Synchronization
import Testing
import VigilGit
import VigilTestSupport

@testable import VigilCore

/// Output is written by one writer thread, outside the workers' lock: an output that does not
/// return does not stop the workers from scanning every commit.
@Suite struct ScanOutputWriterTests {
    /// An output whose first write waits until the session reports every commit scanned (or, if
    /// the workers never get there, gives up after a minute so the test fails instead of hanging).
    final class BlockedOutput: ScanOutput, @unchecked Sendable {
        // @unchecked: the session calls an output one call at a time; `commits` is read after `run`.
        let scanned = DispatchSemaphore(value: 0)
        let unblockedByScan = Mutex<Bool?>(nil)
        var commits: [ObjectID] = []

        func begin() {
            let signalled = scanned.wait(timeout: .now() + .seconds(60)) == .success
            unblockedByScan.withLock { $0 = signalled }
        }
        func commit(_ report: CommitReport, repository: String) { commits.append(report.id) }
        func alert(_ alert: Alert) {}
        func error(_ error: ScanError) {}
        func finish(_ summary: ScanSummary) {}
    }

    @Test func aBlockedOutputDoesNotStopTheWorkers() throws {
        let fixture = try FixtureRepository()
        var expected: [String] = []
        for index in 0..<100 {
            expected.append(try fixture.commit("change \(index)", files: ["f\(index % 7).txt": "line \(index)\n"]))
        }
        let factory = try AnalyzerFactory(config: VigilConfig())
        let output = BlockedOutput()
        var session = ScanSession(selection: .all, workers: 3)
        session.repositoryScanned = { _, count in
            #expect(count == 100)
            output.scanned.signal()
        }
        let summary = try session.run(
            targets: [
                ScanTarget(
                    path: fixture.path,
                    analyzer: factory.analyzer(forRepository: fixture.path, scope: .all, runChecks: true),
                    redactor: factory.redactor(forRepository: fixture.path))
            ], output: output)
        #expect(output.unblockedByScan.withLock { $0 } == true, "the workers finished while the output was blocked")
        #expect(summary.commits == 100)
        #expect(output.commits.map(\.hex) == expected, "everything is still written, in order")
    }

    @Test func theBufferHoldsAtMostItsCapacityAndKeepsOrder() {
        let writer = OrderedOutputWriter(capacity: 4)
        let gate = DispatchSemaphore(value: 0)
        let written = Mutex<[Int]>([])
        let handedOver = Mutex(0)
        writer.write { gate.wait() }
        let producer = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for index in 0..<20 {
                writer.write { written.withLock { $0.append(index) } }
                handedOver.withLock { $0 += 1 }
            }
            producer.signal()
        }
        // Give the producer a moment to run ahead; however long, it stops once the buffer is full
        // behind the blocked write, so the count holds whatever the timing.
        _ = producer.wait(timeout: .now() + .milliseconds(200))
        #expect(handedOver.withLock { $0 } <= 4)
        gate.signal()
        producer.wait()
        writer.close()
        #expect(written.withLock { $0 } == Array(0..<20))
    }

    final class AlertRecorder: ScanOutput, @unchecked Sendable {
        // @unchecked: the session calls an output one call at a time; read after `run`.
        var alerts: [Alert] = []
        func commit(_ report: CommitReport, repository: String) {}
        func alert(_ alert: Alert) { alerts.append(alert) }
        func error(_ error: ScanError) {}
        func finish(_ summary: ScanSummary) {}
    }

    @Test func theAlertSinkReceivesEveryAlertTheOutputGets() throws {
        let fixture = try FixtureRepository()
        for index in 0..<12 {
            try fixture.commit("migration \(index)", files: ["migrations/\(index).sql": "ALTER TABLE t;\n"])
        }
        let factory = try AnalyzerFactory(config: VigilConfig())
        let output = AlertRecorder()
        let sunk = Mutex<[Alert]>([])
        var session = ScanSession(selection: .all, workers: 2)
        session.alertSink = { alert in sunk.withLock { $0.append(alert) } }
        let summary = try session.run(
            targets: [
                ScanTarget(
                    path: fixture.path,
                    analyzer: factory.analyzer(forRepository: fixture.path, scope: .all, runChecks: true),
                    redactor: factory.redactor(forRepository: fixture.path))
            ], output: output)
        #expect(summary.alerts >= 12)
        #expect(output.alerts.count == summary.alerts)
        #expect(sunk.withLock { $0 } == output.alerts, "the same alerts, in the same order")
    }
}

