import Foundation
import Testing
import VigilGit
import VigilTestSupport

@Suite("Opening repositories")
struct OpenRepositoryTests {
    @Test func opensARepositoryWithAWorkTree() throws {
        let fixture = try FixtureRepository()
        let head = try fixture.commit("first", files: ["a.txt": "a\n"])
        let repository = try Repository(path: fixture.path)
        #expect(repository.path == fixture.path)
        #expect(!repository.isBare)
        #expect(!repository.isShallow)
        #expect(try repository.resolveCommit("HEAD") == oid(head))
    }

    @Test func opensABareRepository() throws {
        let fixture = try FixtureRepository()
        let head = try fixture.commit("first", files: ["a.txt": "a\n"])
        let bare = fixture.root + "/bare.git"
        try fixture.git(["clone", "-q", "--bare", fixture.path, bare])
        let repository = try Repository(path: bare)
        #expect(repository.isBare)
        #expect(try repository.resolveCommit("main") == oid(head))
    }

    @Test func opensAnEmptyBareRepository() throws {
        let fixture = try FixtureRepository(bare: true)
        let repository = try Repository(path: fixture.path)
        #expect(repository.isBare)
        #expect(try repository.references().isEmpty)
    }

    @Test func missingPathIsNotFound() throws {
        let folder = try FixtureRepository.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = #expect(throws: GitError.self) { try Repository(path: folder + "/nothing-here") }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("nothing-here") == true)
    }

    @Test func plainFolderIsNotARepository() throws {
        let folder = try FixtureRepository.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = #expect(throws: GitError.self) { try Repository(path: folder) }
        #expect(error?.kind == .notARepository)
        #expect(error?.message.contains(folder) == true)
    }

    @Test func fileIsNotARepository() throws {
        let fixture = try FixtureRepository()
        try fixture.write("plain.txt", "text\n")
        let error = #expect(throws: GitError.self) { try Repository(path: fixture.path + "/plain.txt") }
        #expect(error?.kind == .notARepository)
    }

    @Test func subfolderOfAWorkTreeIsNotARepository() throws {
        // No search upwards: a mistyped path must not silently open the enclosing repository.
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["src/a.txt": "a\n"])
        let error = #expect(throws: GitError.self) { try Repository(path: fixture.path + "/src") }
        #expect(error?.kind == .notARepository)
    }

    // MARK: - Permissions

    // As root every permission check passes, so these run the open with the thread's filesystem
    // user switched to `nobody` (FilesystemUser); as another user they run as that user.

    @Test(.enabled(if: FilesystemUser.canRunUnprivileged, "needs setfsuid when running as root"))
    func unreadableRepositoryFolderIsPermissionDenied() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        try chmod(fixture.path, 0o000)
        defer { try? chmod(fixture.path, 0o755) }
        let error = try FilesystemUser.runUnprivileged {
            #expect(throws: GitError.self) { try Repository(path: fixture.path) }
        }
        #expect(error?.kind == .permissionDenied)
        #expect(error?.operation == "open")
    }

    @Test(.enabled(if: FilesystemUser.canRunUnprivileged, "needs setfsuid when running as root"))
    func unreadableGitFolderIsPermissionDenied() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        try chmod(fixture.path + "/.git", 0o000)
        defer { try? chmod(fixture.path + "/.git", 0o755) }
        let error = try FilesystemUser.runUnprivileged {
            #expect(throws: GitError.self) { try Repository(path: fixture.path) }
        }
        #expect(error?.kind == .permissionDenied)
    }

    @Test(.enabled(if: FilesystemUser.canRunUnprivileged, "needs setfsuid when running as root"))
    func repositoryInsideAnUnreadableFolderIsPermissionDenied() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        try chmod(fixture.root, 0o000)
        defer { try? chmod(fixture.root, 0o755) }
        let error = try FilesystemUser.runUnprivileged {
            #expect(throws: GitError.self) { try Repository(path: fixture.path) }
        }
        #expect(error?.kind == .permissionDenied)
    }

    private func chmod(_ path: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
}
