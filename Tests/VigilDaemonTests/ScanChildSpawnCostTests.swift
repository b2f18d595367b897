import Foundation
import Testing
import VigilCore
import VigilDaemon
import VigilTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// What one scan child costs the daemon before it scans anything: 100 children that only answer
/// an empty request, wall time and the children's CPU (`getrusage(RUSAGE_CHILDREN)`). A
/// measurement, run by hand: `VIGIL_SPAWN_COST=1 swift test --filter ScanChildSpawnCostTests`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["VIGIL_SPAWN_COST"] == "1"))
struct ScanChildSpawnCostTests {
    static let spawns = 100

    /// CPU seconds (user + system) so far of the children, or of this process.
    static func cpu(_ who: __rusage_who = RUSAGE_CHILDREN) -> Double {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    func measure(_ name: String, runner: ScanChildRunner, succeeds: (ScanBatchResult) -> Bool) async {
        let request = ScanBatchRequest(repository: "/srv/git/empty.git", tips: [], seen: [], limit: 1000, workers: 1)
        let cpuBefore = Self.cpu()
        let ownBefore = Self.cpu(RUSAGE_SELF)
        let start = Timestamp.monotonicSeconds()
        var failures = 0
        for _ in 0..<Self.spawns where !succeeds(await runner.run(request)) { failures += 1 }
        let wall = Timestamp.monotonicSeconds() - start
        let cpu = Self.cpu() - cpuBefore
        let own = Self.cpu(RUSAGE_SELF) - ownBefore
        func perChild(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000 / Double(Self.spawns)) }
        print(
            "spawn cost, \(name): \(Self.spawns) children; per child: wall \(perChild(wall)), "
                + "children's CPU \(perChild(cpu)), the runner's own CPU \(perChild(own))")
        #expect(failures == 0)
    }

    @Test func aShellChildThatAnswersAnEmptyRequest() async throws {
        let lines = [
            ScanBatchRecord.plan(commits: [], complete: true).line(),
            ScanBatchRecord.done(seen: [], commits: 0, alerts: 0, errors: 0).line(),
        ].map { "'" + $0 + "'" }.joined(separator: " ")
        let child = try ScriptedChild("printf '%s\\n' \(lines)")
        await measure("/bin/sh answering the protocol", runner: child.runner(memoryLimit: 2 << 30)) {
            $0.failure == nil && $0.done != nil
        }
    }

    /// The `vigil` binary itself: runtime, libgit2 and argument parsing, the floor of every child.
    @Test func theVigilBinaryStartingAndExiting() async throws {
        let runner = ScanChildRunner(
            settings: ScanChildSettings(executable: VigilBinary.path, configFile: nil, memoryLimit: 2 << 30))
        await measure("\(VigilBinary.path) scan-batch", runner: runner) { $0.failure != nil || $0.done != nil }
    }
}
