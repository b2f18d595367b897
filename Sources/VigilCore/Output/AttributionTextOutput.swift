/// `vigil attribution --format text`: an aligned table, one row per commit, with the evidence for
/// each AI commit indented beneath it. Every repository string is escaped for the terminal.
public struct AttributionTextOutput: ScanOutput {
    public var sink: TextSink
    /// `--ai-only`: rows only for commits a tool wrote.
    public var aiOnly: Bool

    public init(sink: TextSink = .standardOutput, aiOnly: Bool = false) {
        self.sink = sink
        self.aiOnly = aiOnly
    }

    public func begin() {
        sink.write(Self.row("COMMIT", "AI", "TOOLS", "AUTHOR", "SUBJECT"))
    }

    static func row(_ commit: String, _ ai: String, _ tools: String, _ author: String, _ subject: String) -> String {
        TerminalText.column(commit, width: 12) + "  " + TerminalText.column(ai, width: 9) + "  "
            + TerminalText.column(tools, width: 20) + "  " + TerminalText.column(author, width: 28) + "  "
            + subject + "\n"
    }

    public func commit(_ report: CommitReport, repository: String) {
        let verdict = report.verdict
        if aiOnly, !verdict.isAI { return }
        // The role of the strongest evidence: wrote, then suggested, then only committed.
        let label =
            verdict.isAI ? "yes" : !verdict.suggestedBy.isEmpty ? "suggested" : !verdict.committedBy.isEmpty ? "committed" : "no"
        let author = report.commit.map { TerminalText.escape("\($0.author.name) <\($0.author.email)>") } ?? "?"
        let subject = report.commit.map { TerminalText.escape($0.summary) } ?? "(unreadable commit)"
        var text = Self.row(
            report.id.short, label, TerminalText.escape(verdict.tools.joined(separator: ",")), author, subject)
        for evidence in verdict.evidence {
            let role = verdict.suggestedBy.contains(evidence.tool) ? "suggestion " : ""
            text += "              \(role)\(evidence.marker.rawValue): \(TerminalText.escape(evidence.text))"
                + "  [\(TerminalText.escape(evidence.tool))]\n"
        }
        sink.write(text)
    }

    public func alert(_ alert: Alert) {}

    public func error(_ error: ScanError) {
        let commit = error.commit?.short ?? "-"
        let object = error.object.map { " object \($0.short)" } ?? ""
        sink.write("error: \(commit)\(object): \(TerminalText.escape(error.message))\n")
    }

    public func finish(_ summary: ScanSummary) {
        sink.write(
            "\n\(summary.commits) commits, \(summary.aiCommits) written with AI tools, \(summary.errors) errors"
                + " (\(format3(summary.seconds)) s)\n")
    }
}

/// Seconds with three decimals, without Foundation.
func format3(_ seconds: Double) -> String {
    let milliseconds = Int((seconds * 1000).rounded())
    let fraction = String(milliseconds % 1000)
    return "\(milliseconds / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
}
