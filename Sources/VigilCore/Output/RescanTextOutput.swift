/// `vigil rescan --format text`: one line per alert, most useful columns first, then a summary.
/// Repository text is escaped so no terminal escape survives.
public struct RescanTextOutput: ScanOutput {
    public var sink: TextSink

    public init(sink: TextSink = .standardOutput) {
        self.sink = sink
    }

    public func commit(_ report: CommitReport, repository: String) {}

    public func alert(_ alert: Alert) {
        let location = alert.finding.path.map { path in
            TerminalText.escape(path) + (alert.finding.line.map { ":\($0)" } ?? "")
        } ?? "-"
        let toolList = TerminalText.escape(alert.verdict.tools.joined(separator: ","))
        let tools = alert.verdict.tools.isEmpty ? "" : "  [\(toolList)]"
        sink.write(
            TerminalText.column(alert.finding.severity.rawValue.uppercased(), width: 8) + "  "
                + alert.commit.short + "  " + TerminalText.escape(alert.finding.check) + "  " + location + "\n"
                + "          " + TerminalText.escape(alert.finding.title) + ": "
                + TerminalText.escape(alert.finding.evidence) + tools + "\n")
    }

    public func error(_ error: ScanError) {
        let commit = error.commit?.short ?? "-"
        let object = error.object.map { " object \($0.short)" } ?? ""
        sink.write("ERROR     \(commit)\(object)  \(TerminalText.escape(error.message))\n")
    }

    public func finish(_ summary: ScanSummary) {
        sink.write(
            "\(summary.commits) commits scanned, \(summary.aiCommits) written with AI tools, "
                + "\(summary.alerts) alerts, \(summary.errors) errors (\(format3(summary.seconds)) s)\n")
    }
}
