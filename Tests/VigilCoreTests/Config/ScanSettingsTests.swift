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

    // MARK: - Workers and the cache budget

    @Test func workersAndCacheBudgetAreRead() throws {
        let config = try ConfigLoader.parse("[scan]\nworkers = 3\ncache_budget = \"64MiB\"\n", file: "test.toml")
        #expect(config.scan.workers == 3)
        #expect(config.scan.cacheBudget == 64 << 20)
        let bytes = try ConfigLoader.parse("[scan]\ncache_budget = 2097152\n", file: "test.toml")
        #expect(bytes.scan.cacheBudget == 2 << 20)
        for (text, expected) in [("1GiB", 1 << 30), ("512 KiB", 0), ("1048576B", 1 << 20), ("2TiB", 0)] {
            let parsed = try? ConfigLoader.parse("[scan]\ncache_budget = \"\(text)\"\n", file: "test.toml")
            #expect(parsed?.scan.cacheBudget == (expected == 0 ? nil : expected), "\(text)")
        }
    }

    @Test func theDefaultsAreOneWorkerPerCoreUpToFourAnd256MiB() {
        let settings = ScanSettings()
        #expect(settings.workers == min(4, Scanner.defaultWorkers))
        #expect(settings.workers >= 1)
        #expect(settings.cacheBudget == 256 << 20)
    }

    @Test(arguments: [
        ("workers = 0", "between 1 and"),
        ("workers = -3", "between 1 and"),
        ("workers = 100000", "between 1 and"),
        ("workers = \"4\"", "an integer"),
        ("workers = 2.5", "an integer"),
        ("workers = 9223372036854775807", "between 1 and"),
        ("cache_budget = 0", "between 1MiB and"),
        ("cache_budget = -1", "between 1MiB and"),
        ("cache_budget = \"\"", "a size"),
        ("cache_budget = \"256MB\"", "a size"),
        ("cache_budget = \"lots\"", "a size"),
        ("cache_budget = \"-5MiB\"", "a size"),
        ("cache_budget = \"99999999999999999999MiB\"", "a size"),
        ("cache_budget = \"9007199254740992TiB\"", "a size"),
        ("cache_budget = \"256MiB\\u001b[31m\"", "a size"),
        ("cache_budget = \"1KiB\"", "between 1MiB and"),
        ("cache_budget = \"65GiB\"", "between 1MiB and"),
        ("cache_budget = [1]", "a size"),
        ("cache_budget = true", "a size"),
        ("cache_budget = 1979-05-27", "a size"),
    ])
    func hostileWorkerAndCacheValuesAreProblemsWithKeyAndLine(line: String, message: String) {
        let problems = configProblems("[scan]\n\(line)\n")
        let key = line.hasPrefix("workers") ? "scan.workers" : "scan.cache_budget"
        #expect(problems.count == 1, "\(line): \(problems)")
        expectProblem(problems, key: key, line: 2, message: message)
    }
}

