import Foundation
import Testing
import VigilCore
import VigilGit
import VigilTestSupport

/// The report's blame on histories with known authorship, each checked against `git blame -M -C`.
@Suite struct ReportBlameTests {
    @Test func humanThenAIThenHumanRewrites() throws {
        let repository = try FixtureRepository()
        let lines = (1...10).map { "human line \($0) of the original file\n" }
        try repository.commit("Base", files: ["app.txt": lines.joined()])
        try repository.git("tag", "base")
        var ai = lines
        for index in 2...5 { ai[index] = "assistant rewrote line \(index + 1)\n" }
        try repository.commit("Rewrite middle" + ReportFixture.claudeTrailer, files: ["app.txt": ai.joined()])
        var human = ai
        human[4] = "person fixed line 5 again\n"
        human.append("person added a last line\n")
        try repository.commit("Fix", files: ["app.txt": human.joined()])

        let report = try ReportFixture.report(repository, from: "base")
        #expect(report.commits == 2)
        #expect(report.aiCommits == 1)
        #expect(report.lines == 5)
        #expect(report.aiLines == 3)
        #expect(report.byTool.first?.name == "claude-code")
        #expect(report.byTool.first?.lines == 3)
        #expect(try ReportFixture.gitBlameLines(repository, from: "base", path: "app.txt") == 5)
    }

    @Test func movedBlockAndRenamedFileKeepTheirOrigin() throws {
        let repository = try FixtureRepository()
        let top = ReportFixture.block("alpha", 8)
        let bottom = ReportFixture.block("omega", 8)
        try repository.commit("Base", files: ["a.swift": top + "// middle\n" + bottom, "old.swift": top])
        try repository.git("tag", "base")
        // An AI commit swaps the two blocks and renames a file with one new line: only that line is new.
        try repository.git("mv", "old.swift", "new.swift")
        try repository.write("new.swift", top + "let addedByAssistant = 1\n")
        try repository.commit(
            "Reorder" + ReportFixture.claudeTrailer, files: ["a.swift": bottom + "// middle\n" + top])

        let report = try ReportFixture.report(repository, from: "base")
        let gitLines = try ReportFixture.gitBlameLines(repository, from: "base", path: "a.swift")
        #expect(ReportFixture.lines(report, "a.swift") == gitLines)
        #expect(ReportFixture.lines(report, "a.swift") <= 1)
        #expect(ReportFixture.lines(report, "new.swift") == 1)
        #expect(ReportFixture.aiLines(report, "new.swift") == 1)
        #expect(try ReportFixture.gitBlameLines(repository, from: "base", path: "new.swift") == 1)
    }

    @Test func blockCopiedFromAnotherChangedFileIsNotNew() throws {
        let repository = try FixtureRepository()
        let shared = ReportFixture.block("shared", 6)
        try repository.commit("Base", files: ["source.swift": "// header\n" + shared + "// footer\n"])
        try repository.git("tag", "base")
        try repository.commit(
            "Extract" + ReportFixture.claudeTrailer,
            files: ["source.swift": "// header\n// footer\n", "target.swift": shared + "let brandNew = true\n"])

        let report = try ReportFixture.report(repository, from: "base")
        #expect(ReportFixture.lines(report, "target.swift") == 1)
        #expect(try ReportFixture.gitBlameLines(repository, from: "base", path: "target.swift") == 1)
    }

    @Test func aiLinesDeletedBeforeTheEndCountNothing() throws {
        let repository = try FixtureRepository()
        try repository.commit("Base", files: ["app.txt": "one\ntwo\n"])
        try repository.git("tag", "base")
        try repository.commit("Add" + ReportFixture.claudeTrailer, files: ["app.txt": "one\ntwo\nai three\nai four\n"])
        try repository.commit("Drop them", files: ["app.txt": "one\ntwo\nperson three\n"])

        let report = try ReportFixture.report(repository, from: "base")
        #expect(report.lines == 1)
        #expect(report.aiLines == 0)
        #expect(report.aiCommits == 1)
    }

    @Test func committerOnlyToolDoesNotCount() throws {
        let repository = try FixtureRepository()
        try repository.commit("Base", files: ["app.txt": "one\n"])
        try repository.git("tag", "base")
        try repository.commit(
            "Person's own change", files: ["app.txt": "one\ntwo\n"], committer: ReportFixture.aiderCommitter)

        let report = try ReportFixture.report(repository, from: "base")
        #expect(report.lines == 1)
        #expect(report.aiLines == 0)
        #expect(report.aiCommits == 0)
    }

    @Test func gitAINoteDecidesLineByLine() throws {
        let repository = try FixtureRepository()
        try repository.commit("Base", files: ["README.md": "hello\n"])
        try repository.git("tag", "base")
        let commit = try repository.commit(
            "Add parser", files: ["src/parser.rs": "fn a() {}\nfn b() {}\nfn c() {}\nfn d() {}\n"])
        let note = """
            src/parser.rs
              s_0123456789abcd::t_0123456789abcd 2-3
              h_0123456789abcd 1,4
            ---
            {"schema_version":"authorship/3.0.0","sessions":{"s_0123456789abcd":{"agent_id":{"tool":"cursor"}}}}
            """
        try repository.git("notes", "--ref=ai", "add", "-m", note, commit)

        let report = try ReportFixture.report(repository, from: "base")
        #expect(report.lines == 4)
        #expect(report.aiLines == 2)
        #expect(report.byTool.map(\.name) == ["cursor"])
    }

    @Test func mergeTakesLinesFromTheParentThatHasThem() throws {
        let repository = try FixtureRepository()
        try repository.commit("Base", files: ["a.txt": "base\n", "b.txt": "base\n"])
        try repository.git("tag", "base")
        try repository.git("checkout", "-q", "-b", "side")
        try repository.commit("Side" + ReportFixture.claudeTrailer, files: ["b.txt": "base\nside one\nside two\n"])
        try repository.git("checkout", "-q", "main")
        try repository.commit("Main", files: ["a.txt": "base\nmain one\n"])
        try repository.git("merge", "-q", "--no-edit", "side")

        let report = try ReportFixture.report(repository, from: "base")
        #expect(report.lines == 3)
        #expect(report.aiLines == 2)
        let gitLines = try ReportFixture.gitBlameLines(repository, from: "base", path: "b.txt")
        #expect(ReportFixture.lines(report, "b.txt") == gitLines)
    }

    /// libgit2's blame is the referee where no move or copy is involved: both give the same counts.
    @Test func libgit2BlameAgreesWithoutMovesOrCopies() throws {
        let repository = try FixtureRepository()
        try repository.commit("Base", files: ["a.txt": "1\n2\n3\n4\n5\n", "b.txt": "x\ny\n"])
        try repository.git("tag", "base")
        try repository.commit("Edit" + ReportFixture.claudeTrailer, files: ["a.txt": "1\ntwo\n3\n4\nfive\nsix\n"])
        try repository.commit("More", files: ["b.txt": "x\nwhy\n", "c.txt": "new\nfile\n"])
        try repository.commit("Again", files: ["a.txt": "1\ntwo\n3\nfour\nfive\nsix\n"])

        let ours = try ReportFixture.report(repository, from: "base")
        let theirs = try ReportFixture.report(repository, from: "base", engine: .libgit2)
        #expect(ours.byFile == theirs.byFile)
        #expect(ours.byFile.map(\.lines) == [4, 1, 2])
        #expect(ours.aiLines == theirs.aiLines)
    }
}
