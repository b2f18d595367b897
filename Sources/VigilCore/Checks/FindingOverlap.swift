/// Which check owns a concern that several default checks see, so that one edit to one file is one
/// alert. Applied to each commit's findings when they are put together (`FindingCollector`):
///
/// - `ci-change` owns CI definition files: a `protected-path` finding on a path that `ci-change`
///   reported in the same commit is dropped (a workflow is in both default lists).
/// - `review-required` is the stronger alert on every path it guards: when it fires in a commit,
///   the `protected-path` and `ci-change` findings on paths its globs cover are dropped, since
///   its one finding already names the commit's protected paths and asks for the review.
///
/// Only findings that were raised are compared, so a check that is switched off or finds nothing
/// leaves the others as they are.
struct FindingOverlap: Sendable {
    /// The globs of the configured `review-required` check, if it runs.
    private let reviewPaths: GlobSet?

    init(checks: [ConfiguredCheck]) {
        reviewPaths = checks.lazy.compactMap { $0.check as? ReviewRequiredCheck }.first?.paths
    }

    /// `findings` without those another finding of the same commit reports more strongly.
    func resolve(_ findings: [Finding]) -> [Finding] {
        let ciPaths = Set(findings.lazy.filter { $0.check == CIChangeCheck.checkID }.compactMap(\.path))
        let reviewFired = findings.contains { $0.check == ReviewRequiredCheck.checkID }
        return findings.filter { finding in
            guard let path = finding.path else { return true }
            switch finding.check {
            case ProtectedPathCheck.checkID:
                if ciPaths.contains(path) { return false }
                return !(reviewFired && reviewPaths?.matches(path) == true)
            case CIChangeCheck.checkID:
                return !(reviewFired && reviewPaths?.matches(path) == true)
            default:
                return true
            }
        }
    }
}
