import VigilGit

/// `vigil report --format json`: JSON lines, each with a `kind`. One `release` record per range
/// (per pair of tags with `--by-tag`, oldest first), an `error` record for each thing that could not
/// be read, and a `summary` last. Every count is there; shares are percentages with two decimals,
/// `null` where there are no lines.
struct ReportJSON {
    let repository: String
    let redact: @Sendable (String) -> String

    func release(_ report: ReleaseReport) -> JSONValue {
        .object([
            ("kind", .string("release")),
            ("repo", .string(repository)),
            ("from", .string(redact(report.fromName))),
            ("to", .string(redact(report.toName))),
            ("from_commit", .string(report.from.hex)),
            ("to_commit", .string(report.to.hex)),
            ("commits", .integer(report.commits)),
            ("ai_commits", .integer(report.aiCommits)),
            ("lines", .integer(report.lines)),
            ("ai_lines", .integer(report.aiLines)),
            ("ai_share", Self.share(report.aiLines, of: report.lines)),
            ("by_tool", .array(report.byTool.map { tool($0, total: report.lines) })),
            ("by_author", .array(report.byAuthor.map { count($0, key: "author") })),
            ("by_file", .array(report.byFile.map { count($0, key: "path") })),
            ("skipped", .array(report.skipped.map { skipped($0.path, $0.reason) })),
            ("excluded_files", .integer(report.excludedFiles)),
            ("move_search_cut_short", .integer(report.commitsCutShort)),
            ("errors", .integer(report.problems.count)),
        ])
    }

    func problem(_ problem: ReportProblem) -> JSONValue {
        .object([
            ("kind", .string("error")),
            ("repo", .string(repository)),
            ("commit", .optional(problem.commit?.hex)),
            ("path", .optional(problem.path.map(redact))),
            ("message", .string(redact(problem.message))),
        ])
    }

    func summary(_ reports: [ReleaseReport], notVersions: [String], errors: Int, seconds: Double) -> JSONValue {
        let lines = reports.reduce(0) { $0 + $1.lines }
        let aiLines = reports.reduce(0) { $0 + $1.aiLines }
        return .object([
            ("kind", .string("summary")),
            ("releases", .integer(reports.count)),
            ("commits", .integer(reports.reduce(0) { $0 + $1.commits })),
            ("lines", .integer(lines)),
            ("ai_lines", .integer(aiLines)),
            ("ai_share", Self.share(aiLines, of: lines)),
            ("tags_not_versions", .array(notVersions.map { .string(redact($0)) })),
            ("errors", .integer(errors)),
            ("seconds", .number((seconds * 1000).rounded() / 1000)),
        ])
    }

    private func tool(_ count: ReleaseReport.Count, total: Int) -> JSONValue {
        .object([
            ("tool", .string(redact(count.name))), ("lines", .integer(count.lines)),
            ("share", Self.share(count.lines, of: total)),
        ])
    }

    private func count(_ count: ReleaseReport.Count, key: String) -> JSONValue {
        .object([
            (key, .string(redact(count.name))), ("lines", .integer(count.lines)),
            ("ai_lines", .integer(count.aiLines)), ("ai_share", Self.share(count.aiLines, of: count.lines)),
        ])
    }

    private func skipped(_ path: String, _ reason: SkipReason) -> JSONValue {
        var fields: [(String, JSONValue)] = [("path", .string(redact(path))), ("reason", .string(reason.label))]
        switch reason {
        case .tooLarge(let size): fields.append(("bytes", .integer(Int(size))))
        case .unreadable(let message): fields.append(("message", .string(redact(message))))
        case .binary: break
        }
        return .object(fields)
    }

    static func share(_ part: Int, of whole: Int) -> JSONValue {
        guard let share = ReleaseReport.share(part, of: whole) else { return .null }
        return .number((share * 100).rounded() / 100)
    }
}
