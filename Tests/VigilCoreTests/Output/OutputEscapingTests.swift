import Foundation
import Testing
import VigilGit

@testable import VigilCore

/// Repository text is attacker-controlled: JSON and terminal output must neutralise it.
@Suite struct OutputEscapingTests {
    static let hostile = "a\u{1B}]0;title\u{07}b\u{1B}[2Jc\u{9B}31md\u{202E}e\u{2028}f\r\n\t\"\\\u{0}g\u{7F}"

    @Test func jsonEscapesEveryControlAndSeparatorCharacter() throws {
        let line = JSONValue.object([("text", .string(Self.hostile))]).serialized()
        for scalar in line.unicodeScalars {
            #expect(scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value), "raw U+\(scalar.value) in \(line)")
            #expect(scalar.value != 0x2028 && scalar.value != 0x2029)
        }
        let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(decoded?["text"] == Self.hostile, "escaping loses nothing")
    }

    @Test func jsonEscapesBidirectionalOverridesAndIsolates() throws {
        // U+202A–U+202E (embeddings and overrides) and U+2066–U+2069 (isolates), around plain text.
        let values: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        var text = "if admin "
        for value in values {
            text.unicodeScalars.append(Unicode.Scalar(value)!)
            text += "x"
        }
        let line = JSONValue.object([("message", .string(text))]).serialized()
        for scalar in line.unicodeScalars {
            let bidi = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            #expect(!bidi, "raw U+\(String(scalar.value, radix: 16)) in \(line)")
        }
        for value in values {
            #expect(line.contains("\\u" + String(value, radix: 16) + "x"))
        }
        let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(decoded?["message"] == text, "escaping loses nothing")
    }

    @Test func jsonKeepsKeyOrderAndPlainUnicode() {
        let value = JSONValue.object([
            ("schema", .string("vigil.alert/1")), ("id", .integer(7)), ("é", .string("日本")),
        ])
        #expect(value.serialized() == #"{"schema":"vigil.alert/1","id":7,"é":"日本"}"#)
        #expect(JSONValue.number(.nan).serialized() == "null")
    }

    @Test func terminalTextShowsEscapesInsteadOfRunningThem() {
        let shown = TerminalText.escape(Self.hostile)
        #expect(!shown.unicodeScalars.contains { TerminalText.needsEscape($0) })
        #expect(shown.contains("\\x1b]0;title\\x07"))
        #expect(shown.contains("\\u{202e}"))
        #expect(TerminalText.escape("plain ascii, ünïcödé") == "plain ascii, ünïcödé")
    }

    @Test func columnsPadAndTruncate() {
        #expect(TerminalText.column("ab", width: 4) == "ab  ")
        #expect(TerminalText.column("abcdef", width: 4) == "abc…")
    }

    @Test func sarifURIsArePercentEncoded() {
        #expect(SARIFLog.uri("src/app.py") == "src/app.py")
        #expect(SARIFLog.uri("dir with space/#x?.py") == "dir%20with%20space/%23x%3F.py")
        #expect(SARIFLog.uri("a\u{1B}b") == "a%1Bb")
    }

    @Test func timestampsAreRFC3339WithTheSignersOffset() {
        #expect(Timestamp.rfc3339(seconds: 1_700_000_000) == "2023-11-14T22:13:20Z")
        #expect(Timestamp.rfc3339(seconds: 1_700_000_000, offsetMinutes: 330) == "2023-11-15T03:43:20+05:30")
        #expect(Timestamp.rfc3339(seconds: 1_700_000_000, offsetMinutes: -480) == "2023-11-14T14:13:20-08:00")
    }
}

/// The alert id: stable for the same finding, different for anything that tells findings apart.
@Suite struct AlertFingerprintTests {
    let commit = ObjectID(hex: String(repeating: "ab", count: 20))!
    let finding = Finding(
        check: "secrets.aws-access-key-id", severity: .critical, title: "AWS access key ID", path: "a.py",
        line: 3, evidence: "AKIA…", matchHash: "f00")

    @Test func sameFindingSameId() {
        let id = AlertFingerprint.make(repository: "/srv/a.git", commit: commit, finding: finding)
        #expect(id.count == 32)
        #expect(id == AlertFingerprint.make(repository: "/srv/a.git", commit: commit, finding: finding))
    }

    @Test func everyIdentifyingFieldChangesTheId() {
        let base = AlertFingerprint.make(repository: "/srv/a.git", commit: commit, finding: finding)
        var other = finding
        other.line = 4
        #expect(AlertFingerprint.make(repository: "/srv/a.git", commit: commit, finding: other) != base)
        other = finding
        other.matchHash = "f01"
        #expect(AlertFingerprint.make(repository: "/srv/a.git", commit: commit, finding: other) != base)
        other = finding
        other.path = "b.py"
        #expect(AlertFingerprint.make(repository: "/srv/a.git", commit: commit, finding: other) != base)
        #expect(AlertFingerprint.make(repository: "/srv/b.git", commit: commit, finding: finding) != base)
        other = finding
        other.title = "reworded"
        other.severity = .low
        #expect(AlertFingerprint.make(repository: "/srv/a.git", commit: commit, finding: other) == base,
            "wording and severity are not identity")
    }
}

/// The reviewed-findings file.
@Suite struct IgnoreListTests {
    let id = String(repeating: "0123456789abcdef", count: 2)

    @Test func parsesIdsNotesAndComments() throws {
        let list = try IgnoreList(text: "# reviewed\n\n\(id)  # fixture key\n", file: "ignore")
        #expect(list.entries.map(\.id) == [id])
        #expect(list.entries.first?.line == 3)
        #expect(list.entries.first?.note == "fixture key")
        #expect(list.stale.count == 1)
        #expect(list.suppresses(id))
        #expect(list.stale.isEmpty)
        #expect(!list.suppresses(String(repeating: "f", count: 32)))
    }

    @Test func malformedLinesAreProblemsWithTheirLines() {
        #expect(throws: ConfigProblems.self) { try IgnoreList(text: "\(id)\nNOT-HEX\n\(id.uppercased())\n", file: "f") }
        do {
            _ = try IgnoreList(text: "\(id)\nNOT-HEX\n\(id.uppercased())\n", file: "f")
        } catch {
            #expect(error.problems.map(\.line) == [2, 3])
        }
    }
}
