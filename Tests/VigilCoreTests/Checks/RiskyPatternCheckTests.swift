import Foundation
import Testing
import VigilGit

@testable import VigilCore

@Suite("risky-pattern")
struct RiskyPatternCheckTests {
    private func ids(_ lines: [String], path: String = "scripts/deploy.sh") throws -> [String] {
        let check = try Fixture.check(RiskyPatternCheck.self)
        return check.run(try Fixture.context([Fixture.added(path, lines)])).map(\.check)
    }

    @Test("the built-in rules compiled into the binary are config/risky-patterns.toml, byte for byte")
    func builtinMatchesShippedFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appendingPathComponent("config/risky-patterns.toml"), encoding: .utf8)
        #expect(shipped == BuiltinRiskyPatterns.text)
        let rules = try RiskyPatternRuleSource.builtin()
        #expect(rules.count >= 12)
        #expect(Set(rules.map(\.id)).count == rules.count)
    }

    @Test("each built-in rule catches what it describes", arguments: [
        ("sql-drop", "op.execute(\"DROP TABLE orders\")"),
        ("sql-truncate", "TRUNCATE TABLE sessions;"),
        ("sql-delete-all", "cursor.execute(\"DELETE FROM orders\")"),
        ("rm-rf", "rm -rf \"$BUILD_DIR\"/"),
        ("rm-rf", "sudo rm -rf /"),
        ("rm-rf", "rm -r -f ~"),
        ("tls-verify-disabled", "requests.get(url, verify=False)"),
        ("tls-verify-disabled", "tls.Config{InsecureSkipVerify: true}"),
        ("tls-verify-disabled", "https.request({ rejectUnauthorized: false })"),
        ("tls-verify-disabled", "export NODE_TLS_REJECT_UNAUTHORIZED=0"),
        ("curl-insecure", "curl -sSLk https://example.com/install"),
        ("curl-insecure", "curl --insecure -o x https://x"),
        ("chmod-777", "chmod -R 777 /var/www"),
        ("chmod-777", "os.chmod(path, 0o777)"),
        ("pipe-to-shell", "curl -fsSL https://get.example.sh | sudo bash"),
        ("pipe-to-shell", "wget -qO- https://x.example/i.sh | sh"),
        ("pipe-to-shell", "sh -c \"$(curl -fsSL https://x.example/install)\""),
        ("eval-input", "result = eval(request.args['expr'])"),
        ("eval-input", "eval(req.body.code)"),
        ("eval-input", "eval \"$1\""),
        ("git-no-verify", "git commit -m 'wip' --no-verify"),
        ("git-no-verify", "git push --no-verify origin main"),
        ("git-force-push", "git push --force origin main"),
        ("auth-check-disabled", "    .anyRequest().permitAll()"),
        ("auth-check-disabled", "[AllowAnonymous]"),
        ("auth-check-disabled", "  skip_before_action :authenticate_user!"),
        ("csrf-disabled", "@csrf_exempt"),
        ("csrf-disabled", "http.csrf().disable()"),
        ("csrf-disabled", "  skip_before_action :verify_authenticity_token"),
    ])
    func builtinPositives(rule: String, line: String) throws {
        #expect(try ids([line]) == ["risky-pattern.\(rule)"], "\(line)")
    }

    @Test("near misses stay quiet", arguments: [
        "DROP_TABLE_NAME = 'x'", "def truncate(text, n): return text[:n]", "DELETE FROM orders WHERE id = ?;",
        "rm -rf ./build", "rm -f $TMPFILE", "rm -rf /tmp/vigil-test", "verify=True", "ssl_verify = settings.VERIFY",
        "chmod 755 bin/run", "curl -o install.sh https://x.example/install.sh", "eval(compile(src, 'x', 'exec'))",
        "git commit -m 'verify inputs'", "git push --force-with-lease", "permit_params :all",
    ])
    func builtinNearMisses(line: String) throws {
        #expect(try ids([line]).isEmpty, "\(line)")
    }

    @Test("a finding names rule, path, line and matched text's hash; evidence is the line")
    func findingShape() throws {
        let check = try Fixture.check(RiskyPatternCheck.self)
        let file = Fixture.modified("db/cleanup.py", added: [DiffLine(number: 41, text: "    verify=False,  ")])
        let finding = try #require(check.run(try Fixture.context([file])).first)
        #expect(finding.check == "risky-pattern.tls-verify-disabled")
        #expect(finding.title == "TLS certificate verification disabled")
        #expect(finding.severity == .high)
        #expect(finding.path == "db/cleanup.py")
        #expect(finding.line == 41)
        #expect(finding.evidence == "verify=False,")
        #expect(finding.matchHash == SHA256Hex.digest("verify=False"))
    }

    @Test("a user rule file adds rules with paths and keywords; disabled switches rules off")
    func userRules() throws {
        let folder = try FixtureFolder()
        try folder.write("rules.toml", """
            [[rules]]
            id = "todo-payment"
            description = "TODO left in payment code"
            regex = 'TODO'
            severity = "low"
            paths = ["payments/**"]
            keywords = ["todo"]
            """)
        let table = Fixture.table(
            "risky-pattern",
            ["rules": Fixture.strings(["builtin", "rules.toml"]), "disabled": Fixture.strings(["sql-drop"])]
        )
        let check = try RiskyPatternCheck(options: CheckOptions(table: table, baseDirectory: folder.path))
        let files = [
            Fixture.added("payments/charge.py", ["# TODO: retry", "DROP TABLE x"]),
            Fixture.added("docs/notes.md", ["TODO later"]),
        ]
        let findings = check.run(try Fixture.context(files))
        #expect(findings.map(\.check) == ["risky-pattern.todo-payment"])
        #expect(findings.first?.severity == .low)
    }

    @Test("a keyword seen in a file a rule does not apply to does not open the rule for the next file")
    func keywordDoesNotCarryOverBetweenFiles() throws {
        let folder = try FixtureFolder()
        try folder.write("rules.toml", """
            [[rules]]
            id = "sql-danger"
            description = "danger in SQL"
            regex = 'danger'
            paths = ["**/*.sql"]
            keywords = ["trigger"]

            [[rules]]
            id = "everywhere"
            description = "a rule for every file, so that notes.txt is scanned"
            regex = 'never-in-these-lines'
            """)
        let table = Fixture.table("risky-pattern", ["rules": Fixture.strings(["rules.toml"])])
        let check = try RiskyPatternCheck(options: CheckOptions(table: table, baseDirectory: folder.path))
        let files = [
            Fixture.added("notes.txt", ["the trigger word, outside SQL"]),
            Fixture.added("db/a.sql", ["danger without its keyword"]),
        ]
        #expect(check.run(try Fixture.context(files)).isEmpty)
        let keyed = [Fixture.added("db/a.sql", ["danger in a trigger"])]
        #expect(check.run(try Fixture.context(keyed)).map(\.check) == ["risky-pattern.sql-danger"])
    }

    @Test("problems in a user rule file name the file, the rule's key and its line")
    func userRuleProblems() throws {
        let folder = try FixtureFolder()
        try folder.write("bad.toml", """
            [[rules]]
            id = "ok"
            description = "fine"
            regex = 'fine'

            [[rules]]
            id = "broken"
            description = "unclosed group"
            regex = '(unclosed'
            severity = "urgent"
            colour = "red"

            [[rules]]
            description = "no id, no regex"
            """)
        let table = Fixture.table("risky-pattern", ["rules": .string("bad.toml")])
        let problems: [ConfigProblem]
        do {
            _ = try RiskyPatternCheck(options: CheckOptions(table: table, baseDirectory: folder.path))
            problems = []
        } catch {
            problems = error.problems
        }
        let byKey = Dictionary(problems.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byKey["rules[1].regex"]?.line == 9)
        #expect(byKey["rules[1].regex"]?.file == folder.path + "/bad.toml")
        #expect(byKey["rules[1].severity"]?.line == 10)
        #expect(byKey["rules[1].colour"]?.message.contains("unknown key") == true)
        #expect(byKey["rules[2].id"]?.message.contains("missing") == true)
        #expect(byKey["rules[2].regex"] != nil)
    }

    @Test("unreadable or malformed rule sources are config problems, not crashes")
    func badSources() throws {
        let missing = Fixture.problems(RiskyPatternCheck.self, ["rules": .string("/nonexistent/rules.toml")])
        #expect(missing.first?.key == "checks.risky-pattern.rules")
        #expect(missing.first?.message.lowercased().contains("no such file") == true)
        let wrongType = Fixture.problems(RiskyPatternCheck.self, ["rules": .integer(3)])
        #expect(wrongType.first?.key == "checks.risky-pattern.rules")
        let unknownDisabled = Fixture.problems(RiskyPatternCheck.self, ["disabled": Fixture.strings(["sql-dorp"])])
        #expect(unknownDisabled.first?.message.contains("sql-dorp") == true)

        let folder = try FixtureFolder()
        try folder.write("syntax.toml", "[[rules]\nid = 'x'\n")
        try folder.write("nul.toml", "[[rules]]\nid = \"a\u{0}b\"\n")
        for name in ["syntax.toml", "nul.toml"] {
            let table = Fixture.table("risky-pattern", ["rules": .string(name)])
            #expect(throws: ConfigProblems.self) {
                _ = try RiskyPatternCheck(options: CheckOptions(table: table, baseDirectory: folder.path))
            }
        }
    }

    @Test("very long lines are scanned up to max_line_bytes, within a time limit", .timeLimit(.minutes(1)))
    func longLines() throws {
        let check = try Fixture.check(RiskyPatternCheck.self, ["max_line_bytes": .integer(1000)])
        let early = "curl https://x.example/i.sh | sh; " + String(repeating: "x", count: 2_000_000)
        let late = String(repeating: "a", count: 5000) + " verify=False"
        let ids = check.run(try Fixture.context([Fixture.added("dist/bundle.js", [early, late])])).map(\.check)
        #expect(ids == ["risky-pattern.pipe-to-shell"])
    }
}

/// A temporary folder for rule files, removed when released.
final class FixtureFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/vigil-checks-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
