import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

/// Several writers on one queue file: connections of their own, as separate processes have, and a
/// real second process holding the write lock.
@Suite struct QueueConcurrencyTests {
    @Test func overlappingWritersQueueEachIdOnceWithoutSeqGaps() async throws {
        let folder = try ScratchFolder().path
        let stores = try (0..<3).map { _ in try QueueFixtures.store(in: folder) }
        // Each writer records batches of 20 ids; batches of different writers overlap by half.
        let batches = 40
        try await withThrowingTaskGroup(of: [QueuedAlert].self) { group in
            for (writer, store) in stores.enumerated() {
                group.addTask {
                    var queued: [QueuedAlert] = []
                    for batch in 0..<batches {
                        let start = batch * 10 + writer * 5
                        let records = (start..<(start + 20)).map { QueueFixtures.record(QueueFixtures.hexID($0)) }
                        let progress = RepositoryProgress(
                            repository: "/srv/git/app.git",
                            state: RepositoryState(refs: ["refs/heads/main": "w\(writer)b\(batch)"]))
                        queued += try await store.record(records, progress: progress, followUp: true)
                    }
                    return queued
                }
            }
            var all: [QueuedAlert] = []
            for try await queued in group { all += queued }
            let ids = all.map(\.record.id)
            #expect(Set(ids).count == ids.count, "an id was queued twice")
            #expect(all.map(\.seq).sorted() == Array(1...all.count), "seq has a gap or a repeat")
        }
        let stored = try await stores[0].alerts(matching: AlertFilter(states: nil))
        #expect(stored.count == (batches - 1) * 10 + 10 + 20)
        #expect(stored.map(\.seq) == Array(1...stored.count))
        #expect(Set(stored.map(\.record.id)).count == stored.count)
        try SQLiteHelper.run(
            path: QueueLocation.path(stateDirectory: folder + "/state"),
            "assert db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'")
    }

    @Test func anotherProcessWritingTheSameIdsAtOnceLeavesEachIdOnce() async throws {
        let folder = try ScratchFolder().path
        let store = try QueueFixtures.store(in: folder)
        let path = QueueLocation.path(stateDirectory: folder + "/state")
        // A second process queues the even ids, one short write transaction each, while this one
        // records every id in batches: both insert only ids not queued yet, as `record` does.
        let writer = try SQLiteHelper.start(
            path: path,
            """
            print('started', flush=True)
            for n in range(0, 400, 2):
                alert_id = '%032x' % n
                db.execute('BEGIN IMMEDIATE')
                if db.execute('SELECT 1 FROM alert WHERE id = ?', (alert_id,)).fetchone() is None:
                    db.execute("INSERT INTO alert (id, repo, commit_sha, check_id, severity, time, source, json, "
                               "state, updated, followup_state) VALUES (?, 'r', 'c', 'k', 1, 't', 'daemon', '{}', "
                               "'open', 't', 'none')", (alert_id,))
                db.execute('COMMIT')
            """)
        try waitForLine("started", from: writer)
        var queued: [QueuedAlert] = []
        for batch in 0..<20 {
            let records = (batch * 20..<(batch * 20 + 20)).map { QueueFixtures.record(QueueFixtures.hexID($0)) }
            queued += try await store.record(records, progress: nil, followUp: false)
        }
        writer.waitUntilExit()
        #expect(writer.terminationStatus == 0)
        let stored = try await store.alerts(matching: AlertFilter(states: nil))
        #expect(stored.count == 400)
        #expect(Set(stored.map(\.record.id)).count == 400)
        #expect(stored.map(\.seq) == Array(1...400))
        #expect(Set(queued.map(\.seq)).isSubset(of: Set(1...400)))
        try SQLiteHelper.run(path: path, "assert db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'")
    }

    @Test func aQueueLockedByAnotherProcessIsWaitedFor() async throws {
        let folder = try ScratchFolder().path
        let store = try QueueFixtures.store(in: folder)
        let path = QueueLocation.path(stateDirectory: folder + "/state")
        let holder = try SQLiteHelper.start(
            path: path,
            """
            db.execute('BEGIN EXCLUSIVE')
            db.execute("INSERT INTO log_cursor (id, seq) VALUES (1, 7) ON CONFLICT (id) DO UPDATE SET seq = 7")
            print('locked', flush=True)
            time.sleep(2)
            db.execute('COMMIT')
            """)
        try waitForLine("locked", from: holder)
        let queued = try await store.record([QueueFixtures.record("w1")], progress: nil, followUp: false)
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(queued.map(\.seq) == [1])
        // The holder's commit landed before ours: the write waited for it instead of failing.
        #expect(try await store.logCursor() == 7)
        try SQLiteHelper.run(path: path, "assert db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'")
    }

    @Test func aLockHeldPastTheBusyTimeoutIsReported() async throws {
        let folder = try ScratchFolder().path
        let store = try QueueFixtures.store(in: folder, busyTimeout: .milliseconds(200))
        let path = QueueLocation.path(stateDirectory: folder + "/state")
        let holder = try SQLiteHelper.start(
            path: path,
            """
            db.execute('BEGIN EXCLUSIVE')
            print('locked', flush=True)
            sys.stdin.read()
            db.execute('ROLLBACK')
            """)
        try waitForLine("locked", from: holder)
        await #expect {
            _ = try await store.record([QueueFixtures.record("late")], progress: nil, followUp: false)
        } throws: { error in
            guard case AlertStoreError.unavailable(let message) = error else { return false }
            return message.contains("locked by another process")
        }
        // Readers are not held up by a writer under WAL.
        #expect(try await store.alerts(matching: AlertFilter()).isEmpty)
        try (holder.standardInput as? Pipe)?.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(try await store.record([QueueFixtures.record("late")], progress: nil, followUp: false).count == 1)
    }

    private func waitForLine(_ line: String, from process: Process) throws {
        guard let pipe = process.standardOutput as? Pipe else { return }
        var text = ""
        while !text.contains(line) {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { throw HelperFailed(message: "the lock holder exited before locking") }
            text += String(decoding: data, as: UTF8.self)
        }
    }
}
