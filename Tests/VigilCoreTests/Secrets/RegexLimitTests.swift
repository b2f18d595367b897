import Testing
import VigilGit

@testable import VigilCore

/// Rules Vigil does not control run under `RegexLimits`: a pattern that backtracks catastrophically
/// is stopped, finds nothing on that line, and the stop is recorded for the caller to report; an
/// over-long pattern is refused when the rule file loads, as a problem naming the rule.
@Suite("Regex limits")
struct RegexLimitTests {
    /// Exponential backtracking at every start position: unbounded, this never finishes.
    static let catastrophic = "(a+)+$"
    static let victim = String(repeating: "a", count: 40) + "!"

    @Test func catastrophicPatternIsStoppedAndRecorded() throws {
        let regex = try Regex(Self.catastrophic)
        let log = RegexLimitLog()
        let before = RegexLimitLog.processTotal
        let match = RegexLimitLog.$current.withValue(log) { regex.firstMatch(in: Self.victim) }
        #expect(match == nil)
        #expect(log.count == 1)
        #expect(log.hits.first?.source == "regex (a+)+$")
        #expect(RegexLimitLog.processTotal > before)

        var stopped = false
        #expect(regex.firstMatch(in: Self.victim, stoppedByLimit: &stopped) == nil)
        #expect(stopped)
        #expect(regex.firstMatch(in: "aaa", stoppedByLimit: &stopped) != nil)
        #expect(!stopped)
    }

    @Test func matcherTellsAStopFromNoMatch() throws {
        let regex = try Regex(Self.catastrophic)
        let matcher = RegexMatcher()
        var bytes = Self.victim
        bytes.withUTF8 { #expect(matcher.firstMatch(regex, in: $0) == nil) }
        #expect(matcher.stoppedByLimit)
        var plain = "bbb"
        plain.withUTF8 { #expect(matcher.firstMatch(regex, in: $0) == nil) }
        #expect(!matcher.stoppedByLimit)
    }

    @Test func secretRuleStoppedOnOneLineIsReportedAndTheScanGoesOn() throws {
        let rules = try SecretsFixture.rules("""
            [[rules]]
            id = "runaway"
            regex = '''(a+)+$'''
            keywords = ["aaaa"]
            """)
        let check = SecretsCheck(rules: rules)
        let log = RegexLimitLog()
        let findings = try RegexLimitLog.$current.withValue(log) {
            try SecretsFixture.scan(check, path: "data/a.txt", ["clean line", Self.victim, "aaaaaaaaaa"])
        }
        // The stopped line finds nothing; the next line, which matches, is still found.
        #expect(findings.map(\.line) == [3])
        #expect(log.hits == [RegexLimitHit(source: "secrets.runaway", path: "data/a.txt", line: 2)])
    }

    @Test func riskyRuleStoppedOnOneLineIsReported() throws {
        let folder = try SecretsFixture.TemporaryFolder()
        try folder.write("rules.toml", """
            [[rules]]
            id = "runaway"
            description = "catastrophic"
            regex = '(a+)+$'
            """)
        let table = Fixture.table("risky-pattern", ["rules": Fixture.strings(["rules.toml"])])
        let check = try RiskyPatternCheck(options: CheckOptions(table: table, baseDirectory: folder.path))
        let context = try Fixture.context([Fixture.added("x.sh", [Self.victim, "aaa"])])
        let log = RegexLimitLog()
        let findings = RegexLimitLog.$current.withValue(log) { check.run(context) }
        #expect(findings.map(\.line) == [2])
        #expect(log.hits == [RegexLimitHit(source: "risky-pattern.runaway", path: "x.sh", line: 1)])
    }

    @Test func stoppedSearchBecomesAScanLimitFindingOfTheCommit() throws {
        let folder = try SecretsFixture.TemporaryFolder()
        try folder.write("rules.toml", """
            [[rules]]
            id = "runaway"
            description = "catastrophic"
            regex = '(a+)+$'
            """)
        let table = Fixture.table("risky-pattern", ["rules": Fixture.strings(["rules.toml"])])
        let check = try RiskyPatternCheck(options: CheckOptions(table: table, baseDirectory: folder.path))
        let runner = CheckRunner(checks: [ConfiguredCheck(check: check)], scope: .all)
        let context = try Fixture.context([Fixture.added("x.sh", [Self.victim, "aaa"])])
        let findings = runner.run(context)
        #expect(findings.filter { $0.check == "risky-pattern.runaway" }.map(\.line) == [2])
        let limit = try #require(findings.first { $0.check == "scan-limit" }, "a stopped search is never silent")
        #expect(limit.evidence.contains("risky-pattern.runaway at x.sh:1"))
    }

    @Test func overLongPatternIsAProblemNamingTheRule() throws {
        let long = String(repeating: "a", count: RegexLimits.maxPatternLength + 1)
        #expect(throws: RegexError.self) { try Regex(long) }
        #expect((try? Regex(String(repeating: "a", count: RegexLimits.maxPatternLength))) != nil)

        let megabyte = String(repeating: "(?:ab)", count: 1_048_576 / 6)
        let problems = SecretsFixture.problems("""
            [[rules]]
            id = "huge"
            regex = '''\(megabyte)'''
            keywords = ["ab"]
            """)
        #expect(problems.count == 1)
        #expect(problems.first?.key == "rules.huge.regex")
        #expect(problems.first?.message.contains("limit is \(RegexLimits.maxPatternLength)") == true)
        #expect((problems.first?.message.count ?? .max) < 300)
    }

    @Test func overLongRiskyPatternIsAProblemOfItsRule() throws {
        let folder = try SecretsFixture.TemporaryFolder()
        let long = String(repeating: "x", count: RegexLimits.maxPatternLength + 1)
        try folder.write("rules.toml", """
            [[rules]]
            id = "long"
            description = "too long"
            regex = '\(long)'
            """)
        let table = Fixture.table("risky-pattern", ["rules": Fixture.strings(["rules.toml"])])
        var problems: [ConfigProblem] = []
        do {
            _ = try RiskyPatternCheck(options: CheckOptions(table: table, baseDirectory: folder.path))
        } catch {
            problems = error.problems
        }
        #expect(problems.map(\.key) == ["rules[0].regex"])
        #expect(problems.first?.line == 4)
        #expect(problems.first?.message.contains("limit is \(RegexLimits.maxPatternLength)") == true)
    }

    @Test func deepNestingIsRefused() throws {
        let deep = String(repeating: "(", count: 65) + "a" + String(repeating: ")", count: 65)
        #expect(throws: RegexError.self) { try Regex(deep) }
        let fine = String(repeating: "(", count: 20) + "a" + String(repeating: ")", count: 20)
        #expect((try? Regex(fine)) != nil)
    }

    @Test func gitleaksDefaultRulesFitWellWithinTheLimit() throws {
        let rules = try SecretsFixture.gitleaksRules.get()
        let longest = rules.rules.compactMap { $0.regex?.pattern.utf8.count }.max() ?? 0
        #expect(longest > 0)
        #expect(longest * 10 < RegexLimits.maxPatternLength)
    }
}
