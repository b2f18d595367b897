/// Where a repository's scan stands after a batch, as the hide roots of the next walk.
///
/// A child scans its plan in topological order (parents first) and reports commits in plan order,
/// so every in-range ancestor of a completed commit is completed too. Hiding the completed commits
/// that no other completed commit descends from therefore hides exactly what was scanned: the next
/// walk starts where this one stopped, and nothing is scanned twice or skipped.
public enum ScanProgress {
    /// The hide roots after a batch that completed `completed` (a prefix of `plan`).
    ///
    /// When the plan was every new commit and the child said `done`, its `seen` is the answer (the
    /// new tips, and older roots they do not reach). Otherwise: the old roots, without those the
    /// completed commits descend from directly, plus the completed commits that are not parents of
    /// other completed commits.
    public static func seen(before: Set<String>, plan: ScanPlan, completed: [String], done: ScanDone?) -> Set<String> {
        if plan.complete, let done, completed.count == plan.commits.count { return Set(done.seen) }
        let finished = Set(completed)
        let parents = Set(plan.commits.filter { finished.contains($0.id) }.flatMap(\.parents))
        return before.subtracting(parents).union(finished.subtracting(parents))
    }

    /// The hide roots of a batch's result; unchanged when the child never sent a plan.
    public static func seen(before: Set<String>, result: ScanBatchResult) -> Set<String> {
        guard let plan = result.plan else { return before }
        return seen(before: before, plan: plan, completed: result.completed.map(\.id), done: result.done)
    }

    /// The hide roots after giving up on `commit`, the first unfinished commit of `plan`: the
    /// walk goes on past it. Its in-range ancestors came before it in the plan and are completed,
    /// so hiding it hides nothing that was not scanned but itself.
    public static func skipping(_ commit: String, plan: ScanPlan, seen: Set<String>) -> Set<String> {
        let parents = Set(plan.commits.first { $0.id == commit }?.parents ?? [])
        return seen.subtracting(parents).union([commit])
    }
}
