import Synchronization
import Testing
import VigilGit
import VigilTestSupport

@testable import VigilCore

/// A commit's time and byte budgets: when one is spent, the rest of that commit is skipped with a
/// `scan-limit` finding naming the budget and what was not read, and the next commit is scanned.
/// Time is made deterministic: a budget of zero is spent before the first file, and a test clock
/// decides when a deadline passes.
@Suite struct CommitBudgetTests {
    static let key = "aws_access_key_id = \"AKIAQYLPMN5HHHFPZAM2\"\n"

    /// Scans every commit of `fixture` with `analyzer` and returns the reports in order.
    static func scan(_ fixture: FixtureRepository, _ analyzer: CommitAnalyzer) throws -> [CommitReport] {
        let repository = try Repository(path: fixture.path)
        let walk = try repository.walk(from: [try repository.resolveCommit("main")], order: .oldestFirst)
        let reports = Mutex<[CommitReport]>([])
        Scanner(analyzer: analyzer, workers: 1).scan(path: fixture.path, commits: walk.commits) { report in
            reports.withLock { $0.append(report) }
        }
        return reports.withLock { $0 }
    }

    static func analyzer(_ config: String = "") throws -> CommitAnalyzer {
        let factory = try AnalyzerFactory(config: try ConfigLoader.parse(config, file: "vigil.toml"))
        return factory.analyzer(forRepository: "/nowhere", scope: .all, runChecks: true)
    }

    @Test func aSpentTimeBudgetSkipsTheCommitWithAFindingAndTheScanMovesOn() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.py": Self.key])
        try fixture.commit("two", files: ["b.py": Self.key])
        var analyzer = try Self.analyzer()
        analyzer.commitTimeBudget = .zero

        let reports = try Self.scan(fixture, analyzer)
        #expect(reports.count == 2)
        for (report, path) in zip(reports, ["a.py", "b.py"]) {
            #expect(!report.findings.contains { $0.check.hasPrefix("secrets.") })
            let limit = try #require(report.findings.first { $0.check == "scan-limit" })
            #expect(limit.title.contains("time budget of 0s"), "\(limit.title)")
            #expect(limit.evidence.contains("\(path) ("), "names the file not read: \(limit.evidence)")
            #expect(limit.evidence.contains("checks not run: secrets"), "\(limit.evidence)")
        }
    }

    @Test func aSpentByteBudgetLeavesTheRestUnreadAndTheNextCommitIsReadInFull() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": String(repeating: "filler\n", count: 100), "b.py": Self.key])
        try fixture.commit("two", files: ["c.py": Self.key])

        let reports = try Self.scan(fixture, try Self.analyzer("[scan]\ncommit_byte_budget = 500\n"))
        let first = try #require(reports.first)
        let limit = try #require(first.findings.first { $0.check == "scan-limit" })
        #expect(limit.title.contains("byte budget of 500 bytes"), "\(limit.title)")
        #expect(limit.evidence.contains("0 blob bytes read"), "\(limit.evidence)")
        #expect(limit.evidence.contains("2 files not read: a.txt (700 bytes), b.py"), "\(limit.evidence)")
        #expect(!first.findings.contains { $0.check.hasPrefix("secrets.") })
        let second = try #require(reports.last)
        #expect(second.findings.contains { $0.check == "secrets.aws-access-key-id" })
        #expect(!second.findings.contains { $0.check == "scan-limit" })
    }

    @Test func aDeadlineThatPassesMidCheckStopsTheLineScanAndNamesWhere() throws {
        let lines = (1...20_000).map { DiffLine(number: $0, text: "chmod 777 /srv/app/\($0)") }
        let file = FileChange(status: .added, oldPath: "setup.sh", newPath: "setup.sh", addedLines: lines)
        let clock = TestClock(passesAfterReads: 3)
        let deadline = Deadline(budget: .seconds(1), now: clock.now)
        let context = CheckContext(
            repository: "/srv/git/app.git", commit: try Fixture.commit(), diff: CommitDiff(files: [file]),
            verdict: Fixture.aiVerdict, deadline: deadline)
        let check = try Fixture.check(RiskyPatternCheck.self)
        var collector = FindingCollector(limit: nil, diff: nil)
        check.run(context, into: &collector)

        // Reads: the deadline's start, the gate's first look (not passed), its next look (passed),
        // which comes once the lines after the first have cost more than one interval.
        let stop = try #require(collector.stops.first)
        #expect(stop.hasPrefix("risky-pattern at setup.sh:"), "\(stop)")
        let stoppedBefore = try #require(Int(stop.dropFirst("risky-pattern at setup.sh:".count)))
        // Line texts here are 20 to 24 bytes long.
        let earliest = DeadlineGate.interval / (DeadlineGate.lineCost + 24) + 2
        let latest = DeadlineGate.interval / (DeadlineGate.lineCost + 20) + 2
        #expect(stoppedBefore >= earliest && stoppedBefore <= latest, "\(stoppedBefore)")
        #expect(collector.listed.allSatisfy { ($0.line ?? 0) < stoppedBefore })
        #expect(collector.listed.count < lines.count)
    }

    @Test func theRunnerStartsNoCheckOnceTheDeadlineHasPassed() throws {
        let file = FileChange(
            status: .added, oldPath: "k.py", newPath: "k.py",
            addedLines: [DiffLine(number: 1, text: String(Self.key.dropLast()))])
        let context = CheckContext(
            repository: "/srv/git/app.git", commit: try Fixture.commit(), diff: CommitDiff(files: [file]),
            verdict: Fixture.aiVerdict, deadline: Deadline(budget: .zero))
        let findings = try CheckRunner(config: VigilConfig(), repository: nil).run(context)
        #expect(findings.map(\.check) == ["scan-limit"])
        #expect(findings.first?.evidence.contains("checks not run: secrets, mass-deletion") == true)
    }
}

/// A clock that stands still for its first reads, then jumps an hour: a deadline on it passes at
/// a known read, whatever the machine's speed.
final class TestClock: Sendable {
    private let reads = Mutex(0)
    private let start = ContinuousClock.now
    private let passesAfterReads: Int

    init(passesAfterReads: Int) {
        self.passesAfterReads = passesAfterReads
    }

    var now: @Sendable () -> ContinuousClock.Instant {
        { [self] in
            let count = reads.withLock { value in
                value += 1
                return value
            }
            return count < passesAfterReads ? start : start.advanced(by: .seconds(3600))
        }
    }
}
