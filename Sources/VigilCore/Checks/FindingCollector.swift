import VigilGit

/// Where the runner gathers one commit's findings while the checks run. It drops waived and
/// repeated findings, applies the check's severity override, and lists at most `limit` findings
/// per check id: past that it only counts them, keeping the first few locations as examples, and
/// `finish` adds one summary finding per check id that went over.
///
/// Checks that can find something on every line (secrets, risky patterns) write here directly
/// (`StreamingCheck`) and ask `isFull` before building a finding, so a commit of 200,000 matching
/// lines costs 200,000 counts, not 200,000 findings in memory. Which findings are listed is
/// deterministic: the first ones in the order each check reports them (files in diff order, then
/// lines), so their alert ids stay the same from one scan to the next.
struct FindingCollector {
    /// How many locations of unlisted findings a summary names.
    static let exampleCount = 5

    /// Findings listed per check id; `nil` for no limit.
    let limit: Int?
    private let waiver: InlineWaiver?
    private var severity: Severity?
    private(set) var listed: [Finding] = []
    private var seen: Set<Finding> = []
    private var listedPerCheck: [String: Int] = [:]
    private var unlisted: [String: Unlisted] = [:]
    /// Checks that stopped early because the time budget ran out, and where.
    private(set) var stops: [String] = []

    private struct Unlisted {
        var count = 0
        var severity: Severity
        var examples: [String] = []
    }

    /// A collector for the runner: waivers from `diff`, at most `limit` findings per check id.
    init(limit: Int?, diff: CommitDiff?) {
        self.limit = limit
        waiver = diff.map(InlineWaiver.init)
    }

    /// The severity every finding of the next check gets (the operator's override), if any.
    mutating func begin(severity: Severity?) {
        self.severity = severity
    }

    /// True when `check` has listed all it may: further findings should go to `addUnlisted`.
    func isFull(_ check: String) -> Bool {
        guard let limit else { return false }
        return listedPerCheck[check, default: 0] >= limit
    }

    mutating func add(_ finding: Finding) {
        var finding = finding
        if let severity { finding.severity = severity }
        if let waiver, waiver.waives(path: finding.path, line: finding.line) { return }
        guard !seen.contains(finding) else { return }
        guard !isFull(finding.check) else {
            count(finding.check, severity: finding.severity, path: finding.path, line: finding.line)
            return
        }
        seen.insert(finding)
        listed.append(finding)
        listedPerCheck[finding.check, default: 0] += 1
    }

    /// A finding a check did not build because its check id is full: counted for the summary.
    mutating func addUnlisted(check: String, severity: Severity, path: String?, line: Int?) {
        if let waiver, waiver.waives(path: path, line: line) { return }
        count(check, severity: self.severity ?? severity, path: path, line: line)
    }

    /// Records that `check` stopped at `path` (and `line`) because the time budget ran out.
    mutating func stopped(_ check: String, at path: String, line: Int?) {
        stops.append("\(check) at \(path)" + (line.map { ":\($0)" } ?? ""))
    }

    private mutating func count(_ check: String, severity: Severity, path: String?, line: Int?) {
        var entry = unlisted[check] ?? Unlisted(severity: severity)
        entry.count += 1
        entry.severity = max(entry.severity, severity)
        if entry.examples.count < Self.exampleCount {
            entry.examples.append((path ?? "(commit)") + (line.map { ":\($0)" } ?? ""))
        }
        unlisted[check] = entry
    }

    /// The listed findings, then one summary per check id that went over the limit. A summary has
    /// no path or line, and its `matchHash` names only the check, so its alert id stays the same
    /// however many findings it sums up.
    func finish() -> [Finding] {
        var findings = listed
        for check in unlisted.keys.sorted() {
            guard let entry = unlisted[check], let limit else { continue }
            findings.append(
                Finding(
                    check: check, severity: entry.severity,
                    title: "\(entry.count) more \(check) findings not listed "
                        + "(at most \(limit) per check and commit are)",
                    evidence: "first not listed: " + entry.examples.joined(separator: ", ")
                        + "; [scan] max_findings_per_check sets the limit",
                    matchHash: SHA256Hex.digest("findings-over-limit:" + check)
                )
            )
        }
        return findings
    }
}

/// A check that writes its findings into the runner's collector as it finds them, so that the
/// per-check cap and the time budget apply while it runs rather than after.
protocol StreamingCheck: Check {
    func run(_ context: CheckContext, into collector: inout FindingCollector)
}

extension StreamingCheck {
    /// Every finding, with no cap and no waiver (the runner applies those).
    func collectAll(_ context: CheckContext) -> [Finding] {
        var collector = FindingCollector(limit: nil, diff: nil)
        run(context, into: &collector)
        return collector.listed
    }
}
