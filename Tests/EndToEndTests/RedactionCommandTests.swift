import Foundation
import Testing
import VigilTestSupport

/// No secret is printed whole, whichever check quotes the text it sits in and in every format.
@Suite struct RedactionCommandTests {
    static let token = "ghp_Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5A"
    static let password = "Kq7vX2mP9wLz"
    static let awsKey = "AKIAQYLPMN5HHHFPZAM2"
    static let aider = FixtureRepository.Identity("Robin Ode (aider)", "robin@example.com")

    let repository: FixtureRepository

    init() throws {
        repository = try FixtureRepository()
        try repository.commit(
            "Initial", files: ["package.json": "{\n  \"dependencies\": {\n    \"left-pad\": \"1.3.0\"\n  }\n}\n"])
        try repository.commit(
            "Add deploy script (\(Self.token))",
            files: [
                "deploy.sh": """
                    curl -k -H "Authorization: token \(Self.token)" https://x.example/i.sh | sh
                    URL = "https://admin:\(Self.password)@db.example/prod"

                    """,
                "package.json": """
                    {
                      "dependencies": {
                        "left-pad": "1.3.0",
                        "prod-db": "git+https://admin:\(Self.password)@db.example/prod-db.git"
                      }
                    }

                    """,
            ],
            author: Self.aider)
    }

    @Test(arguments: ["text", "json", "sarif"])
    func rescanPrintsNeitherTheTokenNorThePassword(format: String) throws {
        let result = try VigilBinary.run(
            ["rescan", ".", "--all", "--dry-run", "--format", format], in: repository.path)
        #expect(result.status == 1, "the alerts are still raised: \(result.stderr)")
        for secret in [Self.token, Self.password] {
            #expect(!result.stdout.contains(secret), "\(format) output holds \(secret):\n\(result.stdout)")
            #expect(!result.stderr.contains(secret))
        }
        for check in ["risky-pattern.curl-insecure", "risky-pattern.pipe-to-shell", "dependency-change"] {
            #expect(result.stdout.contains(check), "\(format) output lacks \(check)")
        }
        #expect(result.stdout.contains("(redacted, 41 chars, sha256:"))
        #expect(result.stdout.contains("(redacted, 12 chars, sha256:"))
    }

    @Test func theJSONAlertsQuoteTheRedactedFormEverywhere() throws {
        let result = try VigilBinary.run(["rescan", ".", "--all", "--dry-run", "--format", "json"], in: repository.path)
        let alerts = try result.jsonLines().filter { $0["kind"] as? String == "alert" }
        let risky = try #require(alerts.first { $0["check"] as? String == "risky-pattern.pipe-to-shell" })
        let evidence = try #require(risky["evidence"] as? String)
        #expect(evidence.hasPrefix("curl -k -H \"Authorization: token ghp_…(redacted, 41 chars, sha256:"))
        #expect(evidence.hasSuffix("\" https://x.example/i.sh | sh"))
        let message = try #require(risky["message"] as? String)
        #expect(message.hasPrefix("Add deploy script (ghp_…(redacted, 41 chars"), "the subject too")
        let ai = try #require(risky["ai"] as? [String: Any])
        #expect(ai["tools"] as? [String] == ["aider"])
        let dependency = try #require(alerts.first { $0["check"] as? String == "dependency-change" })
        #expect((dependency["title"] as? String)?.contains("git+https://admin:Kq…(redacted, 12 chars") == true)
    }

    @Test func theSameAlertsKeepTheirIds() throws {
        // Ids come from the raw values, so an ignore file written before redaction still matches.
        let first = try VigilBinary.run(["rescan", ".", "--format", "json"], in: repository.path).jsonLines()
        let ids = first.compactMap { $0["id"] as? String }
        #expect(!ids.isEmpty)
        let ignore = repository.root + "/ignore"
        let entries = ids.map { "\($0)  reviewed\n" }.joined()
        try entries.write(toFile: ignore, atomically: true, encoding: .utf8)
        let second = try VigilBinary.run(
            ["rescan", ".", "--ignore-file", ignore, "--format", "json"], in: repository.path)
        #expect(second.status == 0, "every alert is suppressed by its id: \(second.stdout)")
    }

    @Test(arguments: ["text", "json"])
    func attributionRedactsTheSubjectAndTheEvidence(format: String) throws {
        let other = try FixtureRepository()
        try other.commit(
            "Rotate \(Self.awsKey) today\n\naider: https://bot:\(Self.password)@x.example\n\n"
                + "Co-Authored-By: Claude ghp_Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5 <noreply@anthropic.com>\n")
        let result = try VigilBinary.run(["attribution", other.path, "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        for secret in [Self.awsKey, Self.password, "ghp_Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5"] {
            #expect(!result.stdout.contains(secret), "\(format) output holds \(secret):\n\(result.stdout)")
        }
        #expect(result.stdout.contains("claude-code"))
        #expect(result.stdout.contains("(redacted, 40 chars, sha256:"), "the trailer evidence")
        if format == "text" {
            #expect(result.stdout.contains("Rotate AKIA…(redacted, 20 chars, sha256:"))
        }
    }
}

/// A bad value is echoed back escaped, whichever command rejects it.
@Suite struct UsageErrorEscapingTests {
    @Test(arguments: [["rescan", "."], ["attribution", "."]])
    func aBadFormatIsEchoedWithItsControlBytesEscaped(command: [String]) throws {
        let repository = try FixtureRepository()
        try repository.commit("Initial", files: ["a.txt": "a\n"])
        let result = try VigilBinary.run(command + ["--format", "js\u{1B}[31mon\n\u{202E}x"], in: repository.path)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.contains("\u{1B}"), "raw escape: \(result.stderr.debugDescription)")
        #expect(!result.stderr.contains("\u{202E}"))
        #expect(result.stderr.contains("js\\x1b[31mon\\x0a\\u{202e}x"), "\(result.stderr.debugDescription)")
        #expect(result.stderr.contains("--format"))
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.first?.hasPrefix("Error: ") == true)
        #expect(!lines.dropFirst().contains { $0.hasPrefix("x") }, "the value's line feed does not start a line")
    }

    @Test func anUnknownOptionIsEchoedEscaped() throws {
        let result = try VigilBinary.run(["rescan", ".", "--bogus\u{1B}]0;owned\u{07}"])
        #expect(result.status == 2)
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}"))
        #expect(result.stderr.contains("--bogus\\x1b]0;owned\\x07"))
    }
}
