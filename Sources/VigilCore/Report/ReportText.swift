/// `vigil report`'s text: aligned tables, every piece of repository text escaped for the terminal.
struct ReportText {
    let repository: String
    let redact: @Sendable (String) -> String

    /// One range: totals, then AI lines by tool, lines by author and by file.
    func release(_ report: ReleaseReport) -> String {
        var text = "\(escape(repository))  \(escape(report.fromName))..\(escape(report.toName))"
        text += "  (\(report.from.short)..\(report.to.short))\n"
        text += "\(report.commits) commits, \(report.aiCommits) written with AI tools\n"
        text += "\(report.lines) lines from the range stand at \(escape(report.toName)); "
        text += "\(report.aiLines) written with AI tools (\(Self.percent(report.aiLines, of: report.lines)))\n"
        if !report.byTool.isEmpty {
            text += "\n" + table(
                header: ["TOOL", "AI LINES", "SHARE"], widths: [24, 9, 7],
                rows: report.byTool.map { [escape($0.name), "\($0.lines)", Self.percent($0.lines, of: report.lines)] })
        }
        if !report.byAuthor.isEmpty {
            text += "\n" + table(
                header: ["AUTHOR", "LINES", "AI LINES", "AI SHARE"], widths: [40, 9, 9, 9],
                rows: report.byAuthor.map(countRow))
        }
        if !report.byFile.isEmpty {
            text += "\n" + table(
                header: ["FILE", "LINES", "AI LINES", "AI SHARE"], widths: [48, 9, 9, 9],
                rows: report.byFile.map(countRow))
        }
        text += notCounted(report)
        return text
    }

    /// `--by-tag`: one row per release, oldest first, with a bar for the AI share.
    func releases(_ reports: [ReleaseReport]) -> String {
        var text = "\(escape(repository))\n"
        let rows = reports.map { report in
            [
                escape(report.fromName) + ".." + escape(report.toName), "\(report.commits)", "\(report.lines)",
                "\(report.aiLines)", Self.percent(report.aiLines, of: report.lines),
                Self.bar(ReleaseReport.share(report.aiLines, of: report.lines) ?? 0),
            ]
        }
        text += table(
            header: ["RELEASE", "COMMITS", "LINES", "AI LINES", "AI SHARE", ""], widths: [36, 8, 9, 9, 9, 0],
            rows: rows)
        let skipped = reports.reduce(0) { $0 + $1.skipped.count }
        let excluded = reports.reduce(0) { $0 + $1.excludedFiles }
        if skipped + excluded > 0 {
            text += "not counted: \(skipped) files that cannot be blamed, \(excluded) files excluded by path\n"
        }
        return text
    }

    private func countRow(_ count: ReleaseReport.Count) -> [String] {
        [escape(count.name), "\(count.lines)", "\(count.aiLines)", Self.percent(count.aiLines, of: count.lines)]
    }

    private func notCounted(_ report: ReleaseReport) -> String {
        var text = ""
        for (path, reason) in report.skipped {
            var line = "not counted: \(escape(path)) (\(reason.label)"
            if case .tooLarge(let size) = reason { line += ", \(size) bytes" }
            text += line + ")\n"
        }
        if report.excludedFiles > 0 { text += "not counted: \(report.excludedFiles) files excluded by path\n" }
        if report.commitsCutShort > 0 {
            text += "move and copy search cut short in \(report.commitsCutShort) commits\n"
        }
        return text.isEmpty ? "" : "\n" + text
    }

    /// Left-aligned first column, right-aligned numbers; a width of 0 leaves the column as it is.
    private func table(header: [String], widths: [Int], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let width = widths[index]
                if width == 0 {
                    parts.append(cell)
                } else if index == 0 {
                    parts.append(TerminalText.column(cell, width: width))
                } else {
                    parts.append(String(repeating: " ", count: max(0, width - cell.count)) + cell)
                }
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        return line(header) + rows.map(line).joined()
    }

    private func escape(_ text: String) -> String { TerminalText.escape(redact(text)) }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard let share = ReleaseReport.share(part, of: whole) else { return "-" }
        return String(Int((share * 10).rounded()) / 10) + "." + String(Int((share * 10).rounded()) % 10) + "%"
    }

    /// 20 cells for 100 %, in eighths of a cell.
    static func bar(_ share: Double) -> String {
        let eighths = Int((min(max(share, 0), 100) / 100 * 160).rounded())
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }
}
