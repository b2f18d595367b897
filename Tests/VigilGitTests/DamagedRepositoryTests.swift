import Foundation
import Testing
import VigilGit
import VigilTestSupport

/// A missing or corrupt object is an error for that object and the commits that need it, never the
/// end of the walk. Fixtures are made with loose objects (git's default), so one object is one file.
@Suite("Damaged repositories")
struct DamagedRepositoryTests {
    private struct History {
        let fixture: FixtureRepository
        let commits: [String]
        /// The blob `secret.txt` holds after commits[1]; commits[2] replaces it.
        let blob: String
    }

    /// c0 adds a.txt; c1 adds secret.txt; c2 edits secret.txt; c3 and c4 edit a.txt.
    private func makeHistory() throws -> History {
        let fixture = try FixtureRepository()
        var commits = [try fixture.commit("c0", files: ["a.txt": "a\n"])]
        commits.append(try fixture.commit("c1", files: ["secret.txt": "first version\n"]))
        commits.append(try fixture.commit("c2", files: ["secret.txt": "first version\nsecond\n"]))
        commits.append(try fixture.commit("c3", files: ["a.txt": "a\nb\n"]))
        commits.append(try fixture.commit("c4", files: ["a.txt": "a\nb\nc\n"]))
        let blob = try fixture.revParse("\(commits[1]):secret.txt")
        #expect(FileManager.default.fileExists(atPath: try fixture.looseObjectPath(blob)))
        return History(fixture: fixture, commits: commits, blob: blob)
    }

    /// Walks everything and diffs every commit, as a scan does.
    private func scan(_ path: String) throws -> (walk: WalkResult, diffs: [ObjectID: Result<CommitDiff, GitError>]) {
        let repository = try Repository(path: path)
        let walk = try repository.walk(from: [repository.resolveCommit("HEAD")])
        var diffs: [ObjectID: Result<CommitDiff, GitError>] = [:]
        for id in walk.commits {
            diffs[id] = Result { () throws(GitError) in try repository.diff(repository.commit(id)) }
        }
        return (walk, diffs)
    }

    @Test func missingBlobIsReportedByTheCommitsThatNeedIt() throws {
        let history = try makeHistory()
        try history.fixture.deleteLooseObject(history.blob)
        let (walk, diffs) = try scan(history.fixture.path)
        #expect(walk.error == nil)
        #expect(walk.commits == (try history.commits.map { try oid($0) }))

        // c1 added the blob; c2 needed it as the old side of its edit. Both name the blob that is
        // missing, not the other side's.
        for index in [1, 2] {
            let diff = try #require(try diffs[oid(history.commits[index])]?.get())
            #expect(diff.unreadable.count == 1)
            let unreadable = try #require(diff.unreadable.first)
            #expect(unreadable.object == (try oid(history.blob)))
            #expect(unreadable.path == "secret.txt")
            #expect(unreadable.message.contains(history.blob))
            #expect(unreadable.error?.kind == .notFound)
            #expect(unreadable.error?.code == notFoundCode)
            #expect(try diff.file("secret.txt").addedLines.isEmpty)
        }
        for index in [0, 3, 4] {
            let diff = try #require(try diffs[oid(history.commits[index])]?.get())
            #expect(diff.unreadable.isEmpty)
            #expect(diff.addedLineCount == 1)
        }
    }

    @Test func corruptBlobIsReportedAndTheRestIsRead() throws {
        let history = try makeHistory()
        try history.fixture.replaceLooseObject(history.blob, with: Array("this is not zlib data".utf8))
        let (walk, diffs) = try scan(history.fixture.path)
        #expect(walk.commits.count == 5)
        let diff = try #require(try diffs[oid(history.commits[1])]?.get())
        let unreadable = try #require(diff.unreadable.first)
        #expect(unreadable.object == (try oid(history.blob)))
        #expect(unreadable.path == "secret.txt")
        #expect(unreadable.error?.kind == .corruptObject)
        #expect(try diffs[oid(history.commits[4])]?.get().addedLineCount == 1)
    }

    @Test func truncatedBlobIsReported() throws {
        let history = try makeHistory()
        let bytes = try history.fixture.looseObjectBytes(history.blob)
        try history.fixture.replaceLooseObject(history.blob, with: Array(bytes.prefix(bytes.count / 2)))
        let (walk, diffs) = try scan(history.fixture.path)
        #expect(walk.commits.count == 5)
        let diff = try #require(try diffs[oid(history.commits[1])]?.get())
        #expect(diff.unreadable.map(\.object) == [try oid(history.blob)])
        #expect(diff.unreadable.first?.error?.kind == .corruptObject)
    }

    @Test func missingTreeFailsOnlyThatCommitsDiff() throws {
        let history = try makeHistory()
        let tree = try history.fixture.revParse("\(history.commits[3])^{tree}")
        try history.fixture.deleteLooseObject(tree)
        let (walk, diffs) = try scan(history.fixture.path)
        #expect(walk.commits.count == 5)
        // c3's tree is both c3's result and c4's starting point.
        for index in [3, 4] {
            let result = try #require(try diffs[oid(history.commits[index])])
            #expect(throws: GitError.self) { try result.get() }
        }
        for index in [0, 1, 2] {
            #expect(throws: Never.self) { try diffs[oid(history.commits[index])]?.get() }
        }
    }

    @Test func missingParentCommitEndsThatLineWithAnError() throws {
        let history = try makeHistory()
        try history.fixture.deleteLooseObject(history.commits[2])
        let repository = try Repository(path: history.fixture.path)
        let head = try oid(history.commits[4])
        let result = try repository.walk(from: [head], order: .newestFirst)
        #expect(result.commits == [try oid(history.commits[4]), try oid(history.commits[3])])
        let error = try #require(result.error)
        #expect(result.errors.count == 1)
        #expect(error.kind == .notFound)
        #expect(error.code == notFoundCode)
        #expect(error.errorClass == odbErrorClass)
        #expect(error.message.contains(history.commits[2]))
        #expect(error.operation.contains(history.commits[2]))
        #expect(error.operation.contains("parent of \(history.commits[3])"))
        // The commit whose parent is gone cannot be diffed; the one above it can.
        #expect(throws: GitError.self) { try repository.diff(of: history.commits[3]) }
        #expect(try repository.diff(of: history.commits[4]).addedLineCount == 1)
    }

    @Test func missingCommitOnOneSideOfAMergeLeavesTheOtherSide() throws {
        let fixture = try FixtureRepository()
        let base = try fixture.commit("base", files: ["a.txt": "a\n"])
        try fixture.git("checkout", "-q", "-b", "side")
        let side1 = try fixture.commit("side 1", files: ["s.txt": "1\n"])
        let side2 = try fixture.commit("side 2", files: ["s.txt": "1\n2\n"])
        try fixture.git("checkout", "-q", "main")
        let main1 = try fixture.commit("main 1", files: ["m.txt": "1\n"])
        fixture.startMerge(["side"])
        let merge = try fixture.commit("merge")
        try fixture.deleteLooseObject(side1)
        let repository = try Repository(path: fixture.path)
        let result = try repository.walk(from: [oid(merge)], order: .newestFirst)
        #expect(Set(result.commits) == Set(try [merge, side2, main1, base].map { try oid($0) }))
        #expect(result.errors.count == 1)
        #expect(result.error?.message.contains(side1) == true)
    }

    @Test func corruptCommitIsAnErrorForThatCommit() throws {
        let history = try makeHistory()
        try history.fixture.replaceLooseObject(history.commits[1], with: [0x78, 0x01, 0x00, 0x01, 0x02])
        let repository = try Repository(path: history.fixture.path)
        let result = try repository.walk(from: [oid(history.commits[4])], order: .newestFirst)
        #expect(result.commits == (try history.commits[2...].reversed().map { try oid($0) }))
        #expect(result.error?.kind == .corruptObject)
        let error = #expect(throws: GitError.self) { try repository.commit(oid(history.commits[1])) }
        #expect(error?.kind == .corruptObject)
        #expect(error?.message.isEmpty == false)
    }

    @Test func missingHiddenCommitIsIgnoredButTheDamageIsReported() throws {
        let history = try makeHistory()
        try history.fixture.deleteLooseObject(history.commits[0])
        let repository = try Repository(path: history.fixture.path)
        let result = try repository.walk(from: [oid(history.commits[4])], hiding: [oid(history.commits[0])],
            order: .newestFirst)
        // Hiding an id that is gone is not an error, but c1's parent is gone: the walk stops there and says so.
        #expect(result.commits == (try history.commits[1...].reversed().map { try oid($0) }))
        #expect(result.errors.count == 1)
    }

    // MARK: - Truncated loose objects
    // libgit2 1.5 loops forever inflating a truncated loose object (libgit2 issue #7342); VigilGit
    // reads loose objects itself. Each of these hung before that.

    private func truncate(_ fixture: FixtureRepository, _ id: String) throws {
        let bytes = try fixture.looseObjectBytes(id)
        try fixture.replaceLooseObject(id, with: Array(bytes.prefix(bytes.count / 2)))
    }

    @Test func truncatedCommitEndsItsLineOfHistory() throws {
        let history = try makeHistory()
        try truncate(history.fixture, history.commits[2])
        let repository = try Repository(path: history.fixture.path)
        let result = try repository.walk(from: [oid(history.commits[4])], order: .newestFirst)
        #expect(result.commits == [try oid(history.commits[4]), try oid(history.commits[3])])
        let error = try #require(result.error)
        #expect(error.kind == .corruptObject)
        #expect(error.errorClass == 5)  // GIT_ERROR_ZLIB
        #expect(error.message.contains(history.commits[2]))
        #expect(error.message.contains("truncated"))
    }

    @Test func truncatedTreeFailsTheDiffsThatNeedIt() throws {
        let history = try makeHistory()
        try truncate(history.fixture, try history.fixture.revParse("\(history.commits[3])^{tree}"))
        let (walk, diffs) = try scan(history.fixture.path)
        #expect(walk.commits.count == 5)
        let error = #expect(throws: GitError.self) { try diffs[oid(history.commits[3])]?.get() }
        #expect(error?.kind == .corruptObject)
        #expect(try diffs[oid(history.commits[2])]?.get().unreadable.isEmpty == true)
    }

    @Test func abbreviatedIdOfATruncatedObjectFails() throws {
        let history = try makeHistory()
        try truncate(history.fixture, history.commits[2])
        let repository = try Repository(path: history.fixture.path)
        let short = String(history.commits[2].prefix(12))
        let error = #expect(throws: GitError.self) { try repository.resolveCommit(short) }
        #expect(error?.kind == .corruptObject)
        #expect(try repository.resolveCommit(String(history.commits[3].prefix(12))) == oid(history.commits[3]))
    }

    @Test func blobWhoseHeaderSurvivesStillHasASize() throws {
        // Sizes come from the object header alone, so a blob too big to read keeps its size even when
        // the rest of its file is damaged; reading it whole is what fails.
        let history = try makeHistory()
        try truncate(history.fixture, history.blob)
        let repository = try Repository(path: history.fixture.path)
        #expect(repository.blobSize(try oid(history.blob)) == Int64("first version\n".utf8.count))
        let small = try repository.diff(of: history.commits[1], options: DiffOptions(maxBlobBytes: 4))
        #expect(small.unreadable.isEmpty)
        #expect(try small.file("secret.txt").newContent == .overLimit)
        let whole = try repository.diff(of: history.commits[1])
        #expect(whole.unreadable.map(\.object) == [try oid(history.blob)])
    }
}
