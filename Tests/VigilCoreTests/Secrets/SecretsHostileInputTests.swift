import Testing
import VigilGit

@testable import VigilCore

/// Attacker-controlled diffs: enormous lines, binary-ish bytes, control characters. The scan
/// must finish, still find what is there, and never echo control characters or whole secrets.
@Suite("Secrets: hostile input")
struct SecretsHostileInputTests {
    static let token = "ghp_Zk8QmR2vX7pL4tN9wB3yH6cJ1fD5sA0gE8uK"

    @Test func megabyteLineIsScannedInWindows() throws {
        let check = try SecretsFixture.builtinCheck.get()
        let filler = String(repeating: "a1b2c3d4e5;", count: 1_048_576 / 11)
        let atEnd = filler + " t=" + Self.token
        let atStart = Self.token + " " + filler
        let middle = String(filler.prefix(500_003)) + " " + Self.token + " " + String(filler.prefix(500_000))
        for line in [atEnd, atStart, middle] {
            #expect(line.utf8.count > 1_000_000)
            let findings = try SecretsFixture.scan(check, path: "dist/app.min.js", [line])
            #expect(findings.map(\.check) == ["secrets.github-pat"])
            #expect(findings.first?.matchHash == SHA256Hex.digest(Self.token))
        }
    }

    @Test func secretAcrossEveryWindowBoundaryIsFoundOnce() throws {
        let check = SecretsCheck(rules: try GitleaksRuleFile.builtin(), maxLineLength: 256)
        // Windows of 256 bytes step by 128: try every offset around two boundaries.
        for offset in 100..<300 {
            let before = String(repeating: "x", count: offset)
            let line = before + " " + Self.token + " " + String(repeating: "y", count: 400)
            let findings = try SecretsFixture.scan(check, [line])
            #expect(findings.count == 1, "offset \(offset): \(findings.count) findings")
        }
    }

    @Test func windowBoundaryInsideMultibyteCharacters() throws {
        let check = SecretsCheck(rules: try GitleaksRuleFile.builtin(), maxLineLength: 256)
        let wide = String(repeating: "é漢🔑", count: 200)
        let line = wide + " " + Self.token + " " + wide
        #expect(try SecretsFixture.scan(check, [line]).count == 1)
    }

    @Test func keywordDenseLineFinishes() throws {
        let check = try SecretsFixture.gitleaksCheck.get()
        // 256 KB where every few bytes is a keyword of several rules: it must simply finish, and
        // the repeated values collapse into a handful of findings (one per distinct value).
        let line = String(repeating: "api_key=password=token=secret= ", count: 8_000)
        #expect(try SecretsFixture.scan(check, [line]).count < 10)
    }

    @Test func binaryishAndControlCharactersAroundASecret() throws {
        let check = try SecretsFixture.builtinCheck.get()
        let noise = "\u{0}\u{1}\u{7}\u{1B}[31m\u{FFFD}\u{FFFD}\u{7F}\r"
        let lines = [noise + "token " + Self.token + noise, String(repeating: "\u{0}", count: 4096), noise]
        let findings = try SecretsFixture.scan(check, path: "data/dump.txt", lines)
        #expect(findings.map(\.check) == ["secrets.github-pat"])
        for finding in findings {
            #expect(!finding.evidence.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        }
    }

    @Test func evidenceStopsAtControlCharactersInTheSecret() throws {
        let rules = """
            [[rules]]
            id = "anything"
            regex = '''secret\\((.{12,})\\)'''
            keywords = ["secret("]
            """
        let check = SecretsCheck(rules: try SecretsFixture.rules(rules))
        let findings = try SecretsFixture.scan(check, ["secret(ab\u{1B}]0;pwned\u{7}xyz0123)"])
        let finding = try #require(findings.first)
        #expect(finding.evidence.hasPrefix("ab…(redacted, 19 chars, sha256:"))
    }

    @Test func emptyAndWhitespaceLines() throws {
        let check = try SecretsFixture.gitleaksCheck.get()
        #expect(try SecretsFixture.scan(check, ["", " ", "\t\t", String(repeating: " ", count: 10_000)]).isEmpty)
    }
}
