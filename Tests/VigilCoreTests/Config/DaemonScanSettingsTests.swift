import Testing

@testable import VigilCore

/// `[daemon]` keys for scan children: time budget, memory limit, batch size, how many at once.
@Suite struct DaemonScanSettingsTests {
    @Test func defaultsAreDocumented() {
        let daemon = VigilConfig.builtInDefault.daemon
        #expect(daemon.scanTimeout == .seconds(600))
        #expect(daemon.scanMemoryLimit == 2 << 30)
        #expect(daemon.batchCommits == 1000)
        #expect(daemon.scanChildren == 1)
    }

    @Test func valuesAreRead() throws {
        let config = try ConfigLoader.parse(
            """
            [daemon]
            scan_timeout = "90s"
            scan_memory_limit = "512MiB"
            batch_commits = 250
            scan_children = 3
            """, file: "test.toml")
        #expect(config.daemon.scanTimeout == .seconds(90))
        #expect(config.daemon.scanMemoryLimit == 512 << 20)
        #expect(config.daemon.batchCommits == 250)
        #expect(config.daemon.scanChildren == 3)
    }

    @Test func zeroMeansNoMemoryLimit() throws {
        let config = try ConfigLoader.parse("[daemon]\nscan_memory_limit = \"0\"\n", file: "test.toml")
        #expect(config.daemon.scanMemoryLimit == 0)
    }

    @Test func hostileValuesAreNamedWithKeyAndLine() {
        let problems = configProblems(
            """
            [daemon]
            scan_timeout = "0s"
            scan_memory_limit = "2GB"
            batch_commits = 0
            scan_children = 100000
            """)
        #expect(problems.count == 4, "\(problems)")
        expectProblem(problems, key: "daemon.scan_timeout", line: 2, message: "at least 1s")
        expectProblem(problems, key: "daemon.scan_memory_limit", line: 3, message: "a size such as")
        expectProblem(problems, key: "daemon.batch_commits", line: 4, message: "between 1 and")
        expectProblem(problems, key: "daemon.scan_children", line: 5, message: "between 1 and")
    }

    @Test(arguments: [
        "\"-1GiB\"", "\"1.5GiB\"", "\"GiB\"", "\"99999999999999999999GiB\"", "\"8388608TiB\"", "\"1 GiB\"",
        "\"\\u001b[31m1GiB\"", "2147483648", "true", "[\"2GiB\"]", "\"\"", "\"0x10MiB\"", "\"１GiB\"",
    ])
    func malformedMemoryLimitsAreRefused(value: String) {
        let problems = configProblems("[daemon]\nscan_memory_limit = \(value)\n")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.key == "daemon.scan_memory_limit")
    }

    @Test func aMemoryLimitTooSmallToRunTheChildIsRefused() {
        let problems = configProblems("[daemon]\nscan_memory_limit = \"1MiB\"\n")
        expectProblem(problems, key: "daemon.scan_memory_limit", line: 2, message: "at least 64MiB")
    }

    @Test(arguments: ["\"10\"", "\"-5m\"", "\"1e9s\"", "600", "\"99999999999999999999h\""])
    func malformedTimeoutsAreRefused(value: String) {
        let problems = configProblems("[daemon]\nscan_timeout = \(value)\n")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.key == "daemon.scan_timeout")
    }

    @Test(arguments: ["-1", "5001", "\"1000\"", "1.5", "9223372036854775807"])
    func malformedBatchSizesAreRefused(value: String) {
        let problems = configProblems("[daemon]\nbatch_commits = \(value)\n")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.key == "daemon.batch_commits")
    }

    @Test func sizesParseAndReadBack() {
        #expect(ByteSize.parse("2GiB") == 2 << 30)
        #expect(ByteSize.parse("64KiB") == 64 << 10)
        #expect(ByteSize.parse("1TiB") == 1 << 40)
        #expect(ByteSize.parse("100B") == 100)
        #expect(ByteSize.parse("4096") == 4096)
        #expect(ByteSize.parse("0") == 0)
        #expect(ByteSize.parse("2gib") == nil)
        #expect(ByteSize.parse("9223372036854775807") == Int.max)
        #expect(ByteSize.parse("9223372036854775808") == nil)
        #expect(ByteSize.parse("8388608TiB") == nil)
        #expect(ByteSize.describe(2 << 30) == "2GiB")
        #expect(ByteSize.describe(1536 << 20) == "1536MiB")
        #expect(ByteSize.describe(100) == "100B")
        #expect(ByteSize.describe(0) == "0B")
    }
}
