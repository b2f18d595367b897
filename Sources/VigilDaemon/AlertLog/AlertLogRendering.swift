import Foundation
import VigilCore

/// How `vigil tail` shows one line of the alert log. A line that is not a JSON object (a log
/// edited by hand, damaged, or not Vigil's) is never shown: the caller warns about it instead.
public enum AlertLogRendering {
    /// The line as it is, for `--format json`; `nil` when it is not a JSON object. Vigil writes
    /// every character a terminal would act on as a `\u` escape; a line that carries one raw
    /// (written by something else) has it escaped the same way, which keeps the JSON's meaning.
    public static func json(_ line: [UInt8]) -> String? {
        guard object(line) != nil else { return nil }
        let text = String(decoding: line, as: UTF8.self)
        guard TerminalText.escape(text) != text else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            let single = String(scalar)
            if TerminalText.escape(single) == single {
                escaped.unicodeScalars.append(scalar)
            } else {
                escaped += "\\u" + String(repeating: "0", count: max(0, 4 - String(scalar.value, radix: 16).count))
                    + String(scalar.value, radix: 16)
            }
        }
        return escaped
    }

    /// One readable line for `--format text`: time, severity, check, repository, short commit,
    /// path:line and title, every field escaped; `nil` when the line is not a JSON object. A
    /// field that is missing or of the wrong type shows as `-`.
    public static func text(_ line: [UInt8]) -> String? {
        guard let record = object(line) else { return nil }
        func field(_ key: String) -> String {
            (record[key] as? String).map(TerminalText.escape) ?? "-"
        }
        let commit = (record["commit"] as? String).map { TerminalText.escape(String($0.prefix(12))) } ?? "-"
        var location = field("path")
        if location != "-", let number = record["line"] as? Int { location += ":\(number)" }
        let severity = (record["severity"] as? String).map { TerminalText.escape($0.uppercased()) } ?? "-"
        return [
            field("time"), TerminalText.column(severity, width: 8), field("check"), field("repo"), commit, location,
            field("title"),
        ].joined(separator: "  ")
    }

    private static func object(_ line: [UInt8]) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
    }
}
