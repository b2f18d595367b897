import Synchronization
import Testing
import VigilGit
import VigilTestSupport

@testable import VigilCore

/// The scanner's parallel workers still report every commit once, in the order given.
@Suite struct ScannerTests {
    @Test(arguments: [1, 2, 4, 8])
    func reportsComeInWalkOrderWhateverTheWorkerCount(workers: Int) throws {
        let fixture = try FixtureRepository()
        for index in 0..<40 {
            try fixture.commit("change \(index)", files: ["file\(index % 5).txt": "line \(index)\n"])
        }
        let repository = try Repository(path: fixture.path)
        let walk = try repository.walk(from: [try repository.resolveCommit("main")], order: .oldestFirst)
        let seen = Mutex<[ObjectID]>([])
        let checked = Mutex(0)
        let analyzer = CommitAnalyzer(
            attribute: { _, _ in .human }, wantsChecks: { _ in true },
            check: { context in
                checked.withLock { $0 += 1 }
                return context.diff.files.isEmpty ? [] : [Finding(check: "t", severity: .low, title: "t", evidence: "")]
            },
            notesRef: nil)
        Scanner(analyzer: analyzer, workers: workers).scan(path: fixture.path, commits: walk.commits) { report in
            #expect(report.errors.isEmpty)
            #expect(report.findings.count == 1)
            seen.withLock { $0.append(report.id) }
        }
        #expect(seen.withLock { $0 } == walk.commits)
        #expect(checked.withLock { $0 } == 40)
    }

    @Test func anUnopenableRepositoryIsAnErrorPerCommitNotACrash() {
        let bogus = ObjectID(hex: String(repeating: "1", count: 40))!
        let analyzer = CommitAnalyzer(attribute: { _, _ in .human }, wantsChecks: { _ in true }, check: { _ in [] }, notesRef: nil)
        let reports = Mutex<[CommitReport]>([])
        Scanner(analyzer: analyzer, workers: 2).scan(path: "/nonexistent/repo", commits: [bogus, bogus]) { report in
            reports.withLock { $0.append(report) }
        }
        #expect(reports.withLock { $0.count } == 2)
        #expect(reports.withLock { $0.allSatisfy { $0.commit == nil && !$0.errors.isEmpty } })
    }

    @Test func rangesParseLikeGit() {
        #expect(RevisionSelection.parse("v1..v2") == .range(from: "v1", to: "v2"))
        #expect(RevisionSelection.parse("..v2") == .range(from: "HEAD", to: "v2"))
        #expect(RevisionSelection.parse("main") == .reachable("main"))
    }
}
