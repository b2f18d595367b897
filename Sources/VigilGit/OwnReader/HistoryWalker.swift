import CGit2

/// Vigil's own walk over commit history. libgit2 1.5's revwalk fails on a shallow clone (it ignores
/// the grafts and looks for the parents beyond the cut) and ends the whole walk at the first missing
/// parent. This walk honours grafts, and a commit that cannot be read ends only its own line of
/// history: the error is recorded and the other lines are still walked.
///
/// It follows libgit2's and git's method. Commits are processed newest first; the ancestors of a
/// hidden commit are marked hidden as they are met; the walk stops a few commits after only hidden
/// ones remain (git's "slop", which tolerates modest clock skew). The commits kept are then sorted
/// so that every commit comes before its parents, newest first among those ready.
struct HistoryWalker {
    private struct Node {
        var oid: git_oid
        var time: Int64 = 0
        /// Indices of the parent nodes, known once the commit is loaded.
        var parents: [Int] = []
        var loaded = false
        /// Why the commit could not be read, once that has been tried.
        var failure: GitError?
        var hidden = false
        var seen = false
        var added = false
    }

    /// How many hidden commits to look at after the last interesting one (git's SLOP).
    private static let slop = 5

    private let repository: Repository
    private let boundary: Set<OIDKey>
    private var nodes: [Node] = []
    private var indices: [OIDKey: Int] = [:]
    private var starts: [Int] = []
    private var errors: [GitError] = []

    init(repository: Repository) {
        self.repository = repository
        self.boundary = repository.shallowBoundary()
    }

    /// Starts the walk at `tip` (a commit, or a tag of one). A tip that cannot be read is an error
    /// of the whole call, as with `git log`.
    mutating func push(_ tip: ObjectID) throws(GitError) {
        let node = node(for: try repository.peelToCommit(tip))
        if let error = load(node, childDescription: nil) { throw error }
        if !nodes[node].hidden { starts.append(node) }
    }

    /// Hides `id` and its history. An id that is not in the repository, or is not a commit or a tag
    /// of one, hides nothing: a stale "already seen" tip must never fail a walk.
    mutating func hide(_ id: ObjectID) {
        guard repository.contains(id) else { return }
        let commit: git_oid
        do {
            commit = try repository.peelToCommit(id)
        } catch {
            if error.kind == .corruptObject { errors.append(error) }
            return
        }
        let node = node(for: commit)
        if let error = load(node, childDescription: nil) {
            errors.append(error)
            return
        }
        nodes[node].hidden = true
        starts.append(node)
    }

    /// Runs the walk once; the walker is spent afterwards.
    mutating func run(order: WalkOrder) -> WalkResult {
        var queue = DateQueue()
        for start in starts where !nodes[start].seen {
            nodes[start].seen = true
            queue.insert(start, time: nodes[start].time)
        }
        var slop = HistoryWalker.slop
        var lastInterestingTime = Int64.max
        var processed: [Int] = []
        while let current = queue.popNewest() {
            addParents(of: current, to: &queue)
            if nodes[current].hidden {
                markAncestorsHidden(of: current)
                slop = stillInteresting(queue, since: lastInterestingTime, slop: slop)
                if slop > 0 { continue }
                break
            }
            lastInterestingTime = nodes[current].time
            processed.append(current)
        }
        let kept = processed.filter { !nodes[$0].hidden }
        let sorted = topologicalOrder(kept).map { ObjectID(nodes[$0].oid) }
        return WalkResult(commits: order == .newestFirst ? sorted : sorted.reversed(), errors: errors)
    }

    // MARK: - Nodes

    private mutating func node(for oid: git_oid) -> Int {
        let key = OIDKey(oid)
        if let index = indices[key] { return index }
        nodes.append(Node(oid: oid))
        indices[key] = nodes.count - 1
        return nodes.count - 1
    }

    /// Reads a commit's time and parents once; returns the error (recorded once) when it cannot.
    @discardableResult
    private mutating func load(_ index: Int, childDescription: String?) -> GitError? {
        if nodes[index].loaded { return nil }
        if let failure = nodes[index].failure { return failure }
        var oid = nodes[index].oid
        var handle: OpaquePointer?
        let code = git_commit_lookup(&handle, repository.pointer, &oid)
        guard code >= 0, let handle else {
            let context = childDescription.map { ", parent of \($0)" } ?? ""
            let error = GitError.last(code: code, operation: "git_commit_lookup(\(ObjectID(oid))\(context))")
            nodes[index].failure = error
            return error
        }
        defer { git_commit_free(handle) }
        nodes[index].time = Int64(git_commit_time(handle))
        nodes[index].loaded = true
        guard !boundary.contains(OIDKey(oid)) else { return nil }
        var parents: [Int] = []
        for position in 0..<git_commit_parentcount(handle) {
            if let parent = git_commit_parent_id(handle, position) {
                parents.append(node(for: parent.pointee))
            }
        }
        nodes[index].parents = parents
        return nil
    }

    /// Loads a parent met during the walk; a failure is recorded and ends that line of history.
    private mutating func loadParent(_ parent: Int, of child: Int) -> Bool {
        if nodes[parent].loaded { return true }
        if nodes[parent].failure != nil { return false }
        if let error = load(parent, childDescription: ObjectID(nodes[child].oid).hex) {
            errors.append(error)
            return false
        }
        return true
    }

    // MARK: - Limiting

    private mutating func addParents(of index: Int, to queue: inout DateQueue) {
        guard !nodes[index].added else { return }
        nodes[index].added = true
        if nodes[index].hidden {
            for parent in nodes[index].parents {
                nodes[parent].hidden = true
                guard loadParent(parent, of: index) else { continue }
                markAncestorsHidden(of: parent)
                nodes[parent].seen = true
                queue.insert(parent, time: nodes[parent].time)
            }
            return
        }
        for parent in nodes[index].parents {
            guard loadParent(parent, of: index), !nodes[parent].seen else { continue }
            nodes[parent].seen = true
            queue.insert(parent, time: nodes[parent].time)
        }
    }

    /// Marks every known ancestor of `index` hidden, stopping where history is already hidden.
    private mutating func markAncestorsHidden(of index: Int) {
        var pending = nodes[index].parents
        while let next = pending.popLast() {
            if nodes[next].hidden { continue }
            nodes[next].hidden = true
            pending.append(contentsOf: nodes[next].parents)
        }
    }

    /// git's `still_interesting`: keep going while anything queued is interesting or newer than the
    /// last interesting commit; otherwise spend one unit of slop.
    private func stillInteresting(_ queue: DateQueue, since time: Int64, slop: Int) -> Int {
        guard let newest = queue.newest else { return 0 }
        if time <= nodes[newest].time { return HistoryWalker.slop }
        let interesting = queue.contains { !nodes[$0].hidden || nodes[$0].time > time }
        return interesting ? HistoryWalker.slop : slop - 1
    }

    // MARK: - Ordering

    /// Children before parents; among commits whose children are all out, the newest first.
    private func topologicalOrder(_ kept: [Int]) -> [Int] {
        var inDegree: [Int: Int] = [:]
        for index in kept { inDegree[index] = 1 }
        for index in kept {
            for parent in nodes[index].parents where inDegree[parent] != nil {
                inDegree[parent, default: 0] += 1
            }
        }
        var queue = DateQueue()
        for index in kept where inDegree[index] == 1 {
            queue.insert(index, time: nodes[index].time)
        }
        var result: [Int] = []
        result.reserveCapacity(kept.count)
        while let next = queue.popNewest() {
            for parent in nodes[next].parents {
                guard let degree = inDegree[parent], degree > 0 else { continue }
                inDegree[parent] = degree - 1
                if degree - 1 == 1 { queue.insert(parent, time: nodes[parent].time) }
            }
            inDegree[next] = 0
            result.append(next)
        }
        return result
    }
}

/// Node indices ordered by commit time; the newest comes out first, and among equal times the one
/// queued first (libgit2's `insert_by_date`). A binary heap: a wide history (thousands of branches
/// merged) keeps thousands of commits queued, and a sorted array's inserts cost a shift each.
private struct DateQueue {
    private struct Item {
        var time: Int64
        /// Insertion order, so that equal times come out first-in, first-out.
        var sequence: Int
        var index: Int

        func comesBefore(_ other: Item) -> Bool {
            time != other.time ? time > other.time : sequence < other.sequence
        }
    }

    private var heap: [Item] = []
    private var inserted = 0

    var newest: Int? { heap.first?.index }

    func contains(where predicate: (Int) -> Bool) -> Bool {
        heap.contains { predicate($0.index) }
    }

    mutating func insert(_ index: Int, time: Int64) {
        heap.append(Item(time: time, sequence: inserted, index: index))
        inserted += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].comesBefore(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popNewest() -> Int? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var first = parent
                if left < heap.count, heap[left].comesBefore(heap[first]) { first = left }
                if right < heap.count, heap[right].comesBefore(heap[first]) { first = right }
                guard first != parent else { break }
                heap.swapAt(parent, first)
                parent = first
            }
        }
        return top.index
    }
}
