import VigilCore

/// `vigil queue`'s JSON: the `vigil.alert/1` record with its seq, plus the queue's own fields
/// (`state`, `updated`, `by`, `note`), one object per line (DESIGN.md, "Command line").
public enum QueuedAlertJSON {
    public static func line(_ alert: QueuedAlert) -> String {
        extend(alert.record.json(seq: alert.seq), with: queueFields(alert))
    }

    /// The line of `queue show`: the list's fields, the follow-up delivery and the history.
    public static func detail(_ alert: QueuedAlert, history: [AlertStateChange]) -> String {
        let followUp = JSONValue.object([
            ("state", .string(alert.followUp.state.rawValue)),
            ("attempts", .integer(alert.followUp.attempts)),
            ("next_attempt", .optional(alert.followUp.nextAttempt)),
            ("last_error", .optional(alert.followUp.lastError)),
        ])
        let changes = JSONValue.array(
            history.map { change in
                .object([
                    ("time", .string(change.time)),
                    ("from", .optional(change.from?.rawValue)),
                    ("to", .string(change.to.rawValue)),
                    ("by", .string(change.by)),
                    ("note", .optional(change.note)),
                ])
            })
        return extend(
            alert.record.json(seq: alert.seq),
            with: queueFields(alert) + [("followup", followUp), ("history", changes)])
    }

    private static func queueFields(_ alert: QueuedAlert) -> [(String, JSONValue)] {
        [
            ("state", .string(alert.state.rawValue)),
            ("updated", .string(alert.updated)),
            ("by", .optional(alert.by)),
            ("note", .optional(alert.note)),
            ("linked", .array(alert.links.map(linkJSON))),
        ]
    }

    /// A later commit's same finding, linked to this alert: `{"id","commit","ref","time","source"}`.
    private static func linkJSON(_ link: LinkedFinding) -> JSONValue {
        .object([
            ("id", .string(link.id)), ("commit", .string(link.commit)), ("ref", .optional(link.ref)),
            ("time", .string(link.time)), ("source", .string(link.source.rawValue)),
        ])
    }

    /// The record's object with `fields` appended. The record is one JSON object Vigil wrote; a
    /// stored text that is not one (a damaged row) still gives a valid line, with the record as a string.
    private static func extend(_ record: String, with fields: [(String, JSONValue)]) -> String {
        let tail = JSONValue.object(fields).serialized().dropFirst()
        let trimmed = record.trimmingSuffix(while: { $0 == " " || $0 == "\n" })
        if trimmed.hasPrefix("{"), trimmed.hasSuffix("}") {
            return trimmed == "{}" ? "{" + String(tail) : String(trimmed.dropLast()) + "," + String(tail)
        }
        return JSONValue.object([("record", .string(record))] + fields).serialized()
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var text = self
        while let last = text.last, predicate(last) { text.removeLast() }
        return text
    }
}
