import VigilGit

/// Runs one repository's checks on a commit: the one place that decides which commits are
/// checked (scope), which findings are waived inline, what severity they carry, and their order.
///
/// Built once per repository and configuration, then shared by every task that scans commits.
public struct CheckRunner: Sendable {
    /// Text that, on an added line, waives every finding about that line. `gitleaks:allow` is
    /// honoured too, so lines already annotated for gitleaks need no second marker.
    public static let allowMarkers: [StaticString] = ["vigil:allow", "gitleaks:allow"]

    /// The enabled checks, in catalogue order, each with its severity override.
    public let checks: [ConfiguredCheck]
    /// Which commits are checked: AI-written ones, or all.
    public let scope: CheckScope
    /// Findings listed per check id and commit; the rest are summed up in one finding.
    public let maxFindingsPerCheck: Int
    /// Which check owns a concern several of them see.
    private let overlap: FindingOverlap

    /// A runner over checks built elsewhere (tests, or a caller with its own catalogue).
    public init(
        checks: [ConfiguredCheck], scope: CheckScope = .ai,
        maxFindingsPerCheck: Int = ScanSettings.defaultMaxFindingsPerCheck
    ) {
        self.checks = checks
        self.scope = scope
        self.maxFindingsPerCheck = max(1, maxFindingsPerCheck)
        overlap = FindingOverlap(checks: checks)
    }

    /// The runner for `repository` under `config`: global `[checks.*]` tables merged with the
    /// repository's overrides, and the repository's scope unless `scope` overrides it (`rescan
    /// --scope`). With no repository, the global tables and `scope` (default `.ai`) apply.
    public init(
        config: VigilConfig, repository: RepositorySettings?, scope: CheckScope? = nil,
        catalog: CheckCatalog = .standard
    ) throws(ConfigProblems) {
        checks = try catalog.checks(for: config, repository: repository)
        self.scope = scope ?? repository?.scope ?? .ai
        maxFindingsPerCheck = config.scan.maxFindingsPerCheck
        overlap = FindingOverlap(checks: checks)
    }

    /// True when a commit with this verdict is checked at all.
    public func applies(to verdict: Verdict) -> Bool {
        scope == .all || verdict.isInAIScope
    }

    /// The findings for one commit, suppressions applied, in a stable order: commit-wide findings
    /// first, then by path, line, check id, title and evidence. Empty for a commit out of scope.
    ///
    /// Each check id lists at most `maxFindingsPerCheck` findings, then one summary, and a check
    /// over its `max_findings_per_commit` threshold reports one summary alone (`FindingCollector`);
    /// where two checks report one concern, the one that owns it is kept (`FindingOverlap`). Once the commit's deadline has passed no further check starts. What
    /// was not read or not checked — sides over the size limit, a spent budget — is reported as
    /// `scan-limit` findings.
    public func run(_ context: CheckContext) -> [Finding] {
        guard applies(to: context.verdict) else { return [] }
        var collector = FindingCollector(
            limit: maxFindingsPerCheck, diff: context.diff, overlap: overlap)
        var notRun: [String] = []
        // Searches a regex limit stopped saw no match: they are reported, not taken as clean.
        let regexLimits = RegexLimitLog()
        RegexLimitLog.$current.withValue(regexLimits) {
            for configured in checks {
                if let deadline = context.deadline, !notRun.isEmpty || deadline.hasPassed {
                    notRun.append(configured.check.id)
                    continue
                }
                collector.begin(severity: configured.severity, threshold: configured.maxFindingsPerCommit)
                if let streaming = configured.check as? any StreamingCheck {
                    streaming.run(context, into: &collector)
                } else {
                    for finding in configured.check.run(context) { collector.add(finding) }
                }
            }
        }
        collector.begin(severity: nil)
        if regexLimits.count > 0 {
            collector.add(ScanLimitFindings.regexLimited(count: regexLimits.count, hits: regexLimits.hits))
        }
        for finding in ScanLimitFindings.oversizedSides(of: context.diff, limit: context.diff.sizeLimit) {
            collector.add(finding)
        }
        if let spent = context.diff.budgetSpent {
            let byTime = spent.budget == .time(context.deadline?.budget ?? .zero)
            collector.add(
                ScanLimitFindings.budgetSpent(
                    spent.budget, diff: context.diff, checksNotRun: byTime ? notRun : [],
                    stops: byTime ? collector.stops : []))
        }
        if let deadline = context.deadline, !notRun.isEmpty || !collector.stops.isEmpty,
            context.diff.budgetSpent?.budget != .time(deadline.budget)
        {
            collector.add(
                ScanLimitFindings.budgetSpent(
                    .time(deadline.budget), diff: CommitDiff(), checksNotRun: notRun, stops: collector.stops))
        }
        return collector.finish().sorted(by: CheckRunner.precedes)
    }

    static func precedes(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.path != rhs.path {
            guard let left = lhs.path else { return true }
            guard let right = rhs.path else { return false }
            return left < right
        }
        if lhs.line != rhs.line { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        if lhs.check != rhs.check { return lhs.check < rhs.check }
        if lhs.title != rhs.title { return lhs.title < rhs.title }
        if lhs.evidence != rhs.evidence { return lhs.evidence < rhs.evidence }
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        return lhs.matchHash < rhs.matchHash
    }
}

/// Finds the added line a finding points at and tells whether it carries an allow marker.
struct InlineWaiver {
    private let diff: CommitDiff
    /// Index of each file by the path findings name (the new path; the old one for deletions).
    private let files: [String: Int]

    init(_ diff: CommitDiff) {
        self.diff = diff
        var files: [String: Int] = [:]
        for (index, file) in diff.files.enumerated() where files[file.path] == nil { files[file.path] = index }
        self.files = files
    }

    func waives(path: String?, line: Int?) -> Bool {
        guard let path, let line, let index = files[path],
            let text = LineText.text(ofLine: line, in: diff.files[index].addedLines)
        else { return false }
        return CheckRunner.allowMarkers.contains { LineText.contains(text, $0) }
    }
}
