import Testing
import VigilGit

@testable import VigilCore

/// The built-in private-key rule finds exactly what it found before on real key blocks, and costs
/// work linear in the text on a file of nothing but BEGIN lines, which used to take minutes.
@Suite("Secrets: private-key rule cost")
struct SecretsPrivateKeyCostTests {
    /// The rule as it was: correct, but its search for an END ran to the end of the text from every
    /// BEGIN, so thousands of BEGIN lines cost time quadratic in the file.
    static let previousPattern =
        #"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,}?-----END[ A-Z0-9_-]{0,100}"#
        + #"PRIVATE KEY(?: BLOCK)?-----"#

    static func currentRule() throws -> Regex {
        let rule = try #require(try GitleaksRuleFile.builtin().rules.first { $0.id == "private-key" })
        return try #require(rule.regex)
    }

    /// Real shapes of key blocks, as the scan sees them (consecutive lines joined by line feeds).
    static var realKeys: [String] {
        let rsa = PrivateKeyFixture.lines.joined(separator: "\n")
        let body = Array(PrivateKeyFixture.lines.dropFirst().dropLast())
        let encrypted = (["-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED",
            "DEK-Info: AES-128-CBC,3F17F5316E2BAC89A5BDB05C4B1F2A3D", ""] + body + ["-----END RSA PRIVATE KEY-----"])
            .joined(separator: "\n")
        let pgp = (["-----BEGIN PGP PRIVATE KEY BLOCK-----", "Version: GnuPG v2", "Comment: build-bot - ci key", ""]
            + body + ["=nP3x", "-----END PGP PRIVATE KEY BLOCK-----"]).joined(separator: "\n")
        let openssh = (["-----BEGIN OPENSSH PRIVATE KEY-----"] + body.prefix(6) + ["-----END OPENSSH PRIVATE KEY-----"])
            .joined(separator: "\n")
        let pkcs8 = (["-----BEGIN ENCRYPTED PRIVATE KEY-----"] + body + ["-----END ENCRYPTED PRIVATE KEY-----"])
            .joined(separator: "\n")
        return [
            rsa, encrypted, pgp, openssh, pkcs8,
            #"{"private_key": ""# + PrivateKeyFixture.escaped + #""}"#,
            PrivateKeyFixture.lines.joined(separator: "\r\n"),
            "config:\n" + rsa + "\n\n" + openssh + "\ntrailer",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" + pkcs8,
            "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
        ]
    }

    @Test func findsWhatThePreviousRuleFoundOnRealKeys() throws {
        let previous = try Regex(Self.previousPattern)
        let current = try Self.currentRule()
        for text in Self.realKeys {
            let before = previous.allMatches(in: text).map(\.range)
            #expect(current.allMatches(in: text).map(\.range) == before, "\(text.prefix(60).debugDescription)")
        }
        #expect(try previous.allMatches(in: Self.realKeys[7]).count == 2)
    }

    @Test func linearOnThousandsOfBeginLines() throws {
        let current = try Self.currentRule()
        let header = PrivateKeyFixture.lines[0]
        for count in [1_000, 4_000] {
            // As the scan joins a run of added lines, and as one long line.
            for separator in ["\n", ""] {
                let text = Array(Array(repeating: header, count: count).joined(separator: separator).utf8)
                let cost = try RegexCostMeter.cost(of: current, over: text, budget: 40 * text.count)
                #expect(cost != nil, "\(count) BEGIN lines joined by \(separator.debugDescription)")
            }
        }
    }

    @Test func scanOfBeginLinesFinishesAndStillFindsTheKeyAfterThem() throws {
        let check = try SecretsFixture.builtinCheck.get()
        let lines = Array(repeating: PrivateKeyFixture.lines[0], count: 5_000) + PrivateKeyFixture.lines
        let log = RegexLimitLog()
        let findings = try RegexLimitLog.$current.withValue(log) {
            try SecretsFixture.scan(check, path: "keys/many.pem", lines)
        }
        #expect(findings.map(\.check) == ["secrets.private-key"])
        #expect(findings.first?.line == 5_001)
        #expect(log.count == 0)
    }
}
