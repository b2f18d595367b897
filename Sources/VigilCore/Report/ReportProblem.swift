import VigilGit

/// Something the report could not read: an object, a commit, a file version. The report goes on
/// without it, and the run ends with exit 3 so no total is taken for complete when it is not.
public struct ReportProblem: Sendable, Hashable {
    public var commit: ObjectID?
    public var path: String?
    public var message: String

    public init(commit: ObjectID?, path: String?, message: String) {
        self.commit = commit
        self.path = path
        self.message = message
    }
}
