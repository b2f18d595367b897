import Testing

@testable import VigilCore

/// `[checks.secrets]` options: what `vigil config check` reports, and what the check runs with.
@Suite("Secrets: check options")
struct SecretsCheckOptionsTests {
    private func options(_ entries: [String: ConfigValue], baseDirectory: String? = nil) throws -> CheckOptions {
        var lines = 10
        let table = ConfigTable(
            path: "checks.secrets",
            entries: entries.mapValues { value in
                lines += 1
                return ConfigEntry(value: value, line: lines)
            },
            line: 10)
        return try CheckOptions(table: table, baseDirectory: baseDirectory)
    }

    private func problems(_ entries: [String: ConfigValue]) throws -> [ConfigProblem] {
        let options = try options(entries)
        do {
            _ = try SecretsCheck(options: options)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func defaultsToTheBuiltinRules() throws {
        let check = try SecretsCheck(options: CheckOptions.defaults(for: SecretsCheck.checkID))
        #expect(check.id == "secrets")
        #expect(check.source == "builtin")
        #expect(check.ruleIDs.count == (try GitleaksRuleFile.builtin()).rules.count)
        #expect(SecretsCheck.defaultSeverity == .high)
        let sendable: any Sendable = check
        _ = sendable
    }

    @Test func loadsAGitleaksFileAndDisablesRules() throws {
        let check = try SecretsCheck(options: options([
            "rules": .string(SecretsFixture.gitleaksDefaultPath),
            "disabled": .array([.string("generic-api-key")]),
            "max_line_length": .integer(8192),
        ]))
        #expect(check.ruleIDs.count == 221)
        #expect(!check.ruleIDs.contains("generic-api-key"))
    }

    @Test func reportsBadOptionsWithKeys() throws {
        let found = try problems([
            "rules": .string("/nonexistent/rules.toml"),
            "max_line_length": .integer(10),
            "colour": .string("red"),
        ])
        #expect(Set(found.map(\.key)) == [
            "checks.secrets.rules", "checks.secrets.max_line_length", "checks.secrets.colour",
        ])
        #expect(found.first { $0.key == "checks.secrets.rules" }?.message.contains("cannot use rule file") == true)
    }

    @Test func unknownDisabledRuleIsAProblem() throws {
        let found = try problems(["disabled": .array([.string("githb-pat")])])
        #expect(found.map(\.key) == ["checks.secrets.disabled"])
    }

    @Test func problemsInsideTheRuleFileNameThatFile() throws {
        let folder = try SecretsFixture.TemporaryFolder()
        try folder.write("team.toml", "[[rules]]\nid = \"bad\"\nregex = '''(x'''\n")
        let found = try problems(["rules": .string(folder.path + "/team.toml")])
        #expect(found.count == 1)
        #expect(found.first?.file == folder.path + "/team.toml")
        #expect(found.first?.key == "rules.bad.regex")
        #expect(found.first?.line == 3)
    }

    @Test func relativeRulePathIsRelativeToTheConfigFile() throws {
        let folder = try SecretsFixture.TemporaryFolder()
        try folder.write("team.toml", "[extend]\nuseDefault = true\ndisabledRules = [\"jwt\"]\n")
        let check = try SecretsCheck(options: options(["rules": .string("team.toml")], baseDirectory: folder.path))
        #expect(check.source == folder.path + "/team.toml")
        #expect(!check.ruleIDs.contains("jwt"))
    }

    @Test func severityOptionOverridesRuleSeverities() throws {
        let check = try SecretsCheck(options: options(["severity": .string("medium")]))
        let findings = try SecretsFixture.scan(check, PrivateKeyFixture.lines)
        #expect(findings.map(\.severity) == [.medium])
    }
}
