import Testing
import VigilGit

@testable import VigilCore

/// gitleaks' matching semantics on small rule files: secret groups, entropy, path rules,
/// allowlists (OR and AND, commits, paths, regex targets, stopwords), global allowlists and
/// inline suppression.
@Suite("Secrets: matching semantics")
struct SecretsMatchingSemanticsTests {
    static let token = "tok_9fK2xQ7mLp4ZvR8w"

    private func check(_ toml: String) throws -> SecretsCheck {
        SecretsCheck(rules: try SecretsFixture.rules(toml))
    }

    private static let tokenRule = """
        [[rules]]
        id = "acme-token"
        description = "Acme token"
        regex = '''(?:acme|ACME)[_-]?(?:token|TOKEN)\\s*=\\s*"(tok_[A-Za-z0-9]{16})"'''
        keywords = ["acme"]

        """

    @Test func firstNonEmptyGroupIsTheSecret() throws {
        let findings = try SecretsFixture.scan(check(Self.tokenRule), [#"ACME_TOKEN = "\#(Self.token)""#])
        #expect(findings.count == 1)
        #expect(findings.first?.matchHash == SHA256Hex.digest(Self.token))
        let hash = SHA256Hex.digest(Self.token)
        #expect(findings.first?.evidence == "tok_…(redacted, 20 chars, sha256:\(hash.prefix(8)))")
        #expect(findings.first?.title == "Acme token")
        #expect(findings.first?.check == "secrets.acme-token")
    }

    @Test func explicitSecretGroupAndWholeMatch() throws {
        let rules = """
            [[rules]]
            id = "pair"
            regex = '''(user)=(\\w+)'''
            secretGroup = 2
            keywords = ["user="]
            [[rules]]
            id = "whole"
            regex = '''WHOLE-[0-9]{6}'''
            keywords = ["whole-"]
            """
        let findings = try SecretsFixture.scan(check(rules), ["user=s3cr3tValue and WHOLE-482913"])
        #expect(findings.map(\.matchHash) == [SHA256Hex.digest("s3cr3tValue"), SHA256Hex.digest("WHOLE-482913")])
    }

    @Test func entropyThresholdIsExclusive() throws {
        let rules = """
            [[rules]]
            id = "hexish"
            regex = '''key_([a-z0-9]{8})\\b'''
            entropy = 2.0
            keywords = ["key_"]
            """
        let check = try check(rules)
        // "aabbccdd": four symbols, each twice: exactly 2.0 bits, not above the threshold.
        #expect(ShannonEntropy.bits("aabbccdd") == 2.0)
        #expect(try SecretsFixture.scan(check, ["key_aabbccdd"]).isEmpty)
        #expect(try SecretsFixture.scan(check, ["key_aaaaaaaa"]).isEmpty)
        #expect(try SecretsFixture.scan(check, ["key_a8f3k2q9"]).count == 1)
    }

    @Test func rulesWithoutKeywordsAlwaysRun() throws {
        let rules = """
            [[rules]]
            id = "no-keywords"
            regex = '''ZX[0-9]{10}'''
            """
        #expect(try SecretsFixture.scan(check(rules), ["id = ZX4829104712"]).count == 1)
    }

    @Test func keywordsGateTheRegexCaseInsensitively() throws {
        let rules = """
            [[rules]]
            id = "gated"
            regex = '''[0-9]{12}'''
            keywords = ["acct"]
            """
        let check = try check(rules)
        #expect(try SecretsFixture.scan(check, ["number 482910473829"]).isEmpty)
        #expect(try SecretsFixture.scan(check, ["ACCT number 482910473829"]).count == 1)
    }

    @Test func pathRestrictsARegexRule() throws {
        let rules = Self.tokenRule + "path = '''\\.env$'''\n"
        let line = #"acme_token = "\#(Self.token)""#
        #expect(try SecretsFixture.scan(check(rules), path: "deploy/.env", [line]).count == 1)
        #expect(try SecretsFixture.scan(check(rules), path: "deploy/env.md", [line]).isEmpty)
    }

    @Test func pathOnlyRuleMatchesTheFileNameOnce() throws {
        let rules = """
            [[rules]]
            id = "keystore"
            description = "Java keystore"
            path = '''\\.jks$'''
            """
        let check = try check(rules)
        let findings = check.run(try SecretsFixture.context([
            SecretsFixture.file("android/release.jks", [], binary: true),
            SecretsFixture.file("android/release.jks.md", ["notes"]),
            SecretsFixture.file("old/debug.jks", [], status: .deleted, binary: true),
        ]))
        #expect(findings.map(\.path) == ["android/release.jks"])
        #expect(findings.first?.matchHash == SHA256Hex.digest("path:android/release.jks"))
    }

    @Test func stopwordAllowsSecretsContainingIt() throws {
        let rules = Self.tokenRule + """
            [[rules.allowlists]]
            stopwords = ["FAKE"]
            """
        let check = try check(rules)
        #expect(try SecretsFixture.scan(check, [#"acme_token = "tok_abFakEcd12345678""#]).isEmpty)
        #expect(try SecretsFixture.scan(check, [#"acme_token = "\#(Self.token)""#]).count == 1)
    }

    @Test(arguments: [
        ("secret", "^tok_9f", true), ("secret", "acme_token", false),
        ("match", "^acme_token", true), ("match", "^tok_", false),
        ("line", "# test fixture", true), ("line", "^tok_", false),
    ])
    func regexTargets(target: String, regex: String, allowed: Bool) throws {
        let rules = Self.tokenRule + """
            [[rules.allowlists]]
            regexTarget = "\(target)"
            regexes = ['''\(regex)''']
            """
        let findings = try SecretsFixture.scan(check(rules), [#"acme_token = "\#(Self.token)" # test fixture"#])
        #expect(findings.isEmpty == allowed)
    }

    @Test func andConditionNeedsEveryCheck() throws {
        let rules = Self.tokenRule + """
            [[rules.allowlists]]
            condition = "AND"
            paths = ['''^tests/''']
            regexes = ['''^tok_9f''']
            """
        let check = try check(rules)
        let line = #"acme_token = "\#(Self.token)""#
        #expect(try SecretsFixture.scan(check, path: "tests/fixture.py", [line]).isEmpty)
        #expect(try SecretsFixture.scan(check, path: "src/app.py", [line]).count == 1)
        let other = #"acme_token = "tok_1aB2cD3eF4gH5iJ6""#
        #expect(try SecretsFixture.scan(check, path: "tests/fixture.py", [other]).count == 1)
    }

    @Test func orConditionPathAndCommitSkipTheFile() throws {
        let rules = Self.tokenRule + """
            [[rules.allowlists]]
            paths = ['''^docs/''']
            commits = ["\(SecretsFixture.commitID.uppercased())"]
            """
        let check = try check(rules)
        let line = #"acme_token = "\#(Self.token)""#
        #expect(try SecretsFixture.scan(check, path: "docs/setup.md", [line]).isEmpty)
        let other = "0000000000000000000000000000000000000001"
        let file = SecretsFixture.file("src/app.py", [line])
        #expect(check.run(try SecretsFixture.context([file])).isEmpty)
        #expect(check.run(try SecretsFixture.context([file], commit: other)).count == 1)
    }

    @Test func globalAllowlistsApplyToEveryRuleOrTheirTargets() throws {
        let base = Self.tokenRule + """
            [[rules]]
            id = "other"
            regex = '''OTHER-[0-9]{8}'''
            keywords = ["other-"]

            """
        let lines = [#"acme_token = "\#(Self.token)""#, "OTHER-48291047"]
        let everyRule = base + """
            [[allowlists]]
            paths = ['''^fixtures/''']
            """
        #expect(try SecretsFixture.scan(check(everyRule), path: "fixtures/a.txt", lines).isEmpty)
        let targeted = base + """
            [[allowlists]]
            targetRules = ["other"]
            regexes = ['''^OTHER-''']
            """
        #expect(try SecretsFixture.scan(check(targeted), lines).map(\.check) == ["secrets.acme-token"])
        let legacy = base + """
            [allowlist]
            stopwords = ["9fk2"]
            """
        #expect(try SecretsFixture.scan(check(legacy), lines).map(\.check) == ["secrets.other"])
    }

    @Test(arguments: ["gitleaks:allow", "vigil:allow"])
    func inlineMarkerSuppresses(_ marker: String) throws {
        let check = try check(Self.tokenRule)
        #expect(try SecretsFixture.scan(check, [#"acme_token = "\#(Self.token)"  # \#(marker)"#]).isEmpty)
        let shouted = #"acme_token = "\#(Self.token)"  # \#(marker.uppercased())"#
        #expect(try SecretsFixture.scan(check, [shouted]).count == 1)
    }

    @Test func onlyAddedLinesOfTextFilesAreScanned() throws {
        let check = try check(Self.tokenRule)
        let line = #"acme_token = "\#(Self.token)""#
        var removed = SecretsFixture.file("src/a.py", [], status: .modified)
        removed.removedLines = [DiffLine(number: 3, text: line)]
        let binary = SecretsFixture.file("assets/blob.bin", [line], binary: true)
        let deleted = SecretsFixture.file("src/old.py", [line], status: .deleted)
        #expect(check.run(try SecretsFixture.context([removed, binary, deleted])).isEmpty)
        let modified = SecretsFixture.file("src/b.py", ["x = 1", line], firstLine: 41, status: .modified)
        let findings = check.run(try SecretsFixture.context([modified]))
        #expect(findings.map(\.line) == [42])
    }

    @Test func sameSecretTwiceOnALineIsOneFinding() throws {
        let line = #"acme_token = "\#(Self.token)"; ACME_TOKEN = "\#(Self.token)""#
        #expect(try SecretsFixture.scan(check(Self.tokenRule), [line]).count == 1)
    }

    @Test func disabledRulesDoNotRun() throws {
        let rules = try SecretsFixture.rules(Self.tokenRule)
        let check = SecretsCheck(rules: rules, disabledRules: ["acme-token"])
        #expect(check.ruleIDs.isEmpty)
        #expect(try SecretsFixture.scan(check, [#"acme_token = "\#(Self.token)""#]).isEmpty)
    }
}
