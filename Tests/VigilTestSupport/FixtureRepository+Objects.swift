import Foundation

/// Helpers for tests that need exact control over git's objects: dated commits, hand-written
/// objects, and the loose files that hold them.
extension FixtureRepository {
    /// The dates of one commit, in git's internal format (`@<seconds> <±hhmm>`).
    public struct CommitDates: Sendable {
        public var author: String
        public var committer: String

        public init(author: String, committer: String) {
            self.author = author
            self.committer = committer
        }

        /// The same date for both, e.g. `CommitDates("@1700000000 +0530")`.
        public init(_ both: String) {
            self.init(author: both, committer: both)
        }
    }

    /// Stages everything and commits with the given message bytes and dates. `configuration` adds
    /// `-c key=value` settings, e.g. `i18n.commitEncoding=ISO-8859-1` (git then records the
    /// `encoding` header; the bytes are written as given).
    @discardableResult
    public func commit(
        messageBytes: [UInt8], dates: CommitDates, author: Identity = FixtureRepository.human,
        committer: Identity? = nil, configuration: [String] = []
    ) throws -> String {
        try git(["add", "-A"])
        let messageFile = root + "/message-\(UUID().uuidString)"
        try Data(messageBytes).write(to: URL(fileURLWithPath: messageFile))
        defer { try? FileManager.default.removeItem(atPath: messageFile) }
        let committer = committer ?? author
        // Unlike `commit(messageBytes:)`, no `-c i18n.commitEncoding=`: git would record an empty
        // `encoding` header, which real commits do not have.
        var args: [String] = []
        for setting in configuration { args += ["-c", setting] }
        args += ["commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", messageFile]
        try git(args, environment: [
            "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email, "GIT_AUTHOR_DATE": dates.author,
            "GIT_COMMITTER_NAME": committer.name, "GIT_COMMITTER_EMAIL": committer.email,
            "GIT_COMMITTER_DATE": dates.committer,
        ])
        return try revParse("HEAD")
    }

    /// The full id a revision names.
    public func revParse(_ revision: String) throws -> String {
        try git(["rev-parse", "--verify", "--end-of-options", revision])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `git` with `input` on its standard input.
    @discardableResult
    public func git(_ arguments: [String], input: Data) throws -> String {
        try FixtureRepository.run(
            "/usr/bin/git", arguments, in: path, environment: FixtureRepository.gitEnvironment(home: root),
            input: input
        )
    }

    /// Writes an object exactly as given (no format checks), e.g. a commit with hostile header bytes;
    /// returns its id.
    @discardableResult
    public func writeObject(type: String, bytes: [UInt8]) throws -> String {
        try git(["hash-object", "--literally", "-t", type, "-w", "--stdin"], input: Data(bytes))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The repository's git directory (`.git`, or the repository itself when bare), as an absolute path.
    public var gitDirectory: String {
        get throws {
            try git(["rev-parse", "--absolute-git-dir"]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The file holding a loose object, e.g. `.git/objects/ab/cdef…`.
    public func looseObjectPath(_ id: String) throws -> String {
        let hex = id.lowercased()
        return try gitDirectory + "/objects/" + hex.prefix(2) + "/" + hex.dropFirst(2)
    }

    /// Removes a loose object's file, leaving the repository without that object.
    public func deleteLooseObject(_ id: String) throws {
        try FileManager.default.removeItem(atPath: try looseObjectPath(id))
    }

    /// Replaces a loose object's file with other bytes (garbage, or a truncated copy).
    public func replaceLooseObject(_ id: String, with bytes: [UInt8]) throws {
        let file = try looseObjectPath(id)
        try FileManager.default.removeItem(atPath: file)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
    }

    /// A loose object file's current (compressed) bytes.
    public func looseObjectBytes(_ id: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: try looseObjectPath(id))))
    }
}
