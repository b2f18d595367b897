import VigilGit

extension Alert {
    /// The alert record of DESIGN.md, keys in documented order.
    public var json: JSONValue {
        .object([
            ("schema", .string(Alert.schema)),
            ("id", .string(id)),
            ("seq", .optional(seq)),
            ("time", .string(time)),
            ("source", .string(source.rawValue)),
            ("repo", .string(repository)),
            ("ref", .optional(ref)),
            ("commit", .string(commit.hex)),
            ("check", .string(finding.check)),
            ("severity", .string(finding.severity.rawValue)),
            ("title", .string(finding.title)),
            ("path", .optional(finding.path)),
            ("line", .optional(finding.line)),
            ("evidence", .string(finding.evidence)),
            ("author", author.json),
            ("committer", committer.json),
            ("ai", .object([("tools", .strings(verdict.tools)), ("evidence", verdict.evidenceJSON)])),
            ("message", .string(summary)),
        ])
    }

    /// The record with `"kind":"alert"` first, as `--format json` prints it. A finding linked to
    /// an earlier commit's is `"kind":"linked"`, with `"linked_to":{"id":…,"commit":…}` last: it is
    /// not an alert, and a reader counting alerts must not count it.
    public var kindJSON: JSONValue {
        guard case .object(let members) = json else { return json }
        guard let linkedTo else { return .object([("kind", .string("alert"))] + members) }
        return .object([("kind", .string("linked"))] + members + [("linked_to", linkedTo.json)])
    }
}

extension Signature {
    /// `{"name":…,"email":…,"time":"2026-11-29T19:00:00+01:00"}`
    public var json: JSONValue {
        .object([("name", .string(name)), ("email", .string(email)), ("time", .string(timestamp))])
    }

    /// RFC 3339 with the signer's own offset.
    public var timestamp: String { Timestamp.rfc3339(seconds: time, offsetMinutes: offsetMinutes) }
}

extension Verdict {
    public var evidenceJSON: JSONValue {
        .array(evidence.map { item in
            .object([
                ("tool", .string(item.tool)), ("marker", .string(item.marker.rawValue)), ("text", .string(item.text)),
            ])
        })
    }
}
