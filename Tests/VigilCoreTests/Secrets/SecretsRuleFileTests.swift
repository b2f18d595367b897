import Testing

@testable import VigilCore

/// Loading rule files: every problem named by file, rule and line, all at once; `[extend]`.
@Suite("Secrets: rule files")
struct SecretsRuleFileTests {
    private func problem(_ problems: [ConfigProblem], key: String) -> ConfigProblem? {
        problems.first { $0.key == key }
    }

    @Test func invalidRegexNamesTheRuleAndLine() throws {
        let toml = """
            [[rules]]
            id = "fine"
            regex = '''fine_[0-9]+'''

            [[rules]]
            id = "broken-rule"
            description = "Broken"
            regex = '''token_(unclosed'''
            """
        let problems = SecretsFixture.problems(toml)
        #expect(problems.count == 1)
        let found = try #require(problem(problems, key: "rules.broken-rule.regex"))
        #expect(found.line == 8)
        #expect(found.file == "test.toml")
        #expect(found.message.contains("missing closing parenthesis"))
        #expect(found.description.hasPrefix("test.toml:8: rules.broken-rule.regex: invalid regular expression"))
    }

    @Test func unknownKeysAreErrors() {
        let toml = """
            titel = "typo"
            [[rules]]
            id = "a"
            regexx = '''a'''
            regex = '''a[0-9]'''
            [[rules.allowlists]]
            paht = ['''x''']
            paths = ['''x''']
            [extend]
            useDefalt = true
            """
        let keys = Set(SecretsFixture.problems(toml).map(\.key))
        #expect(keys == ["titel", "rules.a.regexx", "rules.a.allowlists[0].paht", "extend.useDefalt"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let toml = """
            [[rules]]
            description = "no id"
            regex = '''x'''
            [[rules]]
            id = "dup"
            regex = '''x'''
            [[rules]]
            id = "dup"
            regex = '''y'''
            [[rules]]
            id = "typed"
            regex = 42
            entropy = "high"
            keywords = "single"
            [[rules]]
            id = "nothing"
            description = "neither regex nor path"
            [[rules]]
            id = "groups"
            regex = '''(a)(b)'''
            secretGroup = 3
            severity = "severe"
            [[rules]]
            id = "lists"
            regex = '''z'''
            keywords = [""]
            [rules.allowlist]
            regexes = ['''a''']
            [[rules.allowlists]]
            condition = "XOR"
            regexTarget = "file"
            [[rules]]
            id = "composite"
            regex = '''c'''
            [[rules.required]]
            id = "dup"
            """
        let problems = SecretsFixture.problems(toml)
        let keys = Set(problems.map(\.key))
        let expected: Set<String> = [
            "rules[0].id", "rules.dup.id", "rules.typed.regex", "rules.typed.entropy", "rules.typed.keywords",
            "rules.nothing", "rules.groups.secretGroup", "rules.groups.severity", "rules.lists.keywords",
            "rules.lists.allowlist", "rules.lists.allowlists[0].condition", "rules.lists.allowlists[0].regexTarget",
            "rules.lists.allowlists[0]", "rules.composite.required",
        ]
        #expect(keys == expected)
        #expect(problem(problems, key: "rules.dup.id")?.line == 8)
        #expect(problem(problems, key: "rules.typed.entropy")?.message == "expected a number, found a string")
    }

    @Test func syntaxErrorsAndNULBytesHaveALine() {
        let syntax = SecretsFixture.problems("[[rules]]\nid = \"a\"\nregex = '''unterminated\n")
        #expect(syntax.count == 1)
        #expect(syntax.first?.key == TOMLDocument.syntaxKey)
        #expect(syntax.first?.line != nil)
        let nul = SecretsFixture.problems("[[rules]]\nid = \"a\u{0}\"\n")
        #expect(nul.map(\.line) == [2])
    }

    @Test func extendDefaultDisablesOverridesAndAdds() throws {
        let toml = """
            [extend]
            useDefault = true
            disabledRules = ["jwt"]

            [[rules]]
            id = "github-pat"
            description = "GitHub token (team override)"
            [[rules.allowlists]]
            regexes = ['''Zk8Q''']

            [[rules]]
            id = "acme-internal"
            regex = '''ACME-[0-9]{10}'''
            keywords = ["acme-"]
            """
        let rules = try SecretsFixture.rules(toml)
        let builtin = try GitleaksRuleFile.builtin()
        #expect(rules.rules.count == builtin.rules.count)
        #expect(!rules.rules.contains { $0.id == "jwt" })
        let github = try #require(rules.rules.first { $0.id == "github-pat" })
        #expect(github.description == "GitHub token (team override)")
        #expect(github.regex != nil)
        #expect(github.allowlists.count == 1)
        let check = SecretsCheck(rules: rules)
        let lines = ["t = ghp_Zk8QmR2vX7pL4tN9wB3yH6cJ1fD5sA0gE8uK", "id ACME-4829104712"]
        #expect(try SecretsFixture.scan(check, lines).map(\.check) == ["secrets.acme-internal"])
    }

    @Test func extendProblems() {
        let unknownDisabled = "[extend]\nuseDefault = true\ndisabledRules = [\"no-such-rule\"]\n"
        #expect(SecretsFixture.problems(unknownDisabled).map(\.key) == ["extend.disabledRules"])
        let both = "[extend]\nuseDefault = true\npath = \"base.toml\"\n"
        #expect(SecretsFixture.problems(both).contains { $0.key == "extend.useDefault" })
        let url = "[extend]\nurl = \"https://example.com/rules.toml\"\n"
        #expect(SecretsFixture.problems(url).map(\.key) == ["extend.url"])
        let missing = "[extend]\npath = \"does-not-exist.toml\"\n"
        let problems = SecretsFixture.problems(missing, directory: "/nonexistent")
        #expect(problems.map(\.key) == ["extend.path"])
        #expect(problems.first?.message.contains("cannot use rule file") == true)
    }

    @Test func extendPathIsRelativeToTheIncludingFile() throws {
        let folder = try SecretsFixture.TemporaryFolder()
        try folder.write("base.toml", """
            [[rules]]
            id = "base-rule"
            regex = '''BASE-[0-9]{8}'''
            keywords = ["base-"]
            """)
        try folder.write("team.toml", """
            [extend]
            path = "base.toml"
            [[rules]]
            id = "base-rule"
            keywords = ["extra"]
            """)
        let rules = try GitleaksRuleFile.load(path: folder.path + "/team.toml")
        #expect(rules.rules.map(\.id) == ["base-rule"])
        #expect(rules.rules.first?.keywords == ["base-", "extra"])
        #expect(rules.source == folder.path + "/team.toml")
    }

    @Test func cyclicExtendIsReported() throws {
        let folder = try SecretsFixture.TemporaryFolder()
        try folder.write("a.toml", "[extend]\npath = \"b.toml\"\n")
        try folder.write("b.toml", "[extend]\npath = \"./a.toml\"\n")
        #expect(throws: ConfigProblems.self) { try GitleaksRuleFile.load(path: folder.path + "/a.toml") }
        do {
            _ = try GitleaksRuleFile.load(path: folder.path + "/a.toml")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.message.hasPrefix("extend cycle: ") == true)
            #expect(error.problems.first?.key == "extend.path")
            #expect(error.problems.first?.file == folder.path + "/b.toml")
        }
    }

    @Test func extendDepthIsLimited() throws {
        let folder = try SecretsFixture.TemporaryFolder()
        for index in 0..<6 {
            let last = "[[rules]]\nid = \"last\"\nregex = 'last_[0-9]+'\n"
            try folder.write("r\(index).toml", index == 5 ? last : "[extend]\npath = \"r\(index + 1).toml\"\n")
        }
        do {
            _ = try GitleaksRuleFile.load(path: folder.path + "/r0.toml")
            Issue.record("a chain of six files loaded")
        } catch {
            #expect(error.problems.first?.message.contains("deeper than \(GitleaksRuleFile.maxExtendDepth)") == true)
        }
        let shallow = try GitleaksRuleFile.load(path: folder.path + "/r2.toml")
        #expect(shallow.rules.map(\.id) == ["last"])
    }
}
