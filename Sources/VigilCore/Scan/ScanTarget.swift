/// One repository of a run, resolved: its canonical path (its identity in alert ids, the queue and
/// the ignore file) and the policy its configuration gives it.
public struct ScanTarget: Sendable {
    /// `RepositoryIdentity.canonicalPath` of the path as given.
    public var path: String
    public var analyzer: CommitAnalyzer
    /// Redacts every text of this repository's alerts, reports and errors.
    public var redactor: Redactor

    public init(path: String, analyzer: CommitAnalyzer, redactor: Redactor) {
        self.path = path
        self.analyzer = analyzer
        self.redactor = redactor
    }
}
