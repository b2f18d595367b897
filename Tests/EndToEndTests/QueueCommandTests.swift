import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

/// `vigil queue` on the built binary, over a queue seeded through the store.
@Suite struct QueueCommandTests {
    let scratch: ScratchFolder
    let config: String
    var stateDirectory: String { scratch.path + "/state" }
    var queuePath: String { QueueLocation.path(stateDirectory: stateDirectory) }

    static let secretID = "3f0c9a51e4b27d8806a1c2f4b9e0d713"
    static let deletionID = "9be07c1d2f33aa0011223344556677ff"
    static let twinA = "abcdef0011111111111111111111111a"
    static let twinB = "abcdef0022222222222222222222222b"
    static let hostileTitle = "Key \u{1b}]0;pwned\u{7} \u{1b}[31mred\u{202e}txt"

    init() throws {
        scratch = try ScratchFolder()
        config = try scratch.write("vigil.toml", "[daemon]\nstate_dir = \"\(scratch.path)/state\"\n")
    }

    func seed(repository: String = "/srv/git/app.git") async throws {
        let store = try SQLiteAlertStore(path: queuePath)
        let now = Timestamp.now()
        _ = try await store.record(
            [
                Self.record(
                    Self.secretID, repository: repository, check: "secrets.aws-access-key-id", severity: .critical,
                    tools: ["claude-code"], time: now, title: Self.hostileTitle),
                Self.record(
                    Self.deletionID, repository: repository, check: "mass-deletion", severity: .medium,
                    tools: ["aider"], time: "2026-01-01T00:00:00Z", title: "Deleted 4000 lines"),
                Self.record(
                    Self.twinA, repository: "/srv/git/other.git", check: "ci-change", severity: .low, tools: [],
                    time: now, title: "CI changed"),
                Self.record(
                    Self.twinB, repository: "/srv/git/other.git", check: "ci-change", severity: .low, tools: [],
                    time: now, title: "CI changed again"),
            ], progress: nil, followUp: false)
    }

    static func record(
        _ id: String, repository: String, check: String, severity: Severity, tools: [String], time: String,
        title: String
    ) -> AlertRecord {
        let json = JSONValue.object([
            ("schema", .string("vigil.alert/1")), ("id", .string(id)), ("seq", .null), ("time", .string(time)),
            ("source", .string("rescan")), ("repo", .string(repository)), ("ref", .null),
            ("commit", .string(String(repeating: "c", count: 40))), ("check", .string(check)),
            ("severity", .string(severity.rawValue)), ("title", .string(title)), ("path", .string("src/\u{1b}[1m.py")),
            ("line", .integer(3)),
        ]).serialized()
        return AlertRecord(
            id: id, repository: repository, ref: nil, commit: String(repeating: "c", count: 40), check: check,
            severity: severity, tools: tools, time: time, source: .rescan, json: json)
    }

    func vigil(_ arguments: [String], environment: [String: String] = ["USER": "dana"]) throws -> ProcessResult {
        try VigilBinary.run(["queue"] + arguments + ["--config", config], environment: environment)
    }

    func listedIDs(_ arguments: [String] = []) throws -> [String] {
        let result = try vigil(["list", "--format", "json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try result.jsonLines().compactMap { $0["id"] as? String }
    }

    // MARK: - list

    @Test func listShowsOpenAlertsAsTextWithNothingRaw() async throws {
        try await seed()
        let result = try vigil(["list"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("SEQ  STATE"))
        #expect(result.stdout.contains(String(Self.secretID.prefix(12))))
        #expect(result.stdout.contains("secrets.aws-access-key-id"))
        #expect(result.stdout.contains("\\x1b]0;pwned\\x07"))
        #expect(result.stdout.contains("\\u{202e}"))
        #expect(result.stdout.contains("4 alerts"))
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x7 || $0.value == 0x202e })
    }

    @Test func listAsJSONCarriesTheRecordAndQueueFields() async throws {
        try await seed()
        let result = try vigil(["list", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.jsonLines()
        #expect(lines.count == 4)
        let first = try #require(lines.first)
        #expect(first["schema"] as? String == "vigil.alert/1")
        #expect(first["id"] as? String == Self.secretID)
        #expect(first["seq"] as? Int == 1)
        #expect(first["state"] as? String == "open")
        #expect(first["title"] as? String == Self.hostileTitle)
        #expect(first["by"] is NSNull && first["note"] is NSNull)
        #expect(first["updated"] is String)
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x202e })
    }

    @Test func listFilters() async throws {
        let repository = scratch.path + "/repo"
        try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: false)
        try await seed(repository: try #require(RepositoryIdentity.canonicalPath(repository)))
        #expect(try listedIDs(["--check", "secrets"]) == [Self.secretID])
        #expect(try listedIDs(["--severity", "medium"]) == [Self.secretID, Self.deletionID])
        #expect(try listedIDs(["--tool", "aider"]) == [Self.deletionID])
        #expect(try listedIDs(["--since", "24h"]) == [Self.secretID, Self.twinA, Self.twinB])
        #expect(try listedIDs(["--since", "2025-12-31T23:00:00-02:00"]) == [Self.secretID, Self.twinA, Self.twinB])
        #expect(try listedIDs(["--limit", "1"]) == [Self.secretID])
        // The repository as typed in any form names one repository.
        #expect(try listedIDs(["--repo", repository + "/"]) == [Self.secretID, Self.deletionID])
        #expect(try listedIDs(["--repo", repository + "/../repo"]) == [Self.secretID, Self.deletionID])
        #expect(try listedIDs(["--repo", "/srv/git/other.git"]) == [Self.twinA, Self.twinB])
        #expect(try listedIDs(["--state", "dismissed"]).isEmpty)
    }

    @Test func badListOptionsAreUsageErrors() async throws {
        try await seed()
        for arguments in [
            ["--state", "closed"], ["--severity", "urgent"], ["--since", "yesterday"],
            ["--since", "2026-02-30T00:00:00Z"],
            ["--limit", "0"], ["--format", "js\u{1b}[31mon"],
        ] {
            let result = try vigil(["list"] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.stdout)")
            #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1b }, "\(arguments)")
        }
    }

    // MARK: - changes

    @Test func ackResolveDismissReopenWithHistory() async throws {
        try await seed()
        let ack = try vigil(["ack", String(Self.secretID.prefix(8)), "--note", "on it"])
        #expect(ack.status == 0, "\(ack.stderr)")
        #expect(ack.stdout.contains("acked by dana"))
        let resolve = try vigil(["resolve", Self.secretID], environment: ["USER": "dana", "SUDO_USER": "sam"])
        #expect(resolve.status == 0, "\(resolve.stderr)")
        let again = try vigil(["ack", Self.secretID])
        #expect(again.status == 2)
        #expect(again.stderr.contains("is resolved; it cannot be acknowledged"))
        let reopen = try vigil(["reopen", Self.secretID, "--by", "lee", "--note", "back"])
        #expect(reopen.status == 0, "\(reopen.stderr)")
        let dismiss = try vigil(["dismiss", Self.secretID, "--reason", "test fixture \u{1b}[2J key"])
        #expect(dismiss.status == 0, "\(dismiss.stderr)")

        let show = try vigil(["show", Self.secretID, "--format", "json"])
        #expect(show.status == 0, "\(show.stderr)")
        let detail = try #require(try show.jsonLines().first)
        #expect(detail["state"] as? String == "dismissed")
        #expect(detail["note"] as? String == "test fixture \u{1b}[2J key")
        let history = try #require(detail["history"] as? [[String: Any]])
        #expect(history.compactMap { $0["to"] as? String } == ["open", "acked", "resolved", "open", "dismissed"])
        #expect(history.compactMap { $0["by"] as? String } == ["rescan", "dana", "sam", "lee", "dana"])
        #expect(history[1]["note"] as? String == "on it")

        let text = try vigil(["show", String(Self.secretID.prefix(10))])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("open -> acked  by dana: on it"))
        #expect(text.stdout.contains("test fixture \\x1b[2J key"))
        #expect(!text.stdout.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x202e })
        #expect(try listedIDs(["--state", "dismissed"]) == [Self.secretID])
        #expect(try listedIDs() == [Self.deletionID, Self.twinA, Self.twinB])
    }

    @Test func theChangeIsMadeByTheLoginUserByDefault() async throws {
        try await seed()
        let logname = try vigil(["ack", Self.secretID], environment: ["LOGNAME": "lee"])
        #expect(logname.stdout.contains("acked by lee"), "\(logname.stderr)")
        // With no name in the environment, the name of the user id the command runs as.
        let account = try #require(getpwuid(getuid())).pointee.pw_name.map { String(cString: $0) }
        let bare = try vigil(["reopen", Self.secretID], environment: [:])
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(bare.stdout.contains("open by \(try #require(account))"))
        let sudo = try vigil(["ack", Self.secretID], environment: ["SUDO_USER": "sam", "USER": "root"])
        #expect(sudo.stdout.contains("acked by sam"), "\(sudo.stderr)")
    }

    @Test func dismissNeedsAReason() async throws {
        try await seed()
        for arguments in [["dismiss", Self.secretID], ["dismiss", Self.secretID, "--reason", " \t"]] {
            let result = try vigil(arguments)
            #expect(result.status == 2, "\(arguments)")
        }
        #expect(try listedIDs().first == Self.secretID)
    }

    @Test func unknownAndAmbiguousIdsExit2WithoutEchoingRawText() async throws {
        try await seed()
        let unknown = try vigil(["ack", "0000000000000000"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no alert with id 0000000000000000"))
        let hostile = try vigil(["show", "\u{1b}[31mdeadbeef"])
        #expect(hostile.status == 2)
        #expect(hostile.stderr.contains("\\x1b[31mdeadbeef"))
        #expect(!hostile.stderr.unicodeScalars.contains { $0.value == 0x1b })
        let short = try vigil(["ack", "3f0c9a5"])
        #expect(short.status == 2)
        let ambiguous = try vigil(["ack", "abcdef00"])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("more than one alert"))
        #expect(ambiguous.stderr.contains(Self.twinA) && ambiguous.stderr.contains(Self.twinB))
        #expect(!ambiguous.stderr.contains("CI changed"))
        #expect(try listedIDs(["--state", "acked"]).isEmpty)
        let unique = try vigil(["ack", "abcdef0011"])
        #expect(unique.status == 0, "\(unique.stderr)")
    }

    // MARK: - the queue file

    @Test func anUnusableQueueExits2WithAClearMessage() throws {
        try FileManager.default.createDirectory(atPath: queuePath, withIntermediateDirectories: true)
        let directory = try vigil(["list"])
        #expect(directory.status == 2)
        #expect(directory.stderr.contains("is a directory, not a regular file"))
        try FileManager.default.removeItem(atPath: queuePath)
        _ = FileManager.default.createFile(atPath: queuePath, contents: Data(repeating: 0x41, count: 8192))
        let garbage = try vigil(["list"])
        #expect(garbage.status == 2)
        #expect(garbage.stderr.contains("damaged or not a SQLite database"))
    }

    @Test func aMissingQueueIsCreatedEmpty() throws {
        let result = try vigil(["list", "--state", "all"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 alerts"))
        #expect(FileManager.default.fileExists(atPath: queuePath))
    }

    @Test func aQueueLockedByAnotherProcessIsWaitedFor() async throws {
        try await seed()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = [
            "-c",
            """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute('BEGIN EXCLUSIVE')
            print('locked', flush=True)
            time.sleep(2)
            db.execute('COMMIT')
            """,
            queuePath,
        ]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        var text = ""
        while !text.contains("locked") {
            let data = output.fileHandleForReading.availableData
            try #require(!data.isEmpty, "the lock holder exited before locking")
            text += String(decoding: data, as: UTF8.self)
        }
        let ack = try vigil(["ack", Self.deletionID])
        holder.waitUntilExit()
        #expect(ack.status == 0, "\(ack.stderr)")
        #expect(try listedIDs(["--state", "acked"]) == [Self.deletionID])
    }
}
