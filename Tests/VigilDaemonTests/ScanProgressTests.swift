import Testing
import VigilCore
import VigilDaemon

/// The hide roots after a batch: exactly what was scanned is hidden, whatever the shape of history.
@Suite struct ScanProgressTests {
    func c(_ number: Int) -> String { ScanFixture.commit(number) }
    func planned(_ number: Int, _ parents: Int...) -> PlannedCommit {
        PlannedCommit(id: c(number), parents: parents.map(c))
    }

    @Test func aCompletePlanWithDoneTakesTheChildsRoots() {
        let plan = ScanPlan(commits: [planned(1, 0), planned(2, 1)], complete: true)
        let done = ScanDone(seen: [c(2), c(50)], commits: 2, alerts: 0, errors: 0)
        let seen = ScanProgress.seen(before: [c(0)], plan: plan, completed: [c(1), c(2)], done: done)
        #expect(seen == [c(2), c(50)])
    }

    @Test func aChainStoppedHalfWayHidesItsLastCompletedCommit() {
        let plan = ScanPlan(commits: [planned(1, 0), planned(2, 1), planned(3, 2)], complete: true)
        let seen = ScanProgress.seen(before: [c(0), c(40)], plan: plan, completed: [c(1), c(2)], done: nil)
        // c(0) is reached through c(2) now; c(40) (another branch's root) stays.
        #expect(seen == [c(2), c(40)])
    }

    @Test func nothingCompletedLeavesTheRootsAlone() {
        let plan = ScanPlan(commits: [planned(1, 0)], complete: true)
        #expect(ScanProgress.seen(before: [c(0)], plan: plan, completed: [], done: nil) == [c(0)])
    }

    @Test func twoBranchesBothKeepTheirCompletedTips() {
        // 0 ─ 1 ─ 2        (main)
        //   └ 3 ─ 4        (topic), plan order 1 3 2 4, stopped before 4
        let plan = ScanPlan(
            commits: [planned(1, 0), planned(3, 0), planned(2, 1), planned(4, 3)], complete: true)
        let seen = ScanProgress.seen(before: [c(0)], plan: plan, completed: [c(1), c(3), c(2)], done: nil)
        #expect(seen == [c(2), c(3)])
    }

    @Test func aMergeHidesBothOfItsParents() {
        // 0 ─ 1 ─ 3 (merge of 1 and 2) ─ 4
        //   └ 2 ┘
        let plan = ScanPlan(
            commits: [planned(1, 0), planned(2, 0), planned(3, 1, 2), planned(4, 3)], complete: false)
        let seen = ScanProgress.seen(before: [c(0)], plan: plan, completed: [c(1), c(2), c(3)], done: nil)
        #expect(seen == [c(3)])
        let before = ScanProgress.seen(before: [c(0)], plan: plan, completed: [c(1), c(2)], done: nil)
        #expect(before == [c(1), c(2)])
    }

    @Test func aMergeWithAParentAlreadySeenKeepsNothingRedundant() {
        // 9 was seen long ago; 5 merges it into the new line 1.
        let plan = ScanPlan(commits: [planned(1, 0), planned(5, 1, 9)], complete: false)
        let seen = ScanProgress.seen(before: [c(0), c(9), c(40)], plan: plan, completed: [c(1), c(5)], done: nil)
        #expect(seen == [c(5), c(40)])
    }

    @Test func anIncompletePlanIgnoresDoneRoots() {
        let plan = ScanPlan(commits: [planned(1, 0)], complete: false)
        let done = ScanDone(seen: [], commits: 1, alerts: 0, errors: 0)
        #expect(ScanProgress.seen(before: [c(0)], plan: plan, completed: [c(1)], done: done) == [c(1)])
    }

    @Test func givingUpOnACommitHidesItInsteadOfItsParents() {
        let plan = ScanPlan(commits: [planned(1, 0), planned(2, 1), planned(3, 2)], complete: true)
        let seen = ScanProgress.seen(before: [c(0)], plan: plan, completed: [c(1)], done: nil)
        #expect(ScanProgress.skipping(c(2), plan: plan, seen: seen) == [c(2)])
    }

    @Test func aResultWithoutAPlanChangesNothing() {
        var result = ScanBatchResult()
        result.failure = .exit(status: 2)
        #expect(ScanProgress.seen(before: [c(0)], result: result) == [c(0)])
    }
}
