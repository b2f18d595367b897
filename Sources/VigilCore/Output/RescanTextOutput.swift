import Synchronization

/// `vigil rescan --format text`: for each alerted commit, one line with its short id, author,
/// subject and tools, then one line per alert (severity, check, `path:line`) with its title and
/// evidence below; with more than one repository scanned, a line naming each repository before
/// its first alert or error. A finding linked to an earlier commit's (the same patch) is one
/// `LINKED` line naming that alert. Every piece of repository text is escaped.
public final class RescanTextOutput: ScanOutput {
    public let sink: TextSink
    /// Whether lines name the repository (more than one is scanned).
    public let namesRepositories: Bool
    private let shown = Mutex<(repository: String?, commit: String?)>((nil, nil))

    public init(sink: TextSink = .standardOutput, namesRepositories: Bool = false) {
        self.sink = sink
        self.namesRepositories = namesRepositories
    }

    public func commit(_ report: CommitReport, repository: String) {}

    public func alert(_ alert: Alert) {
        var text = heading(repository: alert.repository)
        if let line = commitLine(alert) { text += line }
        let location =
            alert.finding.path.map { path in
                TerminalText.escape(path) + (alert.finding.line.map { ":\($0)" } ?? "")
            } ?? "-"
        let check = TerminalText.escape(alert.finding.check)
        if let link = alert.linkedTo {
            text +=
                "  " + TerminalText.column("LINKED", width: 8) + "  \(check)  \(location)  same finding as alert "
                + TerminalText.escape(String(link.id.prefix(12))) + " on " + TerminalText.escape(String(link.commit.prefix(12)))
                + " (same patch)\n"
        } else {
            text +=
                "  " + TerminalText.column(alert.finding.severity.rawValue.uppercased(), width: 8) + "  "
                + check + "  " + location + "\n"
                + "            " + AlertTitleText.line(alert.finding) + "\n"
        }
        sink.write(text)
    }

    public func error(_ error: ScanError) {
        let commit = error.commit?.short ?? "-"
        let object = error.object.map { " object \($0.short)" } ?? ""
        sink.write(
            heading(repository: error.repository)
                + "ERROR     \(commit)\(object)  \(TerminalText.escape(error.message))\n")
    }

    public func finish(_ summary: ScanSummary) {
        let linked = summary.linked > 0 ? "\(summary.linked) linked to earlier commits, " : ""
        sink.write(
            "\(summary.commits) commits scanned, \(summary.aiCommits) written with AI tools, "
                + "\(summary.alerts) alerts, \(linked)\(summary.errors) errors (\(format3(summary.seconds)) s)\n")
    }

    // MARK: - Headings

    /// The repository line when the repository changes (and more than one is scanned).
    private func heading(repository: String) -> String {
        shown.withLock { shown in
            guard shown.repository != repository else { return "" }
            shown.repository = repository
            shown.commit = nil
            return namesRepositories ? "repository \(TerminalText.escape(repository))\n" : ""
        }
    }

    /// The commit's line, once, before its first alert: short id, author, subject and tools.
    private func commitLine(_ alert: Alert) -> String? {
        let first = shown.withLock { shown in
            guard shown.commit != alert.commit.hex else { return false }
            shown.commit = alert.commit.hex
            return true
        }
        guard first else { return nil }
        let author = TerminalText.escape("\(alert.author.name) <\(alert.author.email)>")
        let tools = alert.verdict.tools.isEmpty ? "" : "  [\(TerminalText.escape(alert.verdict.tools.joined(separator: ",")))]"
        return alert.commit.short + "  " + author + "  " + TerminalText.escape(alert.summary) + tools + "\n"
    }
}

/// A finding's title and evidence as one line for people, without saying a thing twice: the path
/// the location already shows and the evidence the title already holds are left out of the title.
enum AlertTitleText {
    static func line(_ finding: Finding) -> String {
        let title = shortened(finding.title, path: finding.path, evidence: finding.evidence)
        let evidence = finding.evidence
        if evidence.isEmpty || title.contains(evidence) { return TerminalText.escape(title) }
        return TerminalText.escape(title) + ": " + TerminalText.escape(evidence)
    }

    /// `title` without a trailing `: PATH`, ` in PATH` or ` from PATH`, with ` in PATH: ` made
    /// `: `, and without a trailing `: PART` whose part the evidence repeats.
    static func shortened(_ title: String, path: String?, evidence: String) -> String {
        var text = title
        if let path, !path.isEmpty {
            for suffix in [": " + path, " in " + path, " from " + path] where text.hasSuffix(suffix) {
                text.removeLast(suffix.count)
                break
            }
            text = text.replacing(" in " + path + ": ", with: ": ")
        }
        if let colon = text.ranges(of: ": ").last {
            let tail = text[colon.upperBound...]
            if !tail.isEmpty, evidence.contains(tail) { text = String(text[..<colon.lowerBound]) }
        }
        return text.isEmpty ? title : text
    }
}
