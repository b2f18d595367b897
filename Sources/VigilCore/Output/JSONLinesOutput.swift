/// `--format json`: one record per line, every record with its `kind` (DESIGN.md).
public struct JSONLinesOutput: ScanOutput {
    public var sink: TextSink
    /// `attribution` lists every commit; `rescan` lists those naming a tool beside their alerts.
    public var includeHumanCommits: Bool
    /// `attribution --ai-only`: only commits a tool wrote.
    public var aiOnly: Bool
    /// Whether the summary counts alerts: `attribution` runs no checks, so it has none to count.
    public var countsAlerts: Bool

    public init(
        sink: TextSink = .standardOutput, includeHumanCommits: Bool, aiOnly: Bool = false, countsAlerts: Bool = true
    ) {
        self.sink = sink
        self.includeHumanCommits = includeHumanCommits
        self.aiOnly = aiOnly
        self.countsAlerts = countsAlerts
    }

    /// The output of `vigil attribution --format json`.
    public static func attribution(sink: TextSink = .standardOutput, aiOnly: Bool) -> JSONLinesOutput {
        JSONLinesOutput(sink: sink, includeHumanCommits: !aiOnly, aiOnly: aiOnly, countsAlerts: false)
    }

    public func commit(_ report: CommitReport, repository: String) {
        let verdict = report.verdict
        if aiOnly, !verdict.isAI { return }
        guard includeHumanCommits || !verdict.tools.isEmpty else { return }
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
        sink.write(summary.json(countsAlerts: countsAlerts).serialized() + "\n")
    }
}
