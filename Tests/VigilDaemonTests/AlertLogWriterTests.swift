import Foundation
import Testing
import VigilCore
import VigilTestSupport

@testable import VigilDaemon

#if canImport(Glibc)
import Glibc
#endif

@Suite struct AlertLogWriterTests {
    let folder: ScratchFolder
    let store = InMemoryAlertStore()
    var logPath: String { folder.path + "/log/alerts.jsonl" }

    init() throws {
        folder = try ScratchFolder()
    }

    func record(_ numbers: ClosedRange<Int>) async throws {
        _ = try await store.record(AlertLogFixture.records(numbers), progress: nil, followUp: false)
    }

    // MARK: - Order and exactly once

    @Test func writesEveryQueuedAlertOnceInSeqOrder() async throws {
        let writer = AlertLogWriter(path: logPath, store: store)
        try await record(1...3)
        #expect(try await writer.drain() == 3)
        #expect(try await writer.drain() == 0)
        try await record(4...5)
        #expect(try await writer.drain() == 2)
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [1, 2, 3, 4, 5])
        #expect(try await store.logCursor() == 5)
        let first = try #require(try AlertLogFixture.loggedLines(logPath).first)
        #expect(first["id"] as? String == AlertLogFixture.record(1).id)
        #expect(first["schema"] as? String == "vigil.alert/1")
    }

    @Test func createsTheLogAndItsFolderPrivately() async throws {
        try await record(1...1)
        _ = try await AlertLogWriter(path: logPath, store: store).drain()
        #expect(AlertLogFixture.mode(logPath) == 0o640)
        #expect(AlertLogFixture.mode(folder.path + "/log") == 0o750)
        #expect(AlertLogFixture.mode(logPath + ".lock") == 0o640)
    }

    @Test func anEmptyQueueWritesNothing() async throws {
        #expect(try await AlertLogWriter(path: logPath, store: store).drain() == 0)
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [])
    }

    // MARK: - Resuming after a crash

    /// The writer resumes from the seq and id its own prefix carries. A record whose JSON repeats
    /// `seq` and `id` further on (a JSON reader takes the last of duplicate keys) must not move the
    /// cursor to another alert's seq: the alerts between would never reach the log.
    @Test func aLastLineThatRepeatsSeqAndIdFurtherOnDoesNotSkipAlerts() async throws {
        let later = AlertLogFixture.record(3)
        var forged = AlertLogFixture.record(1)
        forged.json = String(forged.json.dropLast()) + ",\"seq\":3,\"id\":\"\(later.id)\"}"
        _ = try await store.record([forged], progress: nil, followUp: false)
        let writer = AlertLogWriter(path: logPath, store: store)
        #expect(try await writer.drain() == 1)
        try await record(2...3)
        #expect(try await AlertLogWriter(path: logPath, store: store).drain() == 2)
        let lines = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.dropFirst().first?.contains(AlertLogFixture.record(2).id) == true)
    }

    @Test func aLineWrittenBeforeACrashIsNotWrittenAgain() async throws {
        try await record(1...3)
        _ = try await AlertLogWriter(path: logPath, store: store).drain()
        // The crash: lines 2 and 3 were fsync'd, the cursor update for them never happened.
        await store.rewindLogCursor(to: 1)
        try await record(4...4)
        let restarted = AlertLogWriter(path: logPath, store: store)
        #expect(try await restarted.drain() == 1)
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [1, 2, 3, 4])
        #expect(try await store.logCursor() == 4)
    }

    @Test func aLineCutShortByACrashIsWrittenWholeOnce() async throws {
        try await record(1...3)
        await store.rewindLogCursor(to: 0)
        _ = try await AlertLogWriter(path: logPath, store: store).drain()
        await store.rewindLogCursor(to: 2)
        // Line 3 only half written when the process died.
        let text = try String(contentsOfFile: logPath, encoding: .utf8)
        let lines = text.split(separator: "\n")
        try (lines[0] + "\n" + lines[1] + "\n" + lines[2].prefix(40)).write(
            toFile: logPath, atomically: false, encoding: .utf8)
        #expect(try await AlertLogWriter(path: logPath, store: store).drain() == 1)
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [1, 2, 3])
    }

    @Test func aLastLineTheQueueDoesNotKnowMovesNothing() async throws {
        // A log kept while the queue was replaced: its seqs belong to other alerts.
        let foreign = (1...3).map { AlertLogFixture.record(100 + $0).json(seq: $0) }.joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(atPath: folder.path + "/log", withIntermediateDirectories: true)
        try foreign.write(toFile: logPath, atomically: false, encoding: .utf8)
        try await record(1...2)
        #expect(try await AlertLogWriter(path: logPath, store: store).drain() == 2)
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [1, 2, 3, 1, 2])
    }

    @Test func aLastLineThatIsNotJSONMovesNothing() async throws {
        try FileManager.default.createDirectory(atPath: folder.path + "/log", withIntermediateDirectories: true)
        try "{\"seq\":99,\"id\":\u{1b}[31m\n".write(toFile: logPath, atomically: false, encoding: .utf8)
        try await record(1...1)
        #expect(try await AlertLogWriter(path: logPath, store: store).drain() == 1)
        #expect(try await store.logCursor() == 1)
    }

    // MARK: - Rotation

    @Test func aLogMovedAwayIsFollowedByANewOne() async throws {
        let writer = AlertLogWriter(path: logPath, store: store)
        try await record(1...2)
        _ = try await writer.drain()
        #expect(rename(logPath, logPath + ".1") == 0)
        try await record(3...4)
        #expect(try await writer.drain() == 2)
        #expect(try AlertLogFixture.loggedSeqs(logPath + ".1") == [1, 2])
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [3, 4])
        #expect(AlertLogFixture.mode(logPath) == 0o640)
    }

    @Test func aDeletedLogIsCreatedAgain() async throws {
        let writer = AlertLogWriter(path: logPath, store: store)
        try await record(1...2)
        _ = try await writer.drain()
        #expect(unlink(logPath) == 0)
        try await record(3...3)
        #expect(try await writer.drain() == 1)
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [3])
    }

    @Test func aDeletedFolderIsCreatedAgain() async throws {
        let writer = AlertLogWriter(path: logPath, store: store)
        try await record(1...1)
        _ = try await writer.drain()
        try FileManager.default.removeItem(atPath: folder.path + "/log")
        try await record(2...2)
        #expect(try await writer.drain() == 1)
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [2])
    }

    // MARK: - Hostile paths

    @Test func aSymlinkAtTheLogPathIsRefused() async throws {
        let target = try folder.write("target", "untouched\n")
        try FileManager.default.createDirectory(atPath: folder.path + "/log", withIntermediateDirectories: true)
        #expect(symlink(target, logPath) == 0)
        try await record(1...1)
        await #expect(throws: AlertLogError.self) { try await AlertLogWriter(path: logPath, store: store).drain() }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "untouched\n")
        #expect(try await store.logCursor() == 0)
    }

    @Test func aFIFOAtTheLogPathIsRefusedWithoutBlocking() async throws {
        try FileManager.default.createDirectory(atPath: folder.path + "/log", withIntermediateDirectories: true)
        #expect(mkfifo(logPath, 0o600) == 0)
        try await record(1...1)
        let error = await #expect(throws: AlertLogError.self) {
            try await AlertLogWriter(path: logPath, store: store).drain()
        }
        #expect(error?.reason == "not a regular file")
    }

    @Test func aLogPathInAFolderThatCannotBeCreatedThrows() async throws {
        let file = try folder.write("plain", "")
        try await record(1...1)
        await #expect(throws: AlertLogError.self) {
            try await AlertLogWriter(path: file + "/sub/alerts.jsonl", store: store).drain()
        }
    }

    // MARK: - Hostile records

    @Test func recordsWithHostileTextStayOneLineEach() async throws {
        let hostile = [
            AlertLogFixture.record(1, message: "fix \"seq\":null and \"seq\":7 here"),
            AlertLogFixture.record(2, message: "bell\u{7} esc\u{1b}[31m nl\n cr\r rlo\u{202e} sep\u{2028}"),
            AlertLogFixture.record(3, title: String(repeating: "x", count: 200_000)),
        ]
        var broken = AlertLogFixture.record(4)
        broken.json = broken.json.replacingOccurrences(of: "Add parser", with: "raw\nbreak")
        _ = try await store.record(hostile + [broken], progress: nil, followUp: false)
        #expect(try await AlertLogWriter(path: logPath, store: store).drain() == 4)
        let lines = try AlertLogFixture.loggedLines(logPath)
        #expect(lines.map { $0["seq"] as? Int } == [1, 2, 3, 4])
        #expect(lines[0]["message"] as? String == "fix \"seq\":null and \"seq\":7 here")
        #expect(lines[1]["message"] as? String == "bell\u{7} esc\u{1b}[31m nl\n cr\r rlo\u{202e} sep\u{2028}")
        let raw = try Data(contentsOf: URL(fileURLWithPath: logPath))
        #expect(!raw.contains(0x1B))
        #expect(!raw.contains(0x07))
        // A resumed writer reads the long line back and goes on after it.
        await store.rewindLogCursor(to: 0)
        #expect(try await AlertLogWriter(path: logPath, store: store).drain() == 0)
    }

    // MARK: - Two writers

    @Test func twoWritersNeverInterleaveOrDuplicate() async throws {
        let first = AlertLogWriter(path: logPath, store: store)
        let second = AlertLogWriter(path: logPath, store: store)
        let rounds = 20
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for round in 0..<rounds {
                    try await self.record((round * 10 + 1)...(round * 10 + 10))
                    _ = try await first.drain()
                }
            }
            group.addTask {
                for _ in 0..<rounds { _ = try await second.drain() }
            }
            group.addTask {
                for _ in 0..<rounds { _ = try await first.drain() }
            }
            try await group.waitForAll()
        }
        _ = try await second.drain()
        #expect(try AlertLogFixture.loggedSeqs(logPath) == Array(1...(rounds * 10)))
        let updates = await store.cursorUpdates
        #expect(updates == updates.sorted())
    }

    @Test func aWriterWaitsForTheLockAnotherProcessHolds() async throws {
        try await record(1...2)
        _ = try await AlertLogWriter(path: logPath, store: store).drain()
        let ready = folder.path + "/locked"
        let finishing = folder.path + "/finishing"
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [logPath + ".lock", "/bin/sh", "-c", "touch \(ready); sleep 1; touch \(finishing)"]
        try holder.run()
        while !FileManager.default.fileExists(atPath: ready) { try await Task.sleep(for: .milliseconds(10)) }
        try await record(3...3)
        #expect(try await AlertLogWriter(path: logPath, store: store).drain() == 1)
        // The drain could only finish once the other process was done with the lock.
        #expect(FileManager.default.fileExists(atPath: finishing))
        holder.waitUntilExit()
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [1, 2, 3])
    }

    // MARK: - Disk full

    @Test(.enabled(if: SmallFilesystem.canMount, "mounting a tmpfs needs root"))
    func aFullDiskLosesNoAlertAndDuplicatesNone() async throws {
        let disk = try SmallFilesystem(kibibytes: 64)
        let path = disk.path + "/alerts.jsonl"
        let writer = AlertLogWriter(path: path, store: store)
        try await record(1...2)
        #expect(try await writer.drain() == 2)
        disk.fill()
        try await record(3...40)
        let error = await #expect(throws: AlertLogError.self) { try await writer.drain() }
        #expect(error?.isNoSpace == true)
        // Whatever fit is whole lines, in order; the rest stays queued.
        let partial = try AlertLogFixture.loggedSeqs(path)
        #expect(partial == Array(1...partial.count))
        #expect(partial.count < 40)
        #expect(try await store.logCursor() == partial.count)
        // Still full: nothing more, nothing broken.
        await #expect(throws: AlertLogError.self) { try await writer.drain() }
        #expect(try AlertLogFixture.loggedSeqs(path) == partial)
        disk.free()
        #expect(try await writer.drain() == 40 - partial.count)
        #expect(try AlertLogFixture.loggedSeqs(path) == Array(1...40))
    }
}

extension AlertLogWriterTests {
    @Test func aCancelledDrainStopsBetweenLinesAndTheNextOneResumes() async throws {
        try await record(1...300)
        let writer = AlertLogWriter(path: logPath, store: store)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await writer.drain()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try AlertLogFixture.loggedSeqs(logPath) == [])
        #expect(try await writer.drain() == 300)
        #expect(try AlertLogFixture.loggedSeqs(logPath) == Array(1...300))
    }
}
