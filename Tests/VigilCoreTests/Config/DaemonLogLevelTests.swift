import Testing

@testable import VigilCore

/// `[daemon] log_level`: swift-log's level names, and nothing else.
@Suite struct DaemonLogLevelTests {
    @Test func theDefaultIsInfo() {
        #expect(VigilConfig.builtInDefault.daemon.logLevel == .info)
    }

    @Test(arguments: DaemonLogLevel.allCases)
    func everyLevelIsRead(level: DaemonLogLevel) throws {
        let config = try ConfigLoader.parse("[daemon]\nlog_level = \"\(level.rawValue)\"\n", file: "test.toml")
        #expect(config.daemon.logLevel == level)
    }

    @Test(arguments: [
        "\"INFO\"", "\"warn\"", "\"\"", "\"info \"", "\"\\u001b[31minfo\"", "6", "true", "[\"info\"]", "\"ｉnfo\"",
    ])
    func otherValuesAreRefusedWithKeyAndLine(value: String) {
        let problems = configProblems("[daemon]\npoll_interval = \"30s\"\nlog_level = \(value)\n")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.key == "daemon.log_level")
        #expect(problems.first?.line == 3)
    }
}
