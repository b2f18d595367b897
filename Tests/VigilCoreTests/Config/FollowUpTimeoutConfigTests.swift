import Testing

@testable import VigilCore

@Suite struct FollowUpTimeoutConfigTests {
    @Test func timeoutDefaultsToThirtySeconds() throws {
        let config = try ConfigLoader.parse("[followup]\nmax_attempts = 2\n", file: "t.toml")
        #expect(config.followUp.timeout == .seconds(30))
        #expect(VigilConfig.builtInDefault.followUp.timeout == .seconds(30))
    }

    @Test func timeoutIsReadAsADuration() throws {
        let config = try ConfigLoader.parse("[followup]\ntimeout = \"1500ms\"\n", file: "t.toml")
        #expect(config.followUp.timeout == .milliseconds(1500))
    }

    @Test func badTimeoutsAreProblemsWithTheirLine() {
        expectProblem(
            configProblems("[followup]\n\ntimeout = \"10ms\"\n"), key: "followup.timeout", line: 3,
            message: "must be at least")
        expectProblem(
            configProblems("[followup]\ntimeout = 30\n"), key: "followup.timeout", line: 2,
            message: "expected a string")
        expectProblem(
            configProblems("[followup]\ntimeout = \"30 s\"\n"), key: "followup.timeout", line: 2,
            message: "expected a duration")
    }
}
