import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

/// Opening the queue: what is created, and every file that must be refused rather than used.
@Suite struct QueueFileTests {
    let folder: String

    init() throws {
        folder = try ScratchFolder().path
    }

    func open(_ path: String) throws(AlertStoreError) -> SQLiteAlertStore {
        try SQLiteAlertStore(path: path, busyTimeout: .seconds(2))
    }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    func expectUnavailable(_ path: String, saying words: String) {
        #expect {
            _ = try open(path)
        } throws: { error in
            guard case AlertStoreError.unavailable(let message) = error else { return false }
            return message.contains(words) && (path.isEmpty || message.contains(path))
        }
    }

    @Test func createsTheStateDirectoryAndAPrivateFile() async throws {
        let path = folder + "/var/lib/vigil/queue.sqlite"
        let store = try open(path)
        #expect(try mode(folder + "/var/lib/vigil") & 0o027 == 0)
        #expect(try mode(path) & 0o137 == 0)
        _ = try await store.record([QueueFixtures.record("m1")], progress: nil, followUp: false)
        #expect(try await store.alerts(matching: AlertFilter()).count == 1)
    }

    @Test func anEmptyFileIsMigrated() async throws {
        let path = folder + "/queue.sqlite"
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let store = try open(path)
        _ = try await store.record([QueueFixtures.record("e1")], progress: nil, followUp: false)
        // Opening again finds the schema in place and keeps the alert.
        let again = try open(path)
        #expect(try await again.alerts(matching: AlertFilter()).map(\.record.id) == ["e1"])
    }

    @Test func aQueueOfANewerSchemaIsRefused() async throws {
        let path = folder + "/queue.sqlite"
        _ = try open(path)
        try SQLiteHelper.run(path: path, "db.execute(\"INSERT INTO grdb_migrations VALUES ('v9: from the future')\")")
        expectUnavailable(path, saying: "newer version of Vigil")
    }

    @Test func aDatabaseThatIsNotAQueueIsRefused() throws {
        let path = folder + "/queue.sqlite"
        try SQLiteHelper.run(path: path, "db.execute('CREATE TABLE customers (name TEXT)')")
        expectUnavailable(path, saying: "not a Vigil queue")
    }

    @Test func aDirectoryASymlinkAndAFIFOAreRefused() throws {
        let directory = folder + "/directory.sqlite"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        expectUnavailable(directory, saying: "a directory")
        let link = folder + "/null.sqlite"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
        expectUnavailable(link, saying: "a symbolic link")
        let fifo = folder + "/fifo.sqlite"
        #expect(mkfifo(fifo, 0o600) == 0)
        expectUnavailable(fifo, saying: "a FIFO")
        let stateFile = try ScratchFolder().write("state", "not a folder")
        expectUnavailable(stateFile + "/queue.sqlite", saying: "not a directory")
        expectUnavailable("", saying: "empty")
    }

    @Test func garbageIsRefused() throws {
        let path = folder + "/queue.sqlite"
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        expectUnavailable(path, saying: "damaged or not a SQLite database")
    }

    @Test func aTruncatedQueueIsReportedNotTrusted() async throws {
        let path = folder + "/queue.sqlite"
        do {
            let store = try open(path)
            let records = (0..<3000).map {
                QueueFixtures.record(QueueFixtures.hexID($0), title: String(repeating: "t", count: 200))
            }
            _ = try await store.record(records, progress: nil, followUp: false)
        }
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 100_000)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()
        let failure: AlertStoreError?
        do {
            let store = try open(path)
            _ = try await store.alerts(matching: AlertFilter(states: nil))
            _ = try await store.record([QueueFixtures.record("after")], progress: nil, followUp: false)
            failure = nil
        } catch {
            failure = error as? AlertStoreError
        }
        guard case .unavailable(let message) = failure else {
            Issue.record("a truncated queue was used: \(String(describing: failure))")
            return
        }
        #expect(message.contains(path))
    }

    @Test func anEditedRowIsReportedNotACrash() async throws {
        let path = folder + "/queue.sqlite"
        let store = try open(path)
        _ = try await store.record([QueueFixtures.record("e1")], progress: nil, followUp: true)
        try SQLiteHelper.run(path: path, "db.execute(\"UPDATE alert SET followup_attempts = 'many', ref = x'00ff'\")")
        await #expect(throws: AlertStoreError.self) {
            _ = try await store.alerts(matching: AlertFilter())
        }
        await #expect(throws: AlertStoreError.self) {
            _ = try await store.followUpsDue(now: "2099-01-01T00:00:00Z", limit: 10)
        }
    }

    @Test func aCorruptPageIsReported() async throws {
        let path = folder + "/queue.sqlite"
        do {
            let store = try open(path)
            let records = (0..<2000).map { QueueFixtures.record(QueueFixtures.hexID($0)) }
            _ = try await store.record(records, progress: nil, followUp: false)
        }
        // Overwrite the middle half of the file with garbage: most of it is the alert table's pages,
        // which listing every alert reads.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 4)
        handle.write(Data(repeating: 0xA5, count: Int(size / 2)))
        try handle.close()
        await #expect(throws: AlertStoreError.self) {
            let store = try open(path)
            _ = try await store.alerts(matching: AlertFilter(states: nil))
        }
    }
}
