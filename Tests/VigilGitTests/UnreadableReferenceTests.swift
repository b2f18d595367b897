import Foundation
import Testing
import VigilGit
import VigilTestSupport

/// A branch or tag that cannot be followed is listed with the reason, never left out: a scan that
/// drops a branch it could not read would report a partial history as clean.
@Suite("Unreadable references")
struct UnreadableReferenceTests {
    /// `main` at c0, `side` at c1 (a commit only `side` holds), tag `v1` annotated on c1.
    private func makeRepository() throws -> (FixtureRepository, main: String, side: String) {
        let fixture = try FixtureRepository()
        let main = try fixture.commit("c0", files: ["a.txt": "a\n"])
        try fixture.git("checkout", "-q", "-b", "side")
        let side = try fixture.commit("c1", files: ["b.txt": "b\n"])
        try fixture.git("tag", "-a", "v1", "-m", "release", side)
        try fixture.git("checkout", "-q", "main")
        return (fixture, main, side)
    }

    private func reference(_ name: String, in fixture: FixtureRepository) throws -> Reference {
        let references = try Repository(path: fixture.path).references()
        return try #require(references.first { $0.name == name }, "\(name) is not listed")
    }

    @Test func branchWhoseTipIsMissingIsListedWithTheReason() throws {
        let (fixture, main, side) = try makeRepository()
        try fixture.git("tag", "-d", "v1")
        try fixture.deleteLooseObject(side)
        let broken = try reference("refs/heads/side", in: fixture)
        #expect(broken.commit == nil)
        #expect(broken.problem?.contains(side) == true)
        #expect(try reference("refs/heads/main", in: fixture) == Reference(name: "refs/heads/main", commit: oid(main)))
    }

    @Test func tagWhoseTargetIsMissingIsListedWithTheReason() throws {
        let (fixture, _, _) = try makeRepository()
        let tagObject = try fixture.revParse("refs/tags/v1")
        try fixture.deleteLooseObject(tagObject)
        let broken = try reference("refs/tags/v1", in: fixture)
        #expect(broken.commit == nil)
        #expect(broken.problem?.contains(tagObject) == true)
    }

    @Test func tagsOfBlobsAndHealthyTagsHaveNoProblem() throws {
        let (fixture, _, side) = try makeRepository()
        try fixture.git("tag", "blob-tag", fixture.revParse("HEAD:a.txt"))
        #expect(try reference("refs/tags/blob-tag", in: fixture).problem == nil)
        #expect(try reference("refs/tags/blob-tag", in: fixture).commit == nil)
        #expect(try reference("refs/tags/v1", in: fixture) == Reference(name: "refs/tags/v1", commit: oid(side)))
    }

    @Test func referenceFileLibgit2CannotParseIsListed() throws {
        let (fixture, _, _) = try makeRepository()
        try fixture.write(".git/refs/heads/garbled", "this is not an object id\n")
        let broken = try reference("refs/heads/garbled", in: fixture)
        #expect(broken.commit == nil)
        #expect(broken.problem != nil)
    }

    @Test func lockFilesAreNotReferences() throws {
        let (fixture, _, _) = try makeRepository()
        try fixture.write(".git/refs/heads/main.lock", "half-written\n")
        let references = try Repository(path: fixture.path).references()
        #expect(!references.contains { $0.name.hasSuffix(".lock") })
        #expect(references.allSatisfy { $0.problem == nil })
    }

    @Test func fifoUnderRefsIsAnErrorNotAHang() throws {
        let (fixture, _, _) = try makeRepository()
        let fifo = fixture.path + "/.git/refs/heads/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        let error = #expect(throws: GitError.self) { try Repository(path: fixture.path).references() }
        #expect(error?.message.contains("refs/heads/pipe") == true)
    }

    @Test(.enabled(if: FilesystemUser.canRunUnprivileged, "needs setfsuid when running as root"))
    func branchFolderThatCannotBeListedIsReported() throws {
        let (fixture, _, _) = try makeRepository()
        let folder = fixture.path + "/.git/refs/heads"
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let references = try FilesystemUser.runUnprivileged { try Repository(path: fixture.path).references() }
        let folderProblem = try #require(references.first { $0.name == "refs/heads/" })
        #expect(folderProblem.problem?.contains("denied") == true)
    }

    /// With no object readable, nothing can be scanned: the repository is refused when it is
    /// opened (exit 2 for a command), naming the folder, rather than listed with every branch empty.
    @Test(.enabled(if: FilesystemUser.canRunUnprivileged, "needs setfsuid when running as root"))
    func unreadableObjectsFolderRefusesTheRepository() throws {
        let (fixture, _, _) = try makeRepository()
        let folder = fixture.path + "/.git/objects"
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let error = try FilesystemUser.runUnprivileged {
            #expect(throws: GitError.self) { try Repository(path: fixture.path).references() }
        }
        #expect(error?.description.contains("/.git/objects") == true)
        #expect(error?.description.contains("denied") == true)
    }
}
