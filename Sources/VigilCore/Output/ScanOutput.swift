/// Where a scan's results go, in the order they happen. Implementations are called from one
/// writer thread, one call at a time, never under the scan workers' lock (`OrderedOutputWriter`).
public protocol ScanOutput: Sendable {
    /// The first call, once every repository has been opened (a run that fails before that
    /// prints nothing on standard output).
    func begin()
    /// A scanned commit (after its alerts have been reported through `alert`).
    func commit(_ report: CommitReport, repository: String)
    func alert(_ alert: Alert)
    func error(_ error: ScanError)
    /// An ignore-file entry that matched nothing in a scan of whole histories.
    func staleIgnore(_ entry: IgnoreList.Entry, file: String?)
    /// The last call.
    func finish(_ summary: ScanSummary)
}

extension ScanOutput {
    public func begin() {}

    public func staleIgnore(_ entry: IgnoreList.Entry, file: String?) {
        TextSink.standardError.write(
            "vigil: \(TerminalText.escape(file ?? "ignore file")):\(entry.line): "
                + "stale entry \(entry.id) matches no alert\n")
    }
}

/// Totals for a whole run, over every repository.
public struct ScanSummary: Sendable, Hashable {
    public var commits = 0
    public var aiCommits = 0
    public var alerts = 0
    /// Findings linked to the same finding on an earlier commit with the same patch (not in `alerts`).
    public var linked = 0
    public var errors = 0
    public var seconds = 0.0
    /// The most severe alert, for `--fail-on`.
    public var highestSeverity: Severity?

    public init() {}

    /// The `summary` record; `countsAlerts` is false for runs without checks (`attribution`), whose
    /// summary has no `alerts` field rather than a misleading 0.
    public func json(countsAlerts: Bool = true) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("kind", .string("summary")),
            ("commits", .integer(commits)),
            ("ai_commits", .integer(aiCommits)),
        ]
        if countsAlerts { fields += [("alerts", .integer(alerts)), ("linked", .integer(linked))] }
        fields += [("errors", .integer(errors)), ("seconds", .number((seconds * 1000).rounded() / 1000))]
        return .object(fields)
    }
}

extension ScanError {
    public var json: JSONValue {
        .object([
            ("kind", .string("error")),
            ("repo", .string(repository)),
            ("commit", .optional(commit?.hex)),
            ("object", .optional(object?.hex)),
            ("path", .optional(path)),
            ("message", .string(message)),
        ])
    }
}

extension CommitReport {
    /// `{"kind":"commit","repo":…,"commit":SHA,"ai":true,"tools":[…],"suggested_by":[…],
    /// "committed_by":[…],"evidence":[…]}`: `ai` and `tools` name what wrote the change.
    public func json(repository: String) -> JSONValue {
        .object([
            ("kind", .string("commit")),
            ("repo", .string(repository)),
            ("commit", .string(id.hex)),
            ("ai", .bool(verdict.isAI)),
            ("tools", .strings(verdict.authoredBy)),
            ("suggested_by", .strings(verdict.suggestedBy)),
            ("committed_by", .strings(verdict.committedBy)),
            ("evidence", verdict.evidenceJSON),
        ])
    }
}
