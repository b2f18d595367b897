import Foundation
import Testing
import VigilTestSupport

/// Rule files as `vigil config check` reports them: problems inside one name that file, and a file
/// that defines no rule is an error rather than a check that silently looks for nothing.
@Suite struct RuleFileCommandTests {
    let scratch: ScratchFolder

    init() throws {
        scratch = try ScratchFolder()
    }

    @Test func secretsRuleProblemsNameTheRuleFile() throws {
        let rules = try scratch.write("secrets.toml", "[[rules]]\nid = \"broken\"\n\nregex = '''(unclosed'''\n")
        let config = try scratch.write("vigil.toml", "[checks.secrets]\nrules = \"secrets.toml\"\n")
        let result = try VigilBinary.run(["config", "check", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains(rules + ":4: rules.broken.regex"), "\(result.stderr)")
        #expect(!result.stderr.contains(config + ":4"), "\(result.stderr)")
    }

    @Test func riskyPatternRuleProblemsNameTheRuleFile() throws {
        let rules = try scratch.write("risky.toml", "[[rules]]\nid = \"x\"\ndescription = \"d\"\nregex = '(unclosed'\n")
        let config = try scratch.write("vigil.toml", "[checks.risky-pattern]\nrules = \"risky.toml\"\n")
        let result = try VigilBinary.run(["config", "check", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains(rules + ":4: rules[0].regex"), "\(result.stderr)")
        #expect(!result.stderr.contains(config + ":4"), "\(result.stderr)")
    }

    @Test(arguments: ["", "# no rules yet\n\n# still none\n", "title = \"empty\"\n", "rules = []\n"])
    func anEmptySecretsRuleFileIsAnError(text: String) throws {
        let rules = try scratch.write("secrets.toml", text)
        let config = try scratch.write("vigil.toml", "[checks.secrets]\nrules = \"secrets.toml\"\n")
        let result = try VigilBinary.run(["config", "check", config])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains(rules), "\(result.stderr)")
        #expect(result.stderr.contains("defines no rules"), "\(result.stderr)")
    }

    @Test(arguments: ["", "# no rules yet\n\n# still none\n", "rules = []\n"])
    func anEmptyRiskyPatternRuleFileIsAnError(text: String) throws {
        let rules = try scratch.write("risky.toml", text)
        let config = try scratch.write("vigil.toml", "[checks.risky-pattern]\nrules = [\"builtin\", \"risky.toml\"]\n")
        let result = try VigilBinary.run(["config", "check", config])
        #expect(result.status == 2, "\(result.stdout)")
        #expect(result.stderr.contains(rules), "\(result.stderr)")
        #expect(result.stderr.contains("defines no rules"), "\(result.stderr)")
    }

    @Test func aRuleFileThatOnlyExtendsTheDefaultsIsFine() throws {
        _ = try scratch.write("secrets.toml", "[extend]\nuseDefault = true\n")
        let config = try scratch.write("vigil.toml", "[checks.secrets]\nrules = \"secrets.toml\"\n")
        let result = try VigilBinary.run(["config", "check", config])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
