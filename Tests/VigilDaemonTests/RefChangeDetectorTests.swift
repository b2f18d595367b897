import Foundation
import Testing
import VigilCore
import VigilGit
import VigilTestSupport

@testable import VigilDaemon

/// Which repositories a cycle reads: an idle one is not read, and every kind of ref change is.
@Suite("Ref change detection")
struct RefChangeDetectorTests {
    /// A repository with one commit on `main`, its files dated in the past so that the signature
    /// is trusted at once (a folder modified within `racyWindow` is read again, on purpose).
    private func makeRepository() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.commit("c0", files: ["a.txt": "a\n"])
        try fixture.git("branch", "side")
        try fixture.git("pack-refs", "--all")
        try fixture.git("update-ref", "refs/heads/main", "HEAD")
        try age(fixture)
        return fixture
    }

    /// Sets the mtime of every file and folder in the git folder to one fixed day in the past, so
    /// that ageing twice changes nothing and only the inode and size tell a replaced file.
    private func age(_ fixture: FixtureRepository) throws {
        let past = Date(timeIntervalSince1970: 1_600_000_000)
        let root = fixture.path + "/.git"
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: root)
        for item in FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [] {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: root + "/" + item)
        }
    }

    /// Runs cycles until the detector trusts the repository; returns how many reads that took.
    @discardableResult
    private func settle(_ detector: inout RefChangeDetector, _ fixture: FixtureRepository) throws -> Int {
        var reads = 0
        for _ in 0..<5 {
            guard case .read = detector.decide(fixture.path, marked: false) else { return reads }
            reads += 1
            detector.recordRead(fixture.path, try ReferenceReader.read(repository: fixture.path))
        }
        return reads
    }

    @Test func idleRepositoryIsNotReadAfterItSettles() throws {
        let fixture = try makeRepository()
        var detector = RefChangeDetector()
        #expect(try settle(&detector, fixture) == 2)
        // `settle` ended on the first unchanged cycle; the safety net comes N cycles after the read.
        var unchanged = 1
        while detector.decide(fixture.path, marked: false) == .unchanged { unchanged += 1 }
        #expect(unchanged == RefChangeDetector.fullReadEvery - 1)
    }

    @Test func looseRefMoveIsSeen() throws {
        let fixture = try makeRepository()
        var detector = RefChangeDetector()
        try settle(&detector, fixture)
        try fixture.commit("c1")
        #expect(detector.decide(fixture.path, marked: false) == .read(.signatureChanged))
    }

    @Test func newBranchFolderDeletionAndPackingAreSeen() throws {
        let fixture = try makeRepository()
        var detector = RefChangeDetector()
        let changes: [() throws -> Void] = [
            { try fixture.git("branch", "team/feature") },
            { try fixture.git("branch", "-D", "side") },
            { try fixture.git("pack-refs", "--all") },
            { try fixture.git("tag", "v1") },
            { try fixture.git("checkout", "-q", "-b", "other") },
        ]
        for change in changes {
            try age(fixture)
            try settle(&detector, fixture)
            try change()
            #expect(detector.decide(fixture.path, marked: false) == .read(.signatureChanged))
            detector.recordRead(fixture.path, try ReferenceReader.read(repository: fixture.path))
        }
    }

    @Test func changeInANewSubfolderIsSeenAfterTheFolderListChanges() throws {
        let fixture = try makeRepository()
        var detector = RefChangeDetector()
        try settle(&detector, fixture)
        try fixture.git("branch", "team/one")
        // Read while the change is fresh (ageing first would hide it), then aged to be trusted.
        try settle(&detector, fixture)
        try age(fixture)
        try settle(&detector, fixture)
        try fixture.git("branch", "team/two")
        #expect(detector.decide(fixture.path, marked: false) == .read(.signatureChanged))
    }

    @Test func recentChangeIsNotTrustedUntilItIsOlderThanTheRacyWindow() throws {
        let fixture = try makeRepository()
        var detector = RefChangeDetector()
        try settle(&detector, fixture)
        try fixture.commit("c1")
        // Modified just now: two reads in a row, however many cycles, until the stamps age.
        for _ in 0..<3 {
            #expect(detector.decide(fixture.path, marked: false) != .unchanged)
            detector.recordRead(fixture.path, try ReferenceReader.read(repository: fixture.path))
        }
        try age(fixture)
        #expect(try settle(&detector, fixture) >= 1)
        #expect(detector.decide(fixture.path, marked: false) == .unchanged)
    }

    @Test func markedRepositoryIsReadWhateverItsSignature() throws {
        let fixture = try makeRepository()
        var detector = RefChangeDetector()
        try settle(&detector, fixture)
        #expect(detector.decide(fixture.path, marked: true) == .read(.marked))
    }

    @Test func safetyNetReadsEveryNthCycle() throws {
        let fixture = try makeRepository()
        var detector = RefChangeDetector()
        try settle(&detector, fixture)
        var reads = 0
        for _ in 0..<(RefChangeDetector.fullReadEvery * 3) {
            if case .read(let reason) = detector.decide(fixture.path, marked: false) {
                #expect(reason == .safetyNet)
                reads += 1
                detector.recordRead(fixture.path, try ReferenceReader.read(repository: fixture.path))
            }
        }
        #expect(reads == 3)
    }

    @Test func inPlaceRewriteWithinTheSafetyNetIsCaughtByIt() throws {
        let fixture = try makeRepository()
        try fixture.git("branch", "loose")
        try age(fixture)
        var detector = RefChangeDetector()
        try settle(&detector, fixture)
        // Written in place, not renamed: no folder changes; only the safety net sees it.
        let ref = fixture.path + "/.git/refs/heads/loose"
        let handle = try #require(FileHandle(forWritingAtPath: ref))
        try handle.write(contentsOf: Data(String(repeating: "b", count: 40).utf8))
        try handle.close()
        var caught = false
        for _ in 0..<RefChangeDetector.fullReadEvery where detector.decide(fixture.path, marked: false) != .unchanged {
            caught = true
        }
        #expect(caught)
    }

    @Test func failedReadIsRetriedNextCycle() throws {
        let fixture = try makeRepository()
        var detector = RefChangeDetector()
        try settle(&detector, fixture)
        _ = detector.decide(fixture.path, marked: true)
        detector.recordFailure(fixture.path)
        #expect(detector.decide(fixture.path, marked: false) == .read(.untrusted))
    }

    @Test func replacedRepositoryIsSeen() throws {
        let fixture = try makeRepository()
        var detector = RefChangeDetector()
        try settle(&detector, fixture)
        let git = fixture.path + "/.git"
        try FileManager.default.moveItem(atPath: git, toPath: fixture.root + "/old.git")
        try FileManager.default.copyItem(atPath: fixture.root + "/old.git", toPath: git)
        try age(fixture)
        #expect(detector.decide(fixture.path, marked: false) == .read(.signatureChanged))
    }

    @Test func pollerReadsOnlyTheSelectedRefsAndReportsFailures() throws {
        let fixture = try makeRepository()
        try fixture.git("tag", "v1")
        try age(fixture)
        let repository = WatchedRepository(
            path: fixture.path,
            settings: RepositorySettings(path: fixture.path, refs: ["refs/heads/*"], protectedRefs: ["refs/tags/v*"]))
        var poller = RefPoller()
        guard case .read(let snapshot, .firstRead) = poller.poll(repository, marked: false) else {
            Issue.record("the first poll must read")
            return
        }
        #expect(snapshot.references.map(\.name) == ["refs/heads/main", "refs/heads/side", "refs/tags/v1"])
        _ = poller.poll(repository, marked: false)
        guard case .unchanged = poller.poll(repository, marked: false) else {
            Issue.record("an idle repository must not be read")
            return
        }
        try FileManager.default.removeItem(atPath: fixture.path + "/.git/HEAD")
        guard case .failed(let error) = poller.poll(repository, marked: true) else {
            Issue.record("a repository without HEAD cannot be read")
            return
        }
        #expect(error.kind == .notARepository)
    }
}
