import Foundation
import Testing
import VigilGit
import VigilTestSupport

@testable import VigilDaemon

/// inotify marks a repository when its refs change, and only then; it wakes the loop early.
@Suite("Inotify watcher")
struct InotifyWatcherTests {
    private func makeRepository() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.commit("c0", files: ["a.txt": "a\n"])
        return fixture
    }

    private func watched(_ fixture: FixtureRepository, _ watcher: InotifyWatcher) throws {
        let registration = watcher.watch(fixture.path, snapshot: try ReferenceReader.read(repository: fixture.path))
        #expect(registration == .watching)
    }

    /// The marks after waiting (up to 5 s) for the kernel to deliver the events of a change that
    /// has already happened, or none.
    private func marks(_ watcher: InotifyWatcher) -> Set<String> {
        var descriptor = pollfd(fd: watcher.fileDescriptor, events: Int16(POLLIN), revents: 0)
        while poll(&descriptor, 1, 200) > 0 {
            watcher.drain()
            descriptor.revents = 0
        }
        switch watcher.takeMarked() {
        case .all: return ["*"]
        case .some(let marked): return marked
        }
    }

    @Test func commitMarksTheRepository() throws {
        let fixture = try makeRepository()
        let watcher = try InotifyWatcher()
        try watched(fixture, watcher)
        #expect(marks(watcher).isEmpty)
        try fixture.commit("c1")
        #expect(marks(watcher) == [fixture.path])
        #expect(marks(watcher).isEmpty)
    }

    @Test func packingRefsAndMovingHeadMarkTheRepository() throws {
        let fixture = try makeRepository()
        let watcher = try InotifyWatcher()
        try watched(fixture, watcher)
        try fixture.git("pack-refs", "--all")
        #expect(marks(watcher) == [fixture.path])
        try fixture.git("checkout", "-q", "-b", "other")
        #expect(marks(watcher) == [fixture.path])
    }

    @Test func refsInAFolderMadeAfterWatchingStartedAreSeen() throws {
        let fixture = try makeRepository()
        let watcher = try InotifyWatcher()
        try watched(fixture, watcher)
        try fixture.git("branch", "team/deep/one")
        #expect(marks(watcher) == [fixture.path])
        // No read in between: the watcher added the new folders itself.
        try fixture.git("branch", "team/deep/two")
        #expect(marks(watcher) == [fixture.path])
    }

    @Test func filesThatHoldNoRefsDoNotMark() throws {
        let fixture = try makeRepository()
        let watcher = try InotifyWatcher()
        try watched(fixture, watcher)
        try fixture.write(".git/description", "changed\n")
        try fixture.write(".git/refs/heads/main.lock", "being written\n")
        try fixture.write("a.txt", "work tree edit\n")
        #expect(marks(watcher).isEmpty)
    }

    @Test func unwatchedRepositoryIsNoLongerMarked() throws {
        let fixture = try makeRepository()
        let other = try makeRepository()
        let watcher = try InotifyWatcher()
        try watched(fixture, watcher)
        try watched(other, watcher)
        watcher.unwatch(fixture.path)
        try fixture.commit("c1")
        try other.commit("c1")
        #expect(marks(watcher) == [other.path])
    }

    @Test func queueOverflowMarksEveryRepository() throws {
        let watcher = try InotifyWatcher()
        #expect(watcher.handle(wd: -1, mask: UInt32(IN_Q_OVERFLOW), name: ""))
        #expect(watcher.takeMarked() == .all)
        #expect(watcher.takeMarked() == .some([]))
    }

    @Test func runningOutOfWatchesFallsBackToPollingAndSaysSoOnce() throws {
        let fixture = try makeRepository()
        let watcher = try InotifyWatcher(limits: .init()) { _, _, _ in (-1, ENOSPC) }
        let snapshot = try ReferenceReader.read(repository: fixture.path)
        guard case .fellBackToPolling(let reason) = watcher.watch(fixture.path, snapshot: snapshot) else {
            Issue.record("expected a fall-back to polling")
            return
        }
        #expect(reason.contains("ran out"))
        #expect(watcher.watch(fixture.path, snapshot: snapshot) == .polling)
        // Marked once, so the poll loop reads it at once rather than trusting stale watches.
        #expect(watcher.takeMarked() == .some([fixture.path]))
        // Forgotten when unwatched: a later registration may try again.
        watcher.unwatch(fixture.path)
        #expect(watcher.watch(fixture.path, snapshot: snapshot) != .polling)
    }

    @Test func tooManyRefFoldersFallsBackToPolling() throws {
        let fixture = try makeRepository()
        for index in 0..<4 { try fixture.git("branch", "f\(index)/x") }
        var limits = InotifyWatcher.Limits()
        limits.maxFoldersPerRepository = 3
        let watcher = try InotifyWatcher(limits: limits)
        let registration = watcher.watch(fixture.path, snapshot: try ReferenceReader.read(repository: fixture.path))
        #expect(registration == .fellBackToPolling("more than 3 folders under refs/"))
    }

    @Test(.timeLimit(.minutes(1))) func wakeupsArriveWhenRefsChange() async throws {
        let fixture = try makeRepository()
        let watcher = try InotifyWatcher()
        try watched(fixture, watcher)
        let wakeups = try InotifyWakeups(watcher: watcher)
        defer { wakeups.stop() }
        try fixture.commit("c1")
        var iterator = wakeups.wakeups.makeAsyncIterator()
        let woke: Void? = await iterator.next()
        #expect(woke != nil)
        #expect(watcher.takeMarked() == .some([fixture.path]))
    }

    @Test(.timeLimit(.minutes(1))) func stoppingEndsTheWakeupStream() async throws {
        let watcher = try InotifyWatcher()
        let wakeups = try InotifyWakeups(watcher: watcher)
        wakeups.stop()
        var iterator = wakeups.wakeups.makeAsyncIterator()
        let next: Void? = await iterator.next()
        #expect(next == nil)
    }
}
