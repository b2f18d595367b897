/// Adds up lines into a report's totals and breakdowns.
struct ReportTally {
    private(set) var lines = 0
    private(set) var aiLines = 0
    private var tools: [String: Int] = [:]
    private var authors: [String: (lines: Int, ai: Int)] = [:]
    private var files: [String: (lines: Int, ai: Int)] = [:]

    mutating func add(path: String, author: String, tool: String?) {
        lines += 1
        let ai = tool == nil ? 0 : 1
        aiLines += ai
        if let tool { tools[tool, default: 0] += 1 }
        authors[author, default: (0, 0)].lines += 1
        authors[author, default: (0, 0)].ai += ai
        files[path, default: (0, 0)].lines += 1
        files[path, default: (0, 0)].ai += ai
    }

    func fill(_ report: inout ReleaseReport) {
        report.lines = lines
        report.aiLines = aiLines
        report.byTool = tools.map { ReleaseReport.Count(name: $0.key, lines: $0.value, aiLines: $0.value) }
            .sorted { ($0.lines, $1.name) > ($1.lines, $0.name) }
        report.byAuthor = authors.map { ReleaseReport.Count(name: $0.key, lines: $0.value.lines, aiLines: $0.value.ai) }
            .sorted { ($0.lines, $1.name) > ($1.lines, $0.name) }
        report.byFile = files.map { ReleaseReport.Count(name: $0.key, lines: $0.value.lines, aiLines: $0.value.ai) }
            .sorted { $0.name < $1.name }
    }
}
