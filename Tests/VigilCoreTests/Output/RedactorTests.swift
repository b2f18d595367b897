import Testing
import VigilGit

@testable import VigilCore

/// `Redactor`: what is taken out of repository text before it is printed, and what is left alone.
@Suite struct RedactorTests {
    static let token = "ghp_" + "Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5"
    static let awsKey = "AKIAQYLPMN5HHHFPZAM2"
    let redactor = Redactor.builtin

    /// The form the secrets check uses for `secret`.
    static func redacted(_ secret: String) -> String {
        SecretRedaction.redact(Array(secret.utf8)).evidence
    }

    // MARK: - Secret rules

    @Test func theBuiltinRulesAreLoaded() {
        #expect(redactor.source == "builtin")
        #expect(redactor.ruleIDs.contains("github-pat"))
        #expect(redactor.ruleIDs.contains("aws-access-key-id"))
    }

    @Test func aSecretFoundByARuleIsReplacedByTheSecretsChecksForm() {
        #expect(Self.token.count == 40)
        let line = "curl -sSL https://x.example/i.sh | GH=\(Self.token) sh"
        let shown = redactor.redact(line)
        #expect(!shown.contains(Self.token))
        #expect(shown == "curl -sSL https://x.example/i.sh | GH=\(Self.redacted(Self.token)) sh")
        #expect(shown.contains("ghp_…(redacted, 40 chars, sha256:"))
        #expect(redactor.redact("key \(Self.awsKey) here") == "key \(Self.redacted(Self.awsKey)) here")
    }

    @Test func everySecretInATextIsRedacted() {
        let text = "a=\(Self.token) b=\(Self.awsKey) c=\(Self.token)"
        let shown = redactor.redact(text)
        #expect(!shown.contains(Self.token))
        #expect(!shown.contains(Self.awsKey))
        #expect(shown.components(separatedBy: "(redacted,").count == 4)
    }

    @Test func placeholdersTheRulesAllowStay() {
        // The built-in allowlists' placeholders and low-entropy values are no secrets to the check,
        // nor here.
        let example = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE"
        #expect(redactor.redact(example) == example)
        #expect(redactor.redact("password = \"changeme\"") == "password = \"changeme\"")
    }

    @Test func plainTextIsReturnedUnchanged() {
        for text in ["", "Fix the parser", "See https://example.com/docs", "mail dana@example.com", "日本語 ✓"] {
            #expect(redactor.redact(text) == text)
        }
    }

    @Test func anAnchoredRuleMatchesOnEveryLineOfAMultiLineText() {
        let secret = "Zx81Qm29Lw74Rt05Kp"
        let message = "Add env\n\nexport API_TOKEN=\(secret)\n"
        let shown = redactor.redact(message)
        #expect(!shown.contains(secret), "generic-env-secret is anchored at a line's start")
        #expect(shown.hasPrefix("Add env\n\nexport API_TOKEN="))
    }

    @Test func aSecretDeepInAVeryLongLineIsFound() {
        let line = String(repeating: "x", count: 10_000) + " \(Self.token) " + String(repeating: "y", count: 10_000)
        let shown = redactor.redact(line)
        let leaked = shown.contains(Self.token)
        #expect(!leaked)
        #expect(shown.hasSuffix(" \(Self.redacted(Self.token)) " + String(repeating: "y", count: 10_000)))
    }

    // MARK: - URL credentials

    @Test(arguments: [
        ("https://user:pa%40ss@host", "pa%40ss", "https://user:"),
        ("postgres://u:p@h/db", "p", "postgres://u:"),
        ("URL = \"https://admin:Kq7vX2mP9wLz@db.example/prod\"", "Kq7vX2mP9wLz", "URL = \"https://admin:"),
        ("git clone https://ci:s3cr3t-Value@git.example.com/a.git", "s3cr3t-Value", "git clone https://ci:"),
        ("ftp://anon:guest@ftp.example.org", "guest", "ftp://anon:"),
        ("{\"url\":\"amqp://bus:Q9w8E7r6@mq:5672/vh\"}", "Q9w8E7r6", "{\"url\":\"amqp://bus:"),
        ("https://:tok3nValue@host/x", "tok3nValue", "https://:"),
        ("https://user:p@ss:w0rd@host", "p@ss:w0rd", "https://user:"),
    ])
    func theURLPasswordIsRedactedAndTheUserKept(text: String, password: String, kept: String) {
        let shown = redactor.redact(text)
        #expect(shown.hasPrefix(kept + Self.redacted(password)), "\(shown)")
        if password.count > 1 { #expect(!shown.contains(password)) }
        #expect(shown.contains("@"), "the host stays")
    }

    @Test(arguments: [
        "https://host/path", "user@host", "https://user@host/x", "ssh://git@github.com:22/org/repo.git",
        "https://host:8080/a@b", "git@github.com:org/repo.git", "https://host/?q=a:b@c", "https://user:@host",
        "https://ci:${CI_TOKEN}@git.example.com", "https://ci:$CI_TOKEN@git.example.com",
        "https://ci:{{ token }}@git.example.com", "mailto:dana:x@example.com", "http://[::1]:8080/",
    ])
    func textWithoutAURLPasswordIsLeftAlone(text: String) {
        #expect(redactor.redact(text) == text)
    }

    // MARK: - Authorization headers

    @Test(arguments: [
        "curl -k -H \"Authorization: token ghp_Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5A\" https://x.example/i.sh | sh",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9x",
        "headers = {\"Authorization\": \"Basic ZGFuYTpzM2NyM3Q=\"}",
        "authorization=Zq8Lm2Rt5Vx9Kp3W",
    ])
    func authorizationCredentialsAreRedacted(text: String) {
        let shown = redactor.redact(text)
        #expect(shown.contains("(redacted,"), "\(shown)")
        #expect(shown.lowercased().contains("authorization"), "the header name stays")
        let credentials = [
            "ghp_Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5A", "eyJhbGciOiJIUzI1NiJ9x", "ZGFuYTpzM2NyM3Q=",
            "Zq8Lm2Rt5Vx9Kp3W",
        ]
        for word in credentials {
            #expect(!shown.contains(word))
        }
    }

    @Test(arguments: [
        "-H \"Authorization: Bearer $GITHUB_TOKEN\"", "Authorization: token ${{ secrets.GITHUB_TOKEN }}",
        "Authorization: Bearer <token>", "Fix Authorization: token refresh", "authorization checks",
    ])
    func authorizationReferencesAndProseAreLeftAlone(text: String) {
        #expect(redactor.redact(text) == text)
    }

    // MARK: - The rules in force

    @Test func aGitleaksFileAppliesWithTheBuiltinRules() throws {
        let rules = try GitleaksRuleFile(
            text: """
                [[rules]]
                id = "acme-key"
                regex = '''acme_[0-9a-f]{16}'''
                keywords = ["acme_"]
                """, source: "acme.toml")
        let redactor = Redactor(checks: [ConfiguredCheck(check: SecretsCheck(rules: rules))])
        #expect(redactor.source == "acme.toml")
        #expect(redactor.redact("key acme_0123456789abcdef") == "key \(Self.redacted("acme_0123456789abcdef"))")
        // A file that knows fewer formats than Vigil does must not let one through: the built-in
        // GitHub rule, which the file lacks, still applies; and the URL rule always does.
        #expect(!redactor.redact("GH=\(Self.token)").contains(Self.token))
        #expect(!redactor.redact("subject AKIAQYLPMN5HHHFPZAM2 leaked").contains("AKIAQYLPMN5HHHFPZAM2"))
        #expect(!redactor.redact("https://u:Kq7vX2mP9wLz@h").contains("Kq7vX2mP9wLz"))
    }

    @Test func withTheSecretsCheckOffTheBuiltinRulesStillApply() throws {
        var config = VigilConfig()
        config.checks["secrets"] = Fixture.table("secrets", ["enabled": .bool(false)])
        let factory = try AnalyzerFactory(config: config)
        let redactor = factory.redactor(forRepository: "/srv/git/app.git")
        #expect(redactor.source == "builtin")
        #expect(!redactor.redact("GH=\(Self.token)").contains(Self.token))
    }

    @Test func disabledRulesAreNotInForce() throws {
        let check = SecretsCheck(rules: try GitleaksRuleFile.builtin(), disabledRules: ["github-pat"])
        let redactor = Redactor(checks: [ConfiguredCheck(check: check)])
        #expect(!redactor.ruleIDs.contains("github-pat"))
        #expect(redactor.redact("GH=\(Self.token)") == "GH=\(Self.token)")
    }

    // MARK: - Records

    @Test func aSecretFoundInOneTextOfARecordIsRedactedInAllOfThem() throws {
        // The header rule finds this token (41 characters: no GitHub rule matches it); the subject
        // quotes it bare, where nothing else would.
        let odd = "ghp_Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5A"
        let report = try Self.report(
            subject: "Deploy with \(odd)",
            findings: [
                Finding(
                    check: "risky-pattern.pipe-to-shell", severity: .high,
                    title: "Downloaded script piped into a shell", path: "deploy.sh", line: 1,
                    evidence: "curl -H \"Authorization: token \(odd)\" https://x | sh",
                    matchHash: "h")
            ])
        let shown = redactor.redact(report)
        #expect(shown.commit?.summary == "Deploy with \(Self.redacted(odd))")
        #expect(shown.findings[0].evidence == "curl -H \"Authorization: token \(Self.redacted(odd))\" https://x | sh")
        #expect(shown.findings[0].matchHash == "h")
    }

    @Test func shortSecretsAreRedactedOnlyWhereFound() throws {
        let report = try Self.report(
            subject: "Point p at postgres://u:p@h/db",
            findings: [Finding(check: "t", severity: .low, title: "p and q", evidence: "p")])
        let shown = redactor.redact(report)
        #expect(shown.commit?.summary == "Point p at postgres://u:\(Self.redacted("p"))@h/db")
        #expect(shown.findings[0].title == "p and q")
    }

    @Test func everyTextACommitReportCarriesIsRedacted() throws {
        let trailer = Trailer(key: "Co-Authored-By", value: "Bot \(Self.token) <bot@example.com>")
        var report = try Self.report(
            subject: "Add \(Self.awsKey)", body: "\n\nsee https://u:Kq7vX2mP9wLz@h\n", trailers: [trailer])
        report.commit?.author.name = "Robin \(Self.token) (aider)"
        report.commit?.committer.email = "\(Self.awsKey)@example.com"
        report.verdict = Verdict(
            authoredBy: ["aider"],
            evidence: [
                Evidence(tool: "aider", marker: .author, text: "Robin \(Self.token) (aider)", signature: "aider.author")
            ])
        report.findings = [
            Finding(
                check: "conflict-marker", severity: .medium, title: "in notes/\(Self.token).md",
                path: "notes/\(Self.token).md", line: 3, evidence: "<<<<<<< \(Self.awsKey)", matchHash: "m")
        ]
        report.errors = [
            ScanError(
                repository: "/r", commit: nil, object: nil, path: "x/\(Self.token)",
                message: "cannot read \(Self.token)")
        ]
        let shown = redactor.redact(report)
        var texts: [String] = []
        var copy = shown
        copy.forEachRepositoryText { texts.append($0) }
        #expect(texts.count == 13)
        for text in texts {
            let leaks = [Self.token, Self.awsKey, "Kq7vX2mP9wLz"].filter { text.contains($0) }
            #expect(leaks.isEmpty, "\(text)")
        }
        #expect(shown.commit?.message.hasSuffix("@h\n") == true)
        #expect(shown.commit?.trailers.first?.value.hasSuffix("<bot@example.com>") == true)
        #expect(shown.findings[0].line == 3 && shown.findings[0].matchHash == "m")
    }

    @Test func occurrencesAreFoundInLinearTime() throws {
        #expect(Redactor.occurrences(of: Array("aab".utf8), in: Array("aaab aab aa".utf8)) == [1..<4, 5..<8])
        #expect(Redactor.occurrences(of: Array("abab".utf8), in: Array("abababab".utf8)) == [0..<4, 4..<8])
        #expect(Redactor.occurrences(of: Array("x".utf8), in: Array("axbx".utf8)) == [1..<2, 3..<4])
        #expect(Redactor.occurrences(of: Array("long".utf8), in: Array("lo".utf8)).isEmpty)
        // A found secret of a's ending in b, and a subject of a's: quadratic for a naive search.
        let password = String(repeating: "a", count: 2_000) + "b"
        let report = try Self.report(
            subject: String(repeating: "a", count: 200_000),
            findings: [Finding(check: "t", severity: .low, title: "t", evidence: "https://u:\(password)@h")])
        let shown = redactor.redact(report)
        #expect(shown.commit?.summary == report.commit?.summary)
        #expect(shown.findings[0].evidence == "https://u:\(Self.redacted(password))@h")
    }

    @Test func theAlertIdIsComputedFromTheRawValues() throws {
        let raw = Finding(
            check: "conflict-marker", severity: .medium, title: "in \(Self.token).md", path: "notes/\(Self.token).md",
            line: 3, evidence: "<<<<<<< ours", matchHash: "m")
        let commit = try Fixture.commit()
        let plain = Alert(
            finding: raw, commit: commit, verdict: Fixture.aiVerdict, repository: "/r", ref: nil, source: .rescan,
            time: "t")
        let shownFinding = redactor.redact(raw)
        #expect(shownFinding.path != raw.path)
        let shown = Alert(
            finding: shownFinding, commit: commit, verdict: Fixture.aiVerdict, repository: "/r", ref: nil,
            source: .rescan, time: "t", raw: raw)
        #expect(shown.id == plain.id)
        #expect(redactor.redact(plain).id == plain.id)
        #expect(!redactor.redact(plain).json.serialized().contains(Self.token))
    }

    static func report(
        subject: String, body: String = "\n", trailers: [Trailer] = [], findings: [Finding] = []
    ) throws -> CommitReport {
        let id = try #require(ObjectID(hex: String(repeating: "c", count: 40)))
        let commit = Commit(
            id: id, parents: [], author: Fixture.human, committer: Fixture.human,
            rawMessage: Array((subject + body).utf8), trailers: trailers)
        return CommitReport(id: id, commit: commit, verdict: Fixture.aiVerdict, findings: findings)
    }
}
