/// `--format json`: one record per line, every record with its `kind` (DESIGN.md).
public struct JSONLinesOutput: ScanOutput {
    public var sink: TextSink
    /// `attribution` lists every commit; `rescan` lists the AI-written ones beside their alerts.
    public var includeHumanCommits: Bool

    public init(sink: TextSink = .standardOutput, includeHumanCommits: Bool) {
        self.sink = sink
        self.includeHumanCommits = includeHumanCommits
    }

    public func commit(_ report: CommitReport, repository: String) {
        guard includeHumanCommits || report.verdict.isAI || !report.verdict.committedBy.isEmpty else { return }
        sink.write(report.json(repository: repository).serialized() + "\n")
    }

    public func alert(_ alert: Alert) {
        sink.write(alert.kindJSON.serialized() + "\n")
    }

    public func error(_ error: ScanError) {
        sink.write(error.json.serialized() + "\n")
    }

    public func staleIgnore(_ entry: IgnoreList.Entry, file: String?) {
        let record: JSONValue = .object([
            ("kind", .string("stale-ignore")), ("id", .string(entry.id)), ("file", .optional(file)),
            ("line", .integer(entry.line)), ("note", .string(entry.note)),
        ])
        sink.write(record.serialized() + "\n")
    }

    public func finish(_ summary: ScanSummary) {
        sink.write(summary.json.serialized() + "\n")
    }
}
