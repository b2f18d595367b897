import Foundation

/// A git repository built with the `git` command line in a fresh temporary folder, for one test.
/// Every commit gets a fixed, increasing date so that ids and order are reproducible.
public final class FixtureRepository: @unchecked Sendable {
    // @unchecked: a fixture belongs to one test; the counter is only touched from that test.

    /// The repository's path (the work tree, or the repository itself when bare).
    public let path: String
    /// The temporary folder holding it; removed when the fixture is released.
    public let root: String
    private var clock = 1_700_000_000

    public struct Identity: Sendable {
        public var name: String
        public var email: String
        public init(_ name: String, _ email: String) {
            self.name = name
            self.email = email
        }
    }

    public static let human = Identity("Dana Developer", "dana@example.com")

    /// A new empty repository with `main` as its initial branch.
    public init(bare: Bool = false, name: String = "repo") throws {
        root = try FixtureRepository.makeTemporaryFolder()
        path = root + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var args = ["init", "-q", "-b", "main"]
        if bare { args.append("--bare") }
        try git(args)
    }

    /// Wraps an existing path (for example a clone made with `git(...)`) without creating it.
    public init(existing path: String, root: String) {
        self.path = path
        self.root = root
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    public static func makeTemporaryFolder() throws -> String {
        let base = FileManager.default.temporaryDirectory.path + "/vigil-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        return base
    }

    // MARK: - Work tree

    /// Writes a file in the work tree, making folders as needed.
    public func write(_ relativePath: String, _ contents: String) throws {
        try write(relativePath, bytes: Array(contents.utf8))
    }

    public func write(_ relativePath: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path + "/" + relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    public func remove(_ relativePath: String) throws {
        try git(["rm", "-q", "-r", "--", relativePath])
    }

    // MARK: - Commits

    /// Stages everything and commits with the given message bytes (which need not be UTF-8).
    @discardableResult
    public func commit(
        messageBytes: [UInt8], author: Identity = FixtureRepository.human, committer: Identity? = nil,
        allowEmpty: Bool = true
    ) throws -> String {
        try git(["add", "-A"])
        let messageFile = root + "/message-\(UUID().uuidString)"
        try Data(messageBytes).write(to: URL(fileURLWithPath: messageFile))
        defer { try? FileManager.default.removeItem(atPath: messageFile) }
        clock += 60
        let committer = committer ?? author
        var args = ["-c", "i18n.commitEncoding=", "commit", "-q", "--cleanup=verbatim", "-F", messageFile]
        if allowEmpty { args.append("--allow-empty") }
        try git(args, environment: [
            "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
            "GIT_AUTHOR_DATE": "@\(clock) +0000",
            "GIT_COMMITTER_NAME": committer.name, "GIT_COMMITTER_EMAIL": committer.email,
            "GIT_COMMITTER_DATE": "@\(clock) +0000",
        ])
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    public func commit(
        _ message: String, author: Identity = FixtureRepository.human, committer: Identity? = nil
    ) throws -> String {
        try commit(messageBytes: Array(message.utf8), author: author, committer: committer)
    }

    /// Writes files and commits them in one step.
    @discardableResult
    public func commit(
        _ message: String, files: [String: String], author: Identity = FixtureRepository.human,
        committer: Identity? = nil
    ) throws -> String {
        for (file, contents) in files { try write(file, contents) }
        return try commit(message, author: author, committer: committer)
    }

    // MARK: - git

    /// Runs `git` in the repository with a clean, reproducible environment; throws on failure.
    @discardableResult
    public func git(
        _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil, input: Data? = nil
    ) throws -> String {
        try FixtureRepository.run(
            "/usr/bin/git", arguments, in: directory ?? path,
            environment: FixtureRepository.gitEnvironment(home: root).merging(environment) { $1 }, input: input
        )
    }

    @discardableResult
    public func git(_ arguments: String...) throws -> String {
        try git(arguments)
    }

    static func gitEnvironment(home: String) -> [String: String] {
        [
            "HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
            "PATH": "/usr/bin:/bin", "LC_ALL": "C", "GIT_AUTHOR_NAME": FixtureRepository.human.name,
            "GIT_AUTHOR_EMAIL": FixtureRepository.human.email, "GIT_COMMITTER_NAME": FixtureRepository.human.name,
            "GIT_COMMITTER_EMAIL": FixtureRepository.human.email,
        ]
    }

    /// Runs a program and returns its standard output; throws with its standard error on failure.
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        environment: [String: String]? = nil, input: Data? = nil
    ) throws -> String {
        let result = try ProcessResult.run(executable, arguments, in: directory, environment: environment, input: input)
        guard result.status == 0 else {
            throw FixtureError(
                message: "\(executable) \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
