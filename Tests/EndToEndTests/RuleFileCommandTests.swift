import Foundation
import Testing
import VigilTestSupport

/// Rule files as `vigil config check` reports them: problems inside one name that file.
@Suite struct RuleFileCommandTests {
    let folder: String

    init() throws {
        folder = try FixtureRepository.makeTemporaryFolder()
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func secretsRuleProblemsNameTheRuleFile() throws {
        let rules = try write("secrets.toml", "[[rules]]\nid = \"broken\"\n\nregex = '''(unclosed'''\n")
        let config = try write("vigil.toml", "[checks.secrets]\nrules = \"secrets.toml\"\n")
        let result = try VigilBinary.run(["config", "check", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains(rules + ":4: rules.broken.regex"), "\(result.stderr)")
        #expect(!result.stderr.contains(config + ":4"), "\(result.stderr)")
    }

    @Test func riskyPatternRuleProblemsNameTheRuleFile() throws {
        let rules = try write("risky.toml", "[[rules]]\nid = \"x\"\ndescription = \"d\"\nregex = '(unclosed'\n")
        let config = try write("vigil.toml", "[checks.risky-pattern]\nrules = \"risky.toml\"\n")
        let result = try VigilBinary.run(["config", "check", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains(rules + ":4: rules[0].regex"), "\(result.stderr)")
        #expect(!result.stderr.contains(config + ":4"), "\(result.stderr)")
    }
}
