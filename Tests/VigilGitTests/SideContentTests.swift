import Foundation
import Testing
import VigilGit
import VigilTestSupport

/// Each side of a change is judged on its own, and reading stops at the commit's budgets.
@Suite("Each side of a change, and the reading budgets")
struct SideContentTests {
    @Test func aTextNewSideIsDiffedAgainstNothingWhenTheOldSideIsBinary() throws {
        let fixture = try FixtureRepository()
        try fixture.write("tool", bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 1, 10])
        try fixture.commit("binary")
        let id = try fixture.commit("text", files: ["tool": "echo one\necho two\n"])
        let change = try Repository(path: fixture.path).diff(of: id).file("tool")
        #expect(change.oldContent == .binary)
        #expect(change.newContent == .text)
        #expect(change.addedLines == [DiffLine(number: 1, text: "echo one"), DiffLine(number: 2, text: "echo two")])
        #expect(change.removedLines.isEmpty)
    }

    @Test func aTextNewSideIsDiffedAgainstNothingWhenTheOldSideIsOverTheLimit() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("big", files: ["data.txt": String(repeating: "row\n", count: 500)])
        let id = try fixture.commit("small", files: ["data.txt": "row\nnew\n"])
        let change = try Repository(path: fixture.path).diff(of: id, options: DiffOptions(maxBlobBytes: 1000))
            .file("data.txt")
        #expect(change.oldContent == .overLimit)
        #expect(change.newContent == .text)
        #expect(change.added == ["row", "new"])
        #expect(change.removedLineCount == 0, "which old lines went is unknown")
    }

    @Test func aDeletedSideOverTheLimitHasItsLinesCountedNotListed() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("big", files: ["data.txt": String(repeating: "row\n", count: 499) + "last"])
        try fixture.remove("data.txt")
        let id = try fixture.commit("drop")
        let diff = try Repository(path: fixture.path).diff(of: id, options: DiffOptions(maxBlobBytes: 1000))
        let change = try diff.file("data.txt")
        #expect(change.oldContent == .overLimit)
        #expect(change.removedLines.isEmpty)
        #expect(change.unlistedRemovedLines == 500, "a last line without a newline counts")
        #expect(diff.removedLineCount == 500)
    }

    @Test func aByteBudgetLeavesTheFileThatWouldPassItAndEveryLaterOneUnread() throws {
        let fixture = try FixtureRepository()
        let id = try fixture.commit(
            "three", files: ["a.txt": "alpha\n", "b.txt": String(repeating: "b", count: 100) + "\n", "c.txt": "c\n"])
        let diff = try Repository(path: fixture.path).diff(of: id, options: DiffOptions(byteBudget: 50))
        #expect(diff.budgetSpent == DiffBudgetSpent(budget: .bytes(50), bytesRead: 6))
        #expect(try diff.file("a.txt").added == ["alpha"])
        for path in ["b.txt", "c.txt"] {
            let change = try diff.file(path)
            #expect(change.newContent == .unread)
            #expect(change.addedLines.isEmpty)
        }
    }

    @Test func aPassedDeadlineReadsNothing() throws {
        let fixture = try FixtureRepository()
        let id = try fixture.commit("one", files: ["a.txt": "alpha\n"])
        let options = DiffOptions(deadline: Deadline(budget: .zero))
        let diff = try Repository(path: fixture.path).diff(of: id, options: options)
        #expect(diff.budgetSpent == DiffBudgetSpent(budget: .time(.zero), bytesRead: 0))
        #expect(try diff.file("a.txt").newContent == .unread)
    }
}
