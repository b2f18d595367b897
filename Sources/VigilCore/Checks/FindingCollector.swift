import VigilGit

/// Where the runner gathers one commit's findings while the checks run. It drops waived and
/// repeated findings, applies the check's severity override, and lists at most `limit` findings
/// per check id: past that it only counts them, keeping the first few locations as examples, and
/// `finish` adds one summary finding per check id that went over.
///
/// A check may also have a summary threshold (`max_findings_per_commit`): when one of its check
/// ids finds more than that in the commit, `finish` replaces all of them with a single summary
/// naming the count and the first locations. Then `finish` drops findings another check already
/// reports more strongly (`FindingOverlap`).
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
    /// The summary threshold of the check that is running.
    private var threshold: Int?
    /// The summary threshold of each check id seen, from the check that reported it.
    private var thresholds: [String: Int] = [:]
    private let overlap: FindingOverlap
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
    init(limit: Int?, diff: CommitDiff?, overlap: FindingOverlap = FindingOverlap(checks: [])) {
        self.limit = limit
        self.overlap = overlap
        waiver = diff.map(InlineWaiver.init)
    }

    /// Starts the next check: the severity every finding of it gets (the operator's override), if
    /// any, and above how many findings per check id it is summed up in one.
    mutating func begin(severity: Severity?, threshold: Int? = nil) {
        self.severity = severity
        self.threshold = threshold
    }

    /// True when `check` has listed all it may: further findings should go to `addUnlisted`.
    func isFull(_ check: String) -> Bool {
        guard let listing = listingLimit(check) else { return false }
        return listedPerCheck[check, default: 0] >= listing
    }

    /// Findings of `check` kept in full: the global cap, or fewer when the check is summed up
    /// earlier (a summed-up check needs only its first few findings, for the examples).
    private func listingLimit(_ check: String) -> Int? {
        switch (limit, thresholds[check] ?? threshold) {
        case (nil, nil): nil
        case (let limit?, nil): limit
        case (nil, let threshold?): threshold
        case (let limit?, let threshold?): min(limit, threshold)
        }
    }

    /// Adds a finding. `keepingSeverity` leaves a severity the check chose on purpose (test code
    /// read as test code) as it is, over the operator's override for the check.
    mutating func add(_ finding: Finding, keepingSeverity: Bool = false) {
        var finding = finding
        if let severity, !keepingSeverity { finding.severity = severity }
        if let waiver, waiver.waives(path: finding.path, line: finding.line) { return }
        guard !seen.contains(finding) else { return }
        if thresholds[finding.check] == nil, let threshold { thresholds[finding.check] = threshold }
        guard !isFull(finding.check) else {
            count(finding.check, severity: finding.severity, path: finding.path, line: finding.line)
            return
        }
        seen.insert(finding)
        listed.append(finding)
        listedPerCheck[finding.check, default: 0] += 1
    }

    /// A finding a check did not build because its check id is full: counted for the summary.
    mutating func addUnlisted(
        check: String, severity: Severity, path: String?, line: Int?, keepingSeverity: Bool = false
    ) {
        if let waiver, waiver.waives(path: path, line: line) { return }
        if thresholds[check] == nil, let threshold { thresholds[check] = threshold }
        count(check, severity: keepingSeverity ? severity : self.severity ?? severity, path: path, line: line)
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

    /// The listed findings, less those another check reports more strongly, then one summary per
    /// check id that went over the global limit or its threshold. A summary has no path or line,
    /// and its `matchHash` names only the check and the kind of summary, so its alert id stays the
    /// same however many findings it sums up.
    func finish() -> [Finding] {
        let summedUp = thresholds.keys.sorted().filter { check in
            guard let threshold = thresholds[check] else { return false }
            return listedPerCheck[check, default: 0] + (unlisted[check]?.count ?? 0) > threshold
        }
        var findings = overlap.resolve(listed.filter { !summedUp.contains($0.check) })
        for check in summedUp {
            guard let threshold = thresholds[check] else { continue }
            let own = listed.filter { $0.check == check }
            let total = own.count + (unlisted[check]?.count ?? 0)
            var severity = own.map(\.severity).max() ?? .info
            if let entry = unlisted[check] { severity = max(severity, entry.severity) }
            var examples = own.prefix(Self.exampleCount).map(Self.location)
            if examples.count < Self.exampleCount, let entry = unlisted[check] {
                examples += entry.examples.prefix(Self.exampleCount - examples.count)
            }
            findings.append(
                Finding(
                    check: check, severity: severity,
                    title: "\(total) \(check) findings in one commit, summed up in one",
                    evidence: "first: " + examples.joined(separator: ", ")
                        + "; more than \(threshold) per commit are summed up (max_findings_per_commit)",
                    matchHash: SHA256Hex.digest("findings-over-threshold:" + check)
                )
            )
        }
        for check in unlisted.keys.sorted() where !summedUp.contains(check) {
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

    private static func location(_ finding: Finding) -> String {
        (finding.path ?? "(commit)") + (finding.line.map { ":\($0)" } ?? "")
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
