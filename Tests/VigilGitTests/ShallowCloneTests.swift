import Foundation
import Testing
import VigilGit
import VigilTestSupport

@Suite("Shallow clones")
struct ShallowCloneTests {
    /// Four commits on main, cloned with `--depth 2` into a fixture of its own (so the clone's folder
    /// lives as long as the clone, whatever happens to the origin).
    private func makeClone() throws -> (origin: FixtureRepository, clone: FixtureRepository, commits: [String]) {
        let origin = try FixtureRepository()
        var commits: [String] = []
        for number in 1...4 {
            commits.append(try origin.commit("c\(number)", files: ["a.txt": "\(number)\n"]))
        }
        let root = try FixtureRepository.makeTemporaryFolder()
        try origin.git(["clone", "-q", "--depth", "2", "file://" + origin.path, root + "/shallow"])
        return (origin, FixtureRepository(existing: root + "/shallow", root: root), commits)
    }

    @Test func shallowCloneIsShallowAndTheOriginIsNot() throws {
        let (origin, clone, _) = try makeClone()
        #expect(try Repository(path: clone.path).isShallow)
        #expect(try !Repository(path: origin.path).isShallow)
    }

    @Test func walkEndsAtTheGraftWithoutError() throws {
        let (_, clone, commits) = try makeClone()
        let repository = try Repository(path: clone.path)
        let head = try repository.resolveCommit("HEAD")
        let newest = try repository.walk(from: [head], order: .newestFirst)
        #expect(newest.error == nil)
        #expect(newest.commits == [try oid(commits[3]), try oid(commits[2])])
        let oldest = try repository.walk(from: [head])
        #expect(oldest.error == nil)
        #expect(oldest.commits == [try oid(commits[2]), try oid(commits[3])])
    }

    @Test func hidingACommitBeyondTheGraftIsIgnored() throws {
        let (_, clone, commits) = try makeClone()
        let repository = try Repository(path: clone.path)
        let result = try repository.walk(from: [oid(commits[3])], hiding: [oid(commits[0])])
        #expect(result.error == nil)
        #expect(result.commits.count == 2)
    }

    @Test func boundaryCommitStillListsItsRealParent() throws {
        let (_, clone, commits) = try makeClone()
        let boundary = try Repository(path: clone.path).commit(oid(commits[2]))
        #expect(boundary.parents == [try oid(commits[1])])
    }

    @Test func diffWorksAboveTheBoundaryAndExplainsItselfAtIt() throws {
        let (_, clone, commits) = try makeClone()
        let repository = try Repository(path: clone.path)
        let top = try repository.diff(of: commits[3])
        #expect(try top.file("a.txt").added == ["4"])
        let error = #expect(throws: GitError.self) { try repository.diff(of: commits[2]) }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("shallow") == true)
        #expect(error?.message.contains(commits[1]) == true)
    }

    @Test func ancestryWorksInsideTheClone() throws {
        let (_, clone, commits) = try makeClone()
        let repository = try Repository(path: clone.path)
        #expect(try repository.isAncestor(oid(commits[2]), of: oid(commits[3])))
        #expect(try !repository.isAncestor(oid(commits[3]), of: oid(commits[2])))
    }

    @Test func deepeningTheCloneExtendsTheWalk() throws {
        let (origin, clone, commits) = try makeClone()
        try withExtendedLifetime(origin) {
            _ = try clone.git("fetch", "-q", "--deepen", "1")
        }
        let repository = try Repository(path: clone.path)
        let result = try repository.walk(from: [oid(commits[3])], order: .newestFirst)
        #expect(result.commits == (try commits.reversed().prefix(3).map { try oid($0) }))
        #expect(result.error == nil)
    }
}
