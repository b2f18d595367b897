import Foundation
import VigilCore

/// `vigil queue`'s text for people: aligned columns, and every piece of repository text (and of
/// what people typed: notes, names) escaped with `TerminalText`, so nothing raw reaches a terminal.
public enum QueuedAlertText {
    static let header = ["SEQ", "STATE", "SEVERITY", "ID", "CHECK", "REPO", "COMMIT", "WHERE"]

    /// The listing: a header, one line per alert with its title on the next, and a count.
    public static func list(_ alerts: [QueuedAlert]) -> String {
        let seqWidth = max(3, alerts.map { String($0.seq).count }.max() ?? 0)
        var output = row(["SEQ".leftPadded(to: seqWidth)] + header.dropFirst()) + "\n"
        for alert in alerts {
            let record = alert.record
            let details = RecordDetails(json: record.json)
            output +=
                row([
                    String(alert.seq).leftPadded(to: seqWidth), alert.state.rawValue, record.severity.rawValue,
                    String(escape(record.id).prefix(12)), escape(record.check), escape(record.repository),
                    String(escape(record.commit).prefix(12)), details.location.map(escape) ?? "",
                ]) + "\n"
            var second = details.title.map(escape) ?? ""
            if let by = alert.by {
                second +=
                    "  [\(alert.state.rawValue) by \(escape(by))" + (alert.note.map { ": " + shortened(escape($0)) } ?? "") + "]"
            }
            if !second.isEmpty { output += String(repeating: " ", count: seqWidth + 2) + second + "\n" }
            if !alert.links.isEmpty {
                output += String(repeating: " ", count: seqWidth + 2) + "also on " + linkSummary(alert.links) + "\n"
            }
        }
        output += alerts.count == 1 ? "1 alert\n" : "\(alerts.count) alerts\n"
        return output
    }

    /// One alert in full, then its history, oldest change first.
    public static func detail(_ alert: QueuedAlert, history: [AlertStateChange]) -> String {
        let record = alert.record
        let details = RecordDetails(json: record.json)
        var fields: [(String, String)] = [
            ("id", escape(record.id)), ("seq", String(alert.seq)), ("state", alert.state.rawValue),
            ("updated", escape(alert.updated)),
        ]
        if let by = alert.by { fields.append(("by", escape(by))) }
        if let note = alert.note { fields.append(("note", escape(note))) }
        fields += [
            ("severity", record.severity.rawValue), ("check", escape(record.check)),
            ("title", details.title.map(escape) ?? ""), ("repo", escape(record.repository)),
            ("ref", record.ref.map(escape) ?? "-"), ("commit", escape(record.commit)),
            ("where", details.location.map(escape) ?? "-"), ("evidence", details.evidence.map(escape) ?? "-"),
            ("message", details.message.map(escape) ?? "-"),
            ("tools", record.tools.isEmpty ? "-" : record.tools.map(escape).joined(separator: ", ")),
            ("time", escape(record.time)), ("source", record.source.rawValue),
            ("follow-up", followUp(alert.followUp)),
            ("linked", alert.links.isEmpty ? "-" : "\(alert.links.count) later commit(s) with the same patch"),
        ]
        var output = ""
        for (name, value) in fields { output += TerminalText.column(name, width: 10) + value + "\n" }
        for link in alert.links {
            output += "  \(escape(link.commit))  \(link.ref.map(escape) ?? "-")  \(escape(link.time))  "
            output += "\(link.source.rawValue)  id \(escape(link.id))\n"
        }
        output += "history\n"
        for change in history {
            let move = change.from.map { "\($0.rawValue) -> \(change.to.rawValue)" } ?? "queued \(change.to.rawValue)"
            output += "  \(escape(change.time))  \(move)  by \(escape(change.by))"
            output += (change.note.map { ": " + escape($0) } ?? "") + "\n"
        }
        return output
    }

    /// One line after a state change: what it is now.
    public static func changed(_ alert: QueuedAlert) -> String {
        "\(escape(alert.record.id)): \(alert.state.rawValue)" + (alert.by.map { " by \(escape($0))" } ?? "")
    }

    /// The later commits linked to an alert, the first three by short id and ref.
    private static func linkSummary(_ links: [LinkedFinding]) -> String {
        let shown = links.prefix(3).map { link in
            String(escape(link.commit).prefix(12)) + (link.ref.map { " (\(escape($0)))" } ?? "")
        }
        let more = links.count > 3 ? ", and \(links.count - 3) more" : ""
        return shown.joined(separator: ", ") + more + " (same patch; not raised again)"
    }

    private static func followUp(_ status: FollowUpStatus) -> String {
        var text = status.state.rawValue
        if status.attempts > 0 { text += ", \(status.attempts) attempt" + (status.attempts == 1 ? "" : "s") }
        if let next = status.nextAttempt, status.state == .pending { text += ", next \(escape(next))" }
        if let error = status.lastError { text += ", last error: \(escape(error))" }
        return text
    }

    private static let widths = [0, 9, 8, 12, 28, 36, 12]

    private static func row(_ cells: [String]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { line += "  " }
            let width = index < widths.count ? widths[index] : 0
            line += width > 0 && index < cells.count - 1 ? TerminalText.column(cell, width: width) : cell
        }
        return line.trimmingTrailingSpaces()
    }

    private static func escape(_ text: String) -> String { TerminalText.escape(text) }

    /// A note as the listing shows it: its first 80 characters (`show` prints it whole).
    private static func shortened(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(79)) + "…" : text
    }
}

/// The parts of a stored `vigil.alert/1` record the text view shows that the queue has no column for.
struct RecordDetails {
    var title: String?
    var location: String?
    var evidence: String?
    var message: String?

    init(json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return }
        title = object["title"] as? String
        evidence = object["evidence"] as? String
        message = object["message"] as? String
        if let path = object["path"] as? String {
            location = (object["line"] as? Int).map { "\(path):\($0)" } ?? path
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
