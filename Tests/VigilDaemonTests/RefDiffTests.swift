import Testing
import VigilCore
import VigilGit

@testable import VigilDaemon

/// Pure comparisons of recorded and current refs: what moved, appeared, vanished, and what could
/// not be read (which must never look deleted).
@Suite("Ref diffs")
struct RefDiffTests {
    private let a = String(repeating: "a", count: 40)
    private let b = String(repeating: "b", count: 40)
    private let c = String(repeating: "c", count: 40)

    private func tip(_ name: String, _ hex: String?, problem: String? = nil) -> ReferenceTip {
        ReferenceTip(name: name, target: hex.flatMap { ObjectID(hex: $0) }, problem: problem)
    }

    private let heads = RefSelection(watched: ["refs/heads/*"], protected: ["refs/heads/main", "refs/heads/release-*"])

    @Test func newMovedDeletedAndUnchangedAreToldApart() {
        let recorded = ["refs/heads/main": a, "refs/heads/dev": b, "refs/heads/old": c]
        let current = [tip("refs/heads/main", b), tip("refs/heads/dev", b), tip("refs/heads/fresh", c)]
        let diff = RefDiff(recorded: recorded, current: current, selection: heads)
        #expect(diff.new == [RefTip(name: "refs/heads/fresh", target: c)])
        #expect(diff.moved == [RefDiff.Moved(name: "refs/heads/main", old: a, new: b, isProtected: true)])
        #expect(diff.deleted == [RefDiff.Deleted(name: "refs/heads/old", old: c, isProtected: false)])
        #expect(diff.unchanged == [RefTip(name: "refs/heads/dev", target: b)])
        #expect(diff.unreadable.isEmpty)
        #expect(!diff.isEmpty)
        #expect(diff.recordable == ["refs/heads/main": b, "refs/heads/dev": b, "refs/heads/fresh": c])
    }

    @Test func nothingChangedIsEmpty() {
        let diff = RefDiff(
            recorded: ["refs/heads/main": a], current: [tip("refs/heads/main", a)], selection: heads)
        #expect(diff.isEmpty)
        #expect(diff.unchanged.count == 1)
    }

    @Test func deletedProtectedRefIsMarkedProtected() {
        let diff = RefDiff(
            recorded: ["refs/heads/main": a, "refs/heads/release-1": b], current: [], selection: heads)
        #expect(diff.deleted.map(\.isProtected) == [true, true])
        #expect(diff.deleted.map(\.name) == ["refs/heads/main", "refs/heads/release-1"])
    }

    @Test func unreadableRefIsNeitherMovedNorDeletedAndKeepsItsRecordedTip() {
        let current = [tip("refs/heads/main", nil, problem: "it is not a regular file (a FIFO)")]
        let diff = RefDiff(recorded: ["refs/heads/main": a], current: current, selection: heads)
        #expect(diff.isEmpty)
        #expect(diff.unreadable == [RefDiff.Unreadable(
            name: "refs/heads/main", problem: "it is not a regular file (a FIFO)", recorded: a)])
        #expect(diff.recordable == ["refs/heads/main": a])
    }

    @Test func refsUnderAFolderThatCannotBeListedAreUnreadableNotDeleted() {
        let current = [tip("refs/heads/", nil, problem: "the folder cannot be listed: Permission denied")]
        let diff = RefDiff(
            recorded: ["refs/heads/main": a, "refs/heads/dev": b], current: current, selection: heads)
        #expect(diff.deleted.isEmpty)
        #expect(Set(diff.unreadable.map(\.name)) == ["refs/heads/main", "refs/heads/dev"])
        #expect(diff.recordable == ["refs/heads/main": a, "refs/heads/dev": b])
    }

    @Test func unlistableFolderWithNothingRecordedIsReportedOnlyWhenItCouldHoldWatchedRefs() {
        let current = [
            tip("refs/heads/team/", nil, problem: "denied"), tip("refs/notes/", nil, problem: "denied"),
        ]
        let diff = RefDiff(recorded: [:], current: current, selection: heads)
        #expect(diff.unreadable.map(\.name) == ["refs/heads/team/"])
    }

    @Test func globsDoNotCrossSlashesLikeGitRefGlobs() {
        let current = [tip("refs/heads/main", a), tip("refs/heads/feature/x", b), tip("refs/tags/v1", c)]
        let diff = RefDiff(recorded: [:], current: current, selection: RefSelection(watched: ["refs/heads/*"], protected: []))
        #expect(diff.new.map(\.name) == ["refs/heads/main"])
        let deep = RefDiff(
            recorded: [:], current: current,
            selection: RefSelection(watched: ["refs/heads/*", "refs/heads/*/*"], protected: []))
        #expect(deep.new.map(\.name) == ["refs/heads/feature/x", "refs/heads/main"])
    }

    @Test func protectedRefOutsideTheWatchedGlobsIsStillWatched() {
        let selection = RefSelection(watched: ["refs/heads/*"], protected: ["refs/tags/v*"])
        let diff = RefDiff(recorded: ["refs/tags/v1": a], current: [], selection: selection)
        #expect(diff.deleted == [RefDiff.Deleted(name: "refs/tags/v1", old: a, isProtected: true)])
    }

    @Test func recordedRefsNoLongerSelectedAreDroppedSilently() {
        // A config change that stops watching tags is not a deletion of every tag.
        let diff = RefDiff(recorded: ["refs/tags/v1": a], current: [], selection: heads)
        #expect(diff.deleted.isEmpty)
        #expect(diff.recordable.isEmpty)
    }

    @Test func danglingSymbolicRefCountsAsAbsent() {
        let dangling = ReferenceTip(name: "refs/heads/alias", target: nil, symbolicTarget: "refs/heads/gone")
        let diff = RefDiff(recorded: ["refs/heads/alias": a], current: [dangling], selection: heads)
        #expect(diff.deleted.map(\.name) == ["refs/heads/alias"])
        #expect(RefDiff(recorded: [:], current: [dangling], selection: heads).isEmpty)
    }

    @Test func hostileNamesAreComparedAsBytesAndNeverMatchAcrossNUL() {
        let evil = "refs/heads/\u{1b}[31mred"
        let diff = RefDiff(recorded: [:], current: [tip(evil, a), tip("refs/heads/x\u{0}y", b)], selection: heads)
        #expect(diff.new.map(\.name) == [evil])
        #expect(!RefSelection.matches(["refs/heads/*"], "refs/heads/x\u{0}y"))
    }

    @Test func bracketAndQuestionGlobsWork() {
        let selection = RefSelection(watched: ["refs/heads/v[0-9]", "refs/heads/rc?"], protected: [])
        #expect(selection.includes("refs/heads/v1"))
        #expect(!selection.includes("refs/heads/va"))
        #expect(selection.includes("refs/heads/rc1"))
        #expect(!selection.includes("refs/heads/rc10"))
    }

    @Test func selectionComesFromTheRepositorysSettings() {
        let settings = RepositorySettings(path: "/r", refs: ["refs/heads/*"], protectedRefs: ["refs/heads/main"])
        let selection = RefSelection(settings)
        #expect(selection.isProtected("refs/heads/main"))
        #expect(!selection.isProtected("refs/heads/dev"))
        #expect(selection.includes("refs/heads/dev"))
    }
}
