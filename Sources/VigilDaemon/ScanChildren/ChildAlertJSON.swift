import Foundation
import VigilCore

/// Checks that an alert from a scan child says the same thing twice: in the fields the queue
/// filters, follows up and reconciles on, and in the JSON the alert log and `vigil queue show`
/// print. A child that parsed a hostile pack may lie; `ScanBatchValidation` checks the id, the
/// commit, the repository and the JSON's first fields, and this checks the rest.
///
/// Vigil's own records are one line of compact JSON with each key once, so the checks are exact:
/// no control character at all (a raw line break would split the log line and let the child
/// write a record of its choosing), a JSON object, exactly one `"id":` and one `"seq":` (a
/// duplicate key is read differently by different readers, and the log writer resumes from
/// them), and every filter field equal to the JSON's member.
enum ChildAlertJSON {
    static func agrees(_ record: AlertRecord) -> Bool {
        let bytes = Array(record.json.utf8)
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }),
            occurrences(of: "\"id\":", in: bytes) == 1, occurrences(of: "\"seq\":", in: bytes) == 1,
            let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
        else { return false }
        let refAgrees =
            switch record.ref {
            case nil: object["ref"] is NSNull
            case let ref?: object["ref"] as? String == ref
            }
        let tools = (object["ai"] as? [String: Any])?["tools"] as? [String]
        return record.source == .daemon && isTimestamp(record.time)
            && object["id"] as? String == record.id
            && object["seq"] is NSNull
            && object["time"] as? String == record.time
            && object["source"] as? String == record.source.rawValue
            && object["repo"] as? String == record.repository
            && refAgrees
            && object["commit"] as? String == record.commit
            && object["check"] as? String == record.check
            && object["severity"] as? String == record.severity.rawValue
            && tools == record.tools
    }

    /// RFC 3339 UTC to the second, as `Timestamp` writes it: the queue filters by comparing these
    /// as text, so any other shape would sort wrongly.
    private static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let shape = Array("0000-00-00T00:00:00Z".utf8)
        guard bytes.count == shape.count else { return false }
        return zip(bytes, shape).allSatisfy { byte, expected in
            expected == UInt8(ascii: "0") ? (0x30...0x39).contains(byte) : byte == expected
        }
    }

    private static func occurrences(of text: String, in bytes: [UInt8]) -> Int {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return 0 }
        return (0...(bytes.count - needle.count)).count { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
