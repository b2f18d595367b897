import VigilGit

/// What scanning one commit produced: its metadata, the attribution verdict, the findings, and
/// anything that could not be read. Small and Sendable: diffs never leave the worker that read them.
public struct CommitReport: Sendable {
    public var id: ObjectID
    /// `nil` when the commit object itself could not be read.
    public var commit: Commit?
    public var verdict: Verdict
    public var findings: [Finding]
    public var errors: [ScanError]
    /// The patch id (`PatchID`), computed when a finding can be linked to an earlier commit's.
    public var patchID: String?

    public init(
        id: ObjectID, commit: Commit?, verdict: Verdict = .human, findings: [Finding] = [], errors: [ScanError] = []
    ) {
        self.id = id
        self.commit = commit
        self.verdict = verdict
        self.findings = findings
        self.errors = errors
    }
}

/// Something a scan could not read; the scan carries on past it.
public struct ScanError: Sendable, Hashable {
    public var repository: String
    public var commit: ObjectID?
    /// The object that could not be read, when known (a blob, a tree, the commit itself).
    public var object: ObjectID?
    public var path: String?
    public var message: String

    public init(repository: String, commit: ObjectID?, object: ObjectID?, path: String? = nil, message: String) {
        self.repository = repository
        self.commit = commit
        self.object = object
        self.path = path
        self.message = message
    }
}
