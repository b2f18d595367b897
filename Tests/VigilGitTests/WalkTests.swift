import Foundation
import Testing
import VigilGit
import VigilTestSupport

@Suite("Walking history")
struct WalkTests {
    /// c1 - c2 - c3 ------- m - c6     (main)
    ///         \- f1 - f2 -/           (feature)
    private struct History {
        let fixture: FixtureRepository
        let c1, c2, c3, f1, f2, m, c6: String
    }

    private func makeHistory() throws -> History {
        let fixture = try FixtureRepository()
        let c1 = try fixture.commit("c1", files: ["a.txt": "1\n"])
        let c2 = try fixture.commit("c2", files: ["a.txt": "1\n2\n"])
        try fixture.git("checkout", "-q", "-b", "feature")
        let f1 = try fixture.commit("f1", files: ["f.txt": "f1\n"])
        let f2 = try fixture.commit("f2", files: ["f.txt": "f1\nf2\n"])
        try fixture.git("checkout", "-q", "main")
        let c3 = try fixture.commit("c3", files: ["a.txt": "1\n2\n3\n"])
        fixture.startMerge(["feature"])
        let m = try fixture.commit("merge feature")
        let c6 = try fixture.commit("c6", files: ["a.txt": "1\n2\n3\n6\n"])
        return History(fixture: fixture, c1: c1, c2: c2, c3: c3, f1: f1, f2: f2, m: m, c6: c6)
    }

    /// git's own answer for the same range, newest first (`--date-order` is libgit2's TOPOLOGICAL|TIME).
    private func revList(_ fixture: FixtureRepository, _ arguments: [String]) throws -> [ObjectID] {
        try fixture.git(["rev-list", "--date-order"] + arguments + ["--"])
            .split(separator: "\n").map { try oid(String($0)) }
    }

    @Test func walksEverythingNewestFirstLikeGit() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        let result = try repository.walk(from: [oid(history.c6)], order: .newestFirst)
        #expect(result.error == nil)
        #expect(result.commits == (try revList(history.fixture, [history.c6])))
        #expect(result.commits.count == 7)
        #expect(result.commits.first == (try oid(history.c6)))
        #expect(result.commits.last == (try oid(history.c1)))
    }

    @Test func oldestFirstIsTheReverse() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        let newest = try repository.walk(from: [oid(history.c6)], order: .newestFirst)
        let oldest = try repository.walk(from: [oid(history.c6)], order: .oldestFirst)
        #expect(oldest.commits == newest.commits.reversed())
        // Parents before children.
        let position = Dictionary(uniqueKeysWithValues: oldest.commits.enumerated().map { ($1, $0) })
        for id in oldest.commits {
            for parent in try repository.commit(id).parents {
                #expect(try #require(position[parent]) < (try #require(position[id])))
            }
        }
    }

    @Test func defaultOrderIsOldestFirst() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        let result = try repository.walk(from: [oid(history.c6)])
        #expect(result.commits.first == (try oid(history.c1)))
        #expect(result.commits.last == (try oid(history.c6)))
    }

    @Test func hidingACommitHidesItsHistory() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        let result = try repository.walk(from: [oid(history.c6)], hiding: [oid(history.c3)], order: .newestFirst)
        #expect(result.commits == (try revList(history.fixture, [history.c6, "^" + history.c3])))
        #expect(Set(result.commits) == Set(try [history.f1, history.f2, history.m, history.c6].map { try oid($0) }))
    }

    @Test func hidingSeveralCommitsIncludingUnknownIds() throws {
        let history = try makeHistory()
        let fixture = history.fixture
        let repository = try Repository(path: fixture.path)
        let blob = try oid(fixture.revParse("\(history.c1):a.txt"))
        let hidden = [try oid(history.f1), absentID, blob, try oid(history.c3)]
        let result = try repository.walk(from: [oid(history.c6)], hiding: hidden, order: .newestFirst)
        #expect(result.error == nil)
        #expect(result.commits == (try revList(fixture, [history.c6, "^" + history.f1, "^" + history.c3])))
        #expect(Set(result.commits) == Set(try [history.f2, history.m, history.c6].map { try oid($0) }))
    }

    @Test func hidingOnlyUnknownIdsHidesNothing() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        let result = try repository.walk(from: [oid(history.c6)], hiding: [absentID], order: .newestFirst)
        #expect(result.commits.count == 7)
        #expect(result.error == nil)
    }

    @Test func hidingAnAnnotatedTagHidesItsCommit() throws {
        let history = try makeHistory()
        let fixture = history.fixture
        try fixture.git("tag", "-a", "v1", "-m", "release", history.c3)
        let repository = try Repository(path: fixture.path)
        let tagObject = try oid(fixture.revParse("refs/tags/v1"))
        let result = try repository.walk(from: [oid(history.c6)], hiding: [tagObject], order: .newestFirst)
        #expect(result.commits == (try revList(fixture, [history.c6, "^" + history.c3])))
    }

    @Test func hidingTheTipOrADescendantLeavesNothing() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        #expect(try repository.walk(from: [oid(history.c6)], hiding: [oid(history.c6)]).commits.isEmpty)
        #expect(try repository.walk(from: [oid(history.f1)], hiding: [oid(history.c6)]).commits.isEmpty)
    }

    @Test func severalTipsGiveTheUnionOnce() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        let tips = [try oid(history.c3), try oid(history.f2), try oid(history.c3)]
        let result = try repository.walk(from: tips, hiding: [oid(history.c1)], order: .newestFirst)
        #expect(result.commits == (try revList(history.fixture, [history.c3, history.f2, "^" + history.c1])))
        #expect(result.commits.count == Set(result.commits).count)
    }

    @Test func annotatedTagAsTipWalksItsCommit() throws {
        let history = try makeHistory()
        try history.fixture.git("tag", "-a", "v2", "-m", "release", history.c2)
        let repository = try Repository(path: history.fixture.path)
        let tag = try oid(history.fixture.revParse("refs/tags/v2"))
        #expect(try repository.walk(from: [tag], order: .newestFirst).commits == [oid(history.c2), oid(history.c1)])
    }

    @Test func noTipsWalkNothing() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        #expect(try repository.walk(from: [], hiding: [oid(history.c1)]).commits.isEmpty)
    }

    @Test func unknownTipIsAnError() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        let error = #expect(throws: GitError.self) { try repository.walk(from: [absentID]) }
        #expect(error?.kind == .notFound)
        #expect(error?.code == notFoundCode)
        #expect(error?.errorClass == odbErrorClass)
    }

    @Test func walkMatchesGitOnABranchyHistory() throws {
        // Eight branches forking and merging back at different points; every range agrees with git.
        let fixture = try FixtureRepository()
        var tips: [String] = [try fixture.commit("root", files: ["root.txt": "0\n"])]
        for round in 1...8 {
            try fixture.git("checkout", "-q", "-b", "topic\(round)", tips[round / 2])
            try fixture.commit("topic \(round) a", files: ["t\(round).txt": "a\n"])
            tips.append(try fixture.commit("topic \(round) b", files: ["t\(round).txt": "a\nb\n"]))
            try fixture.git("checkout", "-q", "main")
            try fixture.commit("main \(round)", files: ["main.txt": "\(round)\n"])
            if round % 3 != 0 {
                fixture.startMerge(["topic\(round)"])
                try fixture.commit("merge topic \(round)")
            }
        }
        let repository = try Repository(path: fixture.path)
        let head = try fixture.revParse("HEAD")
        let topic4 = try fixture.revParse("topic4")
        let topic5 = try fixture.revParse("topic5")
        let ranges: [(tips: [String], hidden: [String])] = [
            ([head], []),
            ([head], [tips[3]]),
            ([head, tips[6]], [tips[2], tips[5]]),
            ([tips[8], tips[7]], [tips[1]]),
            ([head, tips[3], tips[6], tips[8]], [topic4, topic5]),
        ]
        for range in ranges {
            let result = try repository.walk(
                from: range.tips.map { try oid($0) }, hiding: range.hidden.map { try oid($0) }, order: .newestFirst)
            let expected = try revList(fixture, range.tips + range.hidden.map { "^" + $0 })
            #expect(result.commits == expected)
            #expect(result.error == nil)
        }
    }

    @Test func ancestry() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        #expect(try repository.isAncestor(oid(history.c1), of: oid(history.c6)))
        #expect(try repository.isAncestor(oid(history.f1), of: oid(history.m)))
        #expect(try repository.isAncestor(oid(history.c6), of: oid(history.c6)))
        #expect(try !repository.isAncestor(oid(history.f1), of: oid(history.c3)))
        #expect(try !repository.isAncestor(oid(history.c6), of: oid(history.c1)))
    }

    @Test func containsKnowsWhichObjectsExist() throws {
        let history = try makeHistory()
        let repository = try Repository(path: history.fixture.path)
        #expect(repository.contains(try oid(history.c1)))
        #expect(repository.contains(try oid(history.fixture.revParse("\(history.c1):a.txt"))))
        #expect(!repository.contains(absentID))
    }
}
