import VigilGit

/// Where an alert came from.
public enum AlertSource: String, Sendable, Hashable, Codable {
    case daemon, rescan
}

/// One finding on one commit, as recorded in the queue and written to the alert log
/// (schema `vigil.alert/1`, DESIGN.md). Its `id` is a fingerprint of what it is about, so
/// recording the same alert twice (a restart, overlapping rescans) is a no-op.
///
/// The repository text it carries (finding, identities, evidence, subject) has passed through
/// `Redactor` before an alert leaves the engine; the id was computed from the raw values.
public struct Alert: Sendable, Hashable {
    public static let schema = "vigil.alert/1"

    public var id: String
    /// Position in the queue; `nil` until the queue assigns it (rescans print without one).
    public var seq: Int?
    /// When Vigil raised it, RFC 3339 UTC.
    public var time: String
    public var source: AlertSource
    public var repository: String
    public var ref: String?
    public var commit: ObjectID
    public var finding: Finding
    public var author: Signature
    public var committer: Signature
    public var verdict: Verdict
    /// The commit message's first line.
    public var summary: String
    /// The commit's patch id (`PatchID`), when it has one and the finding can be linked.
    public var patchID: String?
    /// The finding's identity across commits with the same patch (`LinkKey`); `nil` when its
    /// check reads more than the diff, so it is never linked.
    public var linkKey: String?
    /// The same finding on an earlier commit with the same patch: this one is not raised again.
    public var linkedTo: AlertLink?

    /// `raw` is the finding as its check made it when `finding` is a redacted copy (`Redactor`): the
    /// id is computed from the raw values, so redaction never changes it.
    public init(
        finding: Finding, commit: Commit, verdict: Verdict, repository: String, ref: String?,
        source: AlertSource, time: String, seq: Int? = nil, raw: Finding? = nil
    ) {
        self.id = AlertFingerprint.make(repository: repository, commit: commit.id, finding: raw ?? finding)
        self.seq = seq
        self.time = time
        self.source = source
        self.repository = repository
        self.ref = ref
        self.commit = commit.id
        self.finding = finding
        self.author = commit.author
        self.committer = commit.committer
        self.verdict = verdict
        self.summary = commit.summary
        self.linkKey = LinkKey.make(raw ?? finding)
    }
}

/// The stable alert id: a hash of (repository, commit, check, path, line, hash of matched text).
public enum AlertFingerprint {
    /// 32 hex digits (128 bits of SHA-256): short enough to type, far too long to collide.
    public static func make(repository: String, commit: ObjectID, finding: Finding) -> String {
        let parts = [
            repository, commit.hex, finding.check, finding.path ?? "", finding.line.map(String.init) ?? "",
            finding.matchHash,
        ]
        // NUL cannot occur in any part (paths and ids are C strings), so the join is unambiguous.
        return String(SHA256Hex.digest(parts.joined(separator: "\u{0}")).prefix(32))
    }
}
