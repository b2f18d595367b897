import Testing

@testable import VigilCore

/// `[scan]`: the per-commit budgets and limits, read with every problem named by key and line.
@Suite struct ScanSettingsTests {
    @Test func valuesAreRead() throws {
        let config = try ConfigLoader.parse(
            """
            [scan]
            commit_time_budget = "2m"
            commit_byte_budget = 1048576
            max_blob_bytes = 4096
            max_findings_per_check = 7
            """, file: "test.toml")
        #expect(
            config.scan
                == ScanSettings(
                    commitTimeBudget: .seconds(120), commitByteBudget: 1 << 20, maxBlobBytes: 4096,
                    maxFindingsPerCheck: 7))
        #expect(config.scan.diffOptions.maxBlobBytes == 4096)
        #expect(config.scan.diffOptions.byteBudget == 1 << 20)
    }

    @Test func everyProblemIsNamedWithKeyAndLine() {
        let problems = configProblems(
            """
            [scan]
            commit_time_budget = "soon"
            commit_byte_budget = 0
            max_blob_bytes = "8MiB"
            max_findings_per_check = 0
            budget = 1
            """)
        #expect(problems.count == 5, "\(problems)")
        expectProblem(problems, key: "scan.commit_time_budget", line: 2, message: "duration")
        expectProblem(problems, key: "scan.commit_byte_budget", line: 3, message: "between 1 and")
        expectProblem(problems, key: "scan.max_blob_bytes", line: 4, message: "an integer")
        expectProblem(problems, key: "scan.max_findings_per_check", line: 5, message: "between 1 and")
        expectProblem(problems, key: "scan.budget", line: 6, message: "unknown key")
    }

    @Test func aTimeBudgetOfZeroIsRefused() {
        let problems = configProblems("[scan]\ncommit_time_budget = \"0s\"\n")
        expectProblem(problems, key: "scan.commit_time_budget", line: 2, message: "at least 1ms")
    }
}
