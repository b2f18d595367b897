import Foundation

/// The protocol between the daemon and a scan child (`vigil scan-batch`, hidden): the daemon writes
/// one `ScanBatchRequest` as JSON on the child's stdin; the child writes `ScanBatchRecord`s as JSON
/// lines on its stdout, in this order:
///
/// 1. one `plan`: the commits it will scan, oldest first (parents before children), each with its
///    parents, and whether they are every new commit or only the first `limit`;
/// 2. for each planned commit, in plan order: its `alert`s, then its `commit` record (the commit
///    is done); `error`s for what could not be read, at any point;
/// 3. the ref findings (`history-rewrite`, `ref-deleted`) as `alert`s;
/// 4. one `done`, last: the hide roots for the next walk when the plan was complete.
///
/// The daemon treats the child's output as untrusted (the child parsed attacker-controlled
/// objects): every record is checked before anything is stored, and a child that breaks the
/// protocol is a failed scan.
public struct ScanBatchRequest: Sendable, Hashable, Codable {
    /// The repository's canonical path.
    public var repository: String
    /// The watched refs with their current values: the walk starts from these. Each new commit is
    /// attributed to the first ref in this order that reaches it.
    public var tips: [RefTip]
    /// Hide roots: commits whose history is already scanned.
    public var seen: [String]
    /// Watched refs that moved since the last poll: the child checks that `new` still contains
    /// `old`, and raises `history-rewrite` when it does not.
    public var moved: [RefMove]
    /// Protected refs that disappeared, with their last value: each raises `ref-deleted`.
    public var deleted: [RefTip]
    /// At most this many commits in this batch, oldest first; the rest waits for the next one, so a
    /// push of 10,000 commits into one repository does not starve the others.
    public var limit: Int
    /// Worker threads in the child.
    public var workers: Int
    /// The text of the daemon's config in force, which the child uses instead of reading the file
    /// again: after an edit that breaks the file, the daemon keeps its config, and so must its
    /// children. Relative paths in it are resolved against `--config`'s folder.
    public var config: String?
    /// The index of the config's `[[repos]]` table that names the repository. The child applies
    /// that table to the repository directly instead of expanding every configured path and glob
    /// to find it (with a glob over 1,000 repositories, that expansion was most of a spawn's cost).
    public var entry: Int?
    /// First sight with `initial = "last:N"`: scan only the newest N commits of the walk (in walk
    /// order), as if the older ones were seen; `nil` scans every new commit.
    public var newest: Int?

    public init(
        repository: String, tips: [RefTip], seen: [String], moved: [RefMove] = [], deleted: [RefTip] = [],
        limit: Int, workers: Int
    ) {
        self.repository = repository
        self.tips = tips
        self.seen = seen
        self.moved = moved
        self.deleted = deleted
        self.limit = limit
        self.workers = workers
    }
}

/// A watched ref that moved from `old` to `new`.
public struct RefMove: Sendable, Hashable, Codable {
    public var name: String
    public var old: String
    public var new: String
    /// Listed in `protected_refs`: a rewrite is more severe.
    public var protected: Bool

    public init(name: String, old: String, new: String, protected: Bool) {
        self.name = name
        self.old = old
        self.new = new
        self.protected = protected
    }
}

/// One line of a scan child's output.
public enum ScanBatchRecord: Sendable, Hashable {
    case plan(commits: [PlannedCommit], complete: Bool)
    case alert(AlertRecord)
    /// A planned commit is done: its alerts came before this line.
    case commit(id: String)
    case error(commit: String?, message: String)
    /// Last line. `seen` is the hide-root set for the next walk (the new tips, and older roots
    /// they do not reach), when the plan was complete; empty otherwise.
    case done(seen: [String], commits: Int, alerts: Int, errors: Int)
}

/// A commit the child plans to scan.
public struct PlannedCommit: Sendable, Hashable, Codable {
    public var id: String
    public var parents: [String]

    public init(id: String, parents: [String]) {
        self.id = id
        self.parents = parents
    }
}

extension ScanBatchRecord: Codable {
    private enum Kind: String, Codable {
        case plan, alert, commit, error, done
    }

    private enum CodingKeys: String, CodingKey {
        case kind, commits, complete, alert, commit, message, seen, alerts, errors
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .plan:
            self = .plan(
                commits: try container.decode([PlannedCommit].self, forKey: .commits),
                complete: try container.decode(Bool.self, forKey: .complete))
        case .alert:
            self = .alert(try container.decode(AlertRecord.self, forKey: .alert))
        case .commit:
            self = .commit(id: try container.decode(String.self, forKey: .commit))
        case .error:
            self = .error(
                commit: try container.decodeIfPresent(String.self, forKey: .commit),
                message: try container.decode(String.self, forKey: .message))
        case .done:
            self = .done(
                seen: try container.decode([String].self, forKey: .seen),
                commits: try container.decode(Int.self, forKey: .commits),
                alerts: try container.decode(Int.self, forKey: .alerts),
                errors: try container.decode(Int.self, forKey: .errors))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .plan(let commits, let complete):
            try container.encode(Kind.plan, forKey: .kind)
            try container.encode(commits, forKey: .commits)
            try container.encode(complete, forKey: .complete)
        case .alert(let record):
            try container.encode(Kind.alert, forKey: .kind)
            try container.encode(record, forKey: .alert)
        case .commit(let id):
            try container.encode(Kind.commit, forKey: .kind)
            try container.encode(id, forKey: .commit)
        case .error(let commit, let message):
            try container.encode(Kind.error, forKey: .kind)
            try container.encodeIfPresent(commit, forKey: .commit)
            try container.encode(message, forKey: .message)
        case .done(let seen, let commits, let alerts, let errors):
            try container.encode(Kind.done, forKey: .kind)
            try container.encode(seen, forKey: .seen)
            try container.encode(commits, forKey: .commits)
            try container.encode(alerts, forKey: .alerts)
            try container.encode(errors, forKey: .errors)
        }
    }

    /// One line of the protocol (no line break inside: JSON escapes every control character).
    public func line() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Encoding these value types cannot fail: every member is a string, number, bool or array.
        let data = (try? encoder.encode(self)) ?? Data("{\"kind\":\"error\",\"message\":\"unencodable\"}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses one line; `nil` for anything that is not a well-formed record.
    public init?(line: some StringProtocol) {
        guard let record = try? JSONDecoder().decode(ScanBatchRecord.self, from: Data(line.utf8)) else {
            return nil
        }
        self = record
    }
}
