import Testing
import VigilGit

@testable import VigilCore

/// Above a check's `max_findings_per_commit`, one commit's findings of it are one summary finding.
@Suite struct SummaryThresholdTests {
    private static func binaries(_ count: Int) -> [FileChange] {
        (0..<count).map { Fixture.added(String(format: "fuzz/corpus/%05d.bin", $0), [], binary: true) }
    }

    @Test func elevenThousandNewBinariesAreOneSummaryWithTheCountAndFirstFiles() throws {
        let findings = try NoiseFixture.findings(Self.binaries(11_000))
        let large = findings.filter { $0.check == "large-file" }
        #expect(large.count == 1)
        let summary = try #require(large.first)
        #expect(summary.path == nil && summary.line == nil)
        #expect(summary.title.contains("11000"), "\(summary.title)")
        #expect(summary.evidence.contains("fuzz/corpus/00000.bin"), "\(summary.evidence)")
        #expect(summary.evidence.contains("max_findings_per_commit"))
    }

    @Test func theSummaryKeepsItsIdentityWhateverTheCount() throws {
        let eleven = try #require(try NoiseFixture.findings(Self.binaries(11)).first { $0.check == "large-file" })
        let many = try #require(try NoiseFixture.findings(Self.binaries(300)).first { $0.check == "large-file" })
        #expect(eleven.matchHash == many.matchHash && eleven.path == many.path && eleven.line == many.line)
    }

    @Test func atTheThresholdEachFileIsStillReported() throws {
        let findings = try NoiseFixture.findings(Self.binaries(10)).filter { $0.check == "large-file" }
        #expect(findings.count == 10)
        #expect(findings.allSatisfy { $0.path != nil })
    }

    @Test func theThresholdIsConfigurableAndZeroTurnsItOff() throws {
        let three = try NoiseFixture.findings(
            Self.binaries(4), config: "[checks.large-file]\nmax_findings_per_commit = 3\n")
        #expect(three.filter { $0.check == "large-file" }.count == 1)
        let off = try NoiseFixture.findings(
            Self.binaries(40), config: "[checks.large-file]\nmax_findings_per_commit = 0\n")
        #expect(off.filter { $0.check == "large-file" && $0.path != nil }.count == 40)
    }

    @Test func checksWithoutAThresholdListEachFinding() throws {
        // protected-path has no default threshold: 30 migrations are 30 findings.
        let files = (0..<30).map { Fixture.added("db/migrate/\($0)_step.rb", ["class Step; end"]) }
        let findings = try NoiseFixture.findings(files, verdict: .human)
        #expect(findings.filter { $0.check == "protected-path" }.count == 30)
    }

    @Test func dependencyChangeDefaultsToTen() {
        #expect(DependencyChangeCheck.defaultMaxFindingsPerCommit == 10)
        #expect(LargeFileCheck.defaultMaxFindingsPerCommit == 10)
        #expect(ProtectedPathCheck.defaultMaxFindingsPerCommit == nil)
    }

    @Test func hostileValuesAreConfigProblems() throws {
        for value in ["-1", "\"ten\"", "1.5", "true"] {
            let text = "[checks.large-file]\nmax_findings_per_commit = \(value)\n"
            #expect(throws: ConfigProblems.self, "\(value)") { try NoiseFixture.findings([], config: text) }
        }
        #expect(throws: ConfigProblems.self, "ref checks have nothing to sum up") {
            try NoiseFixture.findings([], config: "[checks.history-rewrite]\nmax_findings_per_commit = 5\n")
        }
    }

    @Test func elevenDeletedTestFilesAreOneTestWeakeningSummary() throws {
        let deleted = (0..<11).map { Fixture.deleted("tests/test_\($0).py") }
        let findings = try NoiseFixture.findings(deleted).filter { $0.check == "test-weakening" }
        #expect(findings.count == 1)
        #expect(findings.first?.path == nil)
        // Near miss: ten are each reported.
        let ten = try NoiseFixture.findings(Array(deleted.prefix(10))).filter { $0.check == "test-weakening" }
        #expect(ten.count == 10 && ten.allSatisfy { $0.path != nil })
    }
}
