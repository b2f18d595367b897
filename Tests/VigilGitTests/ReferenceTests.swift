import Foundation
import Testing
import VigilGit
import VigilTestSupport

@Suite("References")
struct ReferenceTests {
    /// A repository with branches, every kind of tag, a notes ref and a remote HEAD.
    private func makeRepository() throws -> (FixtureRepository, first: String, second: String) {
        let fixture = try FixtureRepository()
        let first = try fixture.commit("first", files: ["a.txt": "a\n"])
        let second = try fixture.commit("second", files: ["a.txt": "a\nb\n"])
        try fixture.git("branch", "feature", first)
        try fixture.git("tag", "light", first)
        try fixture.git("tag", "-a", "annotated", "-m", "an annotated tag", second)
        try fixture.git("tag", "-a", "outer", "-m", "a tag of a tag", "annotated")
        try fixture.git("tag", "-a", "blob-tag", "-m", "a tag of a blob", fixture.revParse("HEAD:a.txt"))
        try fixture.git("tag", "light-blob", fixture.revParse("HEAD:a.txt"))
        try fixture.git("tag", "tree-tag", fixture.revParse("HEAD^{tree}"))
        try fixture.git("notes", "--ref=ai", "add", "-m", "generated", second)
        try fixture.git("update-ref", "refs/remotes/origin/main", second)
        try fixture.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
        return (fixture, first, second)
    }

    @Test func listsEveryReferenceWithThePeeledCommit() throws {
        let (fixture, first, second) = try makeRepository()
        let repository = try Repository(path: fixture.path)
        let references = try repository.references()
        let byName = Dictionary(uniqueKeysWithValues: references.map { ($0.name, $0.commit) })
        let notesCommit = try oid(fixture.revParse("refs/notes/ai"))

        #expect(references.map(\.name) == references.map(\.name).sorted())
        #expect(byName["refs/heads/main"] == .some(try oid(second)))
        #expect(byName["refs/heads/feature"] == .some(try oid(first)))
        #expect(byName["refs/tags/light"] == .some(try oid(first)))
        #expect(byName["refs/tags/annotated"] == .some(try oid(second)))
        #expect(byName["refs/tags/outer"] == .some(try oid(second)))
        #expect(byName["refs/remotes/origin/main"] == .some(try oid(second)))
        #expect(byName["refs/remotes/origin/HEAD"] == .some(try oid(second)))
        #expect(byName["refs/notes/ai"] == .some(notesCommit))
        #expect(byName["HEAD"] == nil)
    }

    @Test func tagsOfBlobsAndTreesHaveNoCommit() throws {
        let (fixture, _, _) = try makeRepository()
        let references = try Repository(path: fixture.path).references()
        for name in ["refs/tags/blob-tag", "refs/tags/light-blob", "refs/tags/tree-tag"] {
            let reference = try #require(references.first { $0.name == name })
            #expect(reference.commit == nil, "\(name)")
        }
    }

    @Test func packedReferencesReadTheSameAsLooseOnes() throws {
        let (fixture, _, _) = try makeRepository()
        let loose = try Repository(path: fixture.path).references()
        try fixture.git("pack-refs", "--all")
        #expect(try fixture.git("for-each-ref", "--format=%(refname)", "refs/heads").isEmpty == false)
        let packed = try Repository(path: fixture.path).references()
        #expect(packed == loose)
    }

    @Test func danglingSymbolicReferenceHasNoCommit() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        try fixture.git("symbolic-ref", "refs/heads/alias", "refs/heads/missing")
        let references = try Repository(path: fixture.path).references()
        #expect(references.contains(Reference(name: "refs/heads/alias", commit: nil)))
    }

    @Test func emptyRepositoryHasNoReferences() throws {
        let fixture = try FixtureRepository()
        #expect(try Repository(path: fixture.path).references().isEmpty)
    }

    @Test func resolvesRevisionsToCommits() throws {
        let (fixture, first, second) = try makeRepository()
        let repository = try Repository(path: fixture.path)
        #expect(try repository.resolveCommit("main") == oid(second))
        #expect(try repository.resolveCommit("HEAD~1") == oid(first))
        #expect(try repository.resolveCommit("annotated") == oid(second))
        #expect(try repository.resolveCommit("outer") == oid(second))
        #expect(try repository.resolveCommit(String(first.prefix(10))) == oid(first))
    }

    @Test func unknownRevisionIsNotFound() throws {
        let (fixture, _, _) = try makeRepository()
        let repository = try Repository(path: fixture.path)
        let error = #expect(throws: GitError.self) { try repository.resolveCommit("no-such-branch") }
        #expect(error?.kind == .notFound)
        #expect(error?.code == notFoundCode)
        #expect(error?.operation.contains("no-such-branch") == true)
    }

    @Test func revisionNamingABlobIsAnError() throws {
        let (fixture, _, _) = try makeRepository()
        let repository = try Repository(path: fixture.path)
        #expect(throws: GitError.self) { try repository.resolveCommit("blob-tag") }
    }

    @Test func emptyRepositoryCannotResolveHead() throws {
        let fixture = try FixtureRepository()
        let repository = try Repository(path: fixture.path)
        let error = #expect(throws: GitError.self) { try repository.resolveCommit("HEAD") }
        #expect(error?.kind == .notFound)
        #expect(error?.message.isEmpty == false)
        #expect(error?.operation == "git_revparse_single(HEAD)")
    }

    @Test func emptyRepositoryWalksNothing() throws {
        let fixture = try FixtureRepository()
        let repository = try Repository(path: fixture.path)
        let result = try repository.walk(from: [])
        #expect(result.commits.isEmpty)
        #expect(result.error == nil)
    }
}
