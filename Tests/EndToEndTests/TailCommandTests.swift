import Foundation
import Testing
import VigilTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `vigil tail` as an operator meets it: readable alerts, hostile text escaped, tampered lines
/// skipped with a warning, and `--follow` through logrotate.
@Suite struct TailCommandTests {
    let scratch: ScratchFolder
    var logPath: String { scratch.path + "/log/alerts.jsonl" }
    var configPath: String { scratch.path + "/vigil.toml" }

    init() throws {
        scratch = try ScratchFolder()
        try scratch.write("vigil.toml", "[daemon]\nalert_log = \"\(scratch.path)/log/alerts.jsonl\"\n")
        try FileManager.default.createDirectory(atPath: scratch.path + "/log", withIntermediateDirectories: true)
    }

    /// A log line as the writer writes it, with `title` and `path` as given (already JSON-escaped).
    static func line(seq: Int, title: String = "AWS access key ID", path: String = "config/prod.py") -> String {
        let commit = String(repeating: "9be07c1d2f33", count: 4).prefix(40)
        return """
            {"schema":"vigil.alert/1","id":"\(String(format: "%032x", seq))","seq":\(seq),\
            "time":"2026-12-01T10:00:0\(seq % 10)Z",\
            "source":"daemon","repo":"/srv/git/app.git","ref":"refs/heads/main","commit":"\(commit)",\
            "check":"secrets.aws-access-key-id","severity":"critical","title":"\(title)","path":"\(path)","line":12,\
            "evidence":"AKIA…(redacted, 20 chars, sha256:9f2c1ab3)","ai":{"tools":["claude-code"],"evidence":[]},\
            "message":"Add parser"}
            """
    }

    func writeLog(_ lines: [String]) throws {
        try (lines.map { $0 + "\n" }.joined()).write(toFile: logPath, atomically: false, encoding: .utf8)
    }

    func tail(_ arguments: [String] = []) throws -> ProcessResult {
        try VigilBinary.run(["tail", "--config", configPath] + arguments)
    }

    // MARK: - Reading once

    @Test func textShowsOneReadableLinePerAlert() throws {
        try writeLog([Self.line(seq: 1), Self.line(seq: 2)])
        let result = try tail()
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let expected =
            "2026-12-01T10:00:01Z  CRITICAL  secrets.aws-access-key-id  /srv/git/app.git  9be07c1d2f33  "
            + "config/prod.py:12  AWS access key ID"
        #expect(lines.first == expected)
        #expect(result.stderr.isEmpty)
    }

    @Test func textEscapesEveryHostileCharacter() throws {
        try writeLog([
            Self.line(seq: 1, title: "evil\\u001b]0;pwned\\u0007 \\u202eright", path: "a\\nb\\u009b.py")
        ])
        let result = try tail()
        #expect(result.status == 0)
        #expect(result.stdout.contains("evil\\x1b]0;pwned\\x07 \\u{202e}right"))
        #expect(result.stdout.contains("a\\x0ab\\x9b.py:12"))
        #expect(!result.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B })
    }

    @Test func tamperedLinesAreSkippedWithAWarningNeverEchoed() throws {
        try writeLog([
            Self.line(seq: 1), "\u{1b}[2J\u{1b}]0;owned\u{07} not json", "[1,2,3]", "{\"seq\":", Self.line(seq: 2),
        ])
        for format in ["text", "json"] {
            let result = try tail(["--format", format])
            #expect(result.status == 0)
            #expect(result.stdout.split(separator: "\n").count == 2)
            #expect(result.stderr.contains("skipped 3 lines"), "\(result.stderr)")
            #expect(!result.stdout.contains("\u{1b}") && !result.stderr.contains("\u{1b}"))
            #expect(!result.stdout.contains("owned") && !result.stderr.contains("owned"))
        }
    }

    @Test func jsonPrintsTheLinesAsTheyAre() throws {
        let lines = [Self.line(seq: 1), Self.line(seq: 2, title: "t\\u001b[31m")]
        try writeLog(lines)
        let result = try tail(["--format", "json"])
        #expect(result.status == 0)
        #expect(result.stdout == lines.map { $0 + "\n" }.joined())
    }

    @Test func jsonEscapesRawCharactersAnotherWriterLeftInAString() throws {
        // Valid JSON, but with a raw right-to-left override and a raw C1 control in a string.
        try writeLog([Self.line(seq: 1, title: "rlo\u{202e}x\u{9b}y")])
        let result = try tail(["--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try result.jsonLines().first)
        #expect(object["title"] as? String == "rlo\u{202e}x\u{9b}y")
        #expect(result.stdout.contains("rlo\\u202ex\\u009by"))
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B })
    }

    @Test func aLineCutShortAtTheEndIsNotShown() throws {
        try (Self.line(seq: 1) + "\n" + Self.line(seq: 2).prefix(30)).write(
            toFile: logPath, atomically: false, encoding: .utf8)
        let result = try tail(["--format", "json"])
        #expect(result.status == 0)
        #expect(result.stdout == Self.line(seq: 1) + "\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func aMissingLogIsAClearErrorWithoutFollow() throws {
        let result = try tail()
        #expect(result.status == 2)
        #expect(result.stderr.contains("no alert log at \(logPath)"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aLogThatIsNotAFileIsRefused() throws {
        #expect(mkfifo(logPath, 0o600) == 0)
        let result = try tail()
        #expect(result.status == 2)
        #expect(result.stderr.contains("not a regular file"))
    }

    @Test func aBadFormatIsAUsageError() throws {
        try writeLog([Self.line(seq: 1)])
        let result = try tail(["--format", "x\u{1b}[31m"])
        #expect(result.status == 2)
        #expect(!result.stderr.contains("\u{1b}"))
    }

    // MARK: - Following

    @Test func followSurvivesRotationAndTruncationAndStopsCleanlyOnSIGTERM() throws {
        try writeLog([Self.line(seq: 1)])
        let follower = try FollowingProcess(
            VigilBinary.path, ["tail", "--follow", "--format", "json", "--config", configPath])
        defer { follower.stop() }
        #expect(try follower.waitForLines(1) == [Self.line(seq: 1)])

        try append(Self.line(seq: 2))
        #expect(try follower.waitForLines(2).last == Self.line(seq: 2))

        // logrotate without copytruncate: the file is moved away; the writer adds one last line
        // to it, then starts a new file.
        #expect(rename(logPath, logPath + ".1") == 0)
        try append(Self.line(seq: 3), to: logPath + ".1")
        try writeLog([Self.line(seq: 4)])
        #expect(try follower.waitForLines(4).suffix(2) == [Self.line(seq: 3), Self.line(seq: 4)])

        // Truncated in place: read again from the start.
        try writeLog([Self.line(seq: 5)])
        #expect(try follower.waitForLines(5).last == Self.line(seq: 5))

        // Deleted, then created again.
        #expect(unlink(logPath) == 0)
        try writeLog([Self.line(seq: 6)])
        #expect(try follower.waitForLines(6).last == Self.line(seq: 6))

        #expect(try follower.terminate(SIGTERM) == 0)
        #expect(follower.lines == (1...6).map { Self.line(seq: $0) })
    }

    @Test func followWaitsForAMissingLogAndStopsCleanlyOnSIGINT() throws {
        let follower = try FollowingProcess(VigilBinary.path, ["tail", "-f", "--config", configPath])
        defer { follower.stop() }
        try follower.waitForError(containing: "waiting for")
        try writeLog([Self.line(seq: 7)])
        let shown = try follower.waitForLines(1)
        #expect(shown.first?.contains("secrets.aws-access-key-id") == true)
        #expect(try follower.terminate(SIGINT) == 0)
    }

    @Test func followSkipsTamperedLinesAppendedLater() throws {
        try writeLog([Self.line(seq: 1)])
        let follower = try FollowingProcess(VigilBinary.path, ["tail", "--follow", "--config", configPath])
        defer { follower.stop() }
        _ = try follower.waitForLines(1)
        try append("\u{1b}[31mforged")
        try append(Self.line(seq: 2))
        _ = try follower.waitForLines(2)
        try follower.waitForError(containing: "skipped 1 line")
        #expect(try follower.terminate(SIGTERM) == 0)
        #expect(!follower.lines.joined().contains("forged"))
    }

    func append(_ line: String, to path: String? = nil) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path ?? logPath))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }
}

/// A `vigil` that keeps running (`tail --follow`), its output collected line by line as it comes.
final class FollowingProcess: @unchecked Sendable {
    // @unchecked: `output` and `errors` are only touched under `lock`.
    private let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()

    /// Generous: the machine may be busy with other builds. Only a hang waits this long.
    static let patience: TimeInterval = 60

    init(_ executable: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": NSTemporaryDirectory()]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.output.append(data) }
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.errors.append(data) }
        }
        try process.run()
    }

    /// The complete lines printed so far.
    var lines: [String] {
        let text = lock.withLock { String(decoding: output, as: UTF8.self) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    var standardError: String { lock.withLock { String(decoding: errors, as: UTF8.self) } }

    /// Waits until at least `count` lines were printed and returns them.
    func waitForLines(_ count: Int) throws -> [String] {
        try waitUntil("\(count) lines (have \(lines))") { lines.count >= count }
        return lines
    }

    func waitForError(containing text: String) throws {
        try waitUntil("stderr containing \(text)") { standardError.contains(text) }
    }

    /// Sends `signal` and returns the exit status.
    func terminate(_ signal: Int32) throws -> Int32 {
        kill(process.processIdentifier, signal)
        try waitUntil("the process to exit") { !process.isRunning }
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private func waitUntil(_ what: String, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(Self.patience)
        while !condition() {
            guard Date() < deadline, process.isRunning || condition() else {
                throw FollowTimeout(description: "gave up waiting for \(what); stderr: \(standardError)")
            }
            usleep(20_000)
        }
    }
}

struct FollowTimeout: Error, CustomStringConvertible {
    var description: String
}
