/// What a check found in one commit. The alert layer adds the repository, ref, commit and
/// identity details, and derives the stable id from these fields.
public struct Finding: Sendable, Hashable, Codable {
    /// The check id, e.g. `secrets.aws-access-token` or `mass-deletion` (part of the interface).
    public var check: String
    public var severity: Severity
    /// One line for a human: "AWS access key added".
    public var title: String
    /// The file concerned, if the finding is about one.
    public var path: String?
    /// The 1-based line in the new file (old file for removed lines), if any.
    public var line: Int?
    /// What to show a reviewer. Secrets are redacted before they get here; never the whole secret.
    public var evidence: String
    /// The exact matched text's identity for the fingerprint: a hash, never the text itself,
    /// so that the same secret on another line still gets its own id and the id leaks nothing.
    public var matchHash: String

    public init(
        check: String, severity: Severity, title: String, path: String? = nil, line: Int? = nil,
        evidence: String, matchHash: String = ""
    ) {
        self.check = check
        self.severity = severity
        self.title = title
        self.path = path
        self.line = line
        self.evidence = evidence
        self.matchHash = matchHash
    }
}
