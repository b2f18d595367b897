import VigilGit

/// Vigil's own blame of a whole range at once, `git blame -M -C A..B` for every file at `B`.
///
/// git blames one file at a time, walking history backwards from `B`; a report over every file of a
/// release would walk the same commits once per file. This walks the range once, oldest commit first,
/// and carries the origin of every line forward: at each commit the lines a file keeps from a parent
/// (by the same line diff as the scan) keep their origin, lines that moved within the file or were
/// copied from a file the commit also changed take the origin of their source (`BlockSearch`), and
/// the rest are the commit's own. A merge asks its parents in order, and a file identical to one
/// parent's takes that parent's origins whole, as git does. Files are followed across renames
/// (`RenameFinder`). A parent outside the range is a boundary: its lines are older than the range.
///
/// What is kept per commit is only the files whose lines are not all older than the range, and only
/// until the commit's last child in the range has been read.
struct RangeBlame {
    let repository: Repository
    let table = OriginTable()
    private(set) var problems: [ReportProblem] = []
    /// Commits whose move and copy search ran out of budget.
    private(set) var commitsCutShort = 0
    private var texts: BlobTexts

    init(repository: Repository, maxBlobBytes: Int64) {
        self.repository = repository
        texts = BlobTexts(repository: repository, maxBytes: maxBlobBytes)
    }

    /// Origins of the lines of every file at `tip` with at least one line from the range; `commits`
    /// are the range's commits, parents before children. `progress` hears each commit done.
    mutating func blame(commits: [ObjectID], tip: ObjectID, progress: (Int) -> Void) -> [String: FileBlame] {
        let inRange = Set(commits)
        var parents: [ObjectID: [ObjectID]] = [:]
        var childrenLeft: [ObjectID: Int] = [:]
        for id in commits {
            do {
                let commit = try repository.commit(id)
                parents[id] = commit.parents
                for parent in commit.parents where inRange.contains(parent) { childrenLeft[parent, default: 0] += 1 }
            } catch {
                problems.append(ReportProblem(commit: id, path: nil, message: "\(error.operation): \(error.message)"))
            }
        }
        var states: [ObjectID: [String: FileBlame]] = [:]
        for (done, id) in commits.enumerated() {
            defer { progress(done + 1) }
            guard let commitParents = parents[id] else { continue }
            let parentStates = commitParents.map { inRange.contains($0) ? states[$0] ?? [:] : [:] }
            states[id] = blame(commit: id, parents: commitParents, parentStates: parentStates)
            for parent in commitParents where inRange.contains(parent) {
                childrenLeft[parent, default: 1] -= 1
                if childrenLeft[parent] == 0, parent != tip { states[parent] = nil }
            }
        }
        return states[tip] ?? [:]
    }

    // MARK: - One commit

    /// One parent's side of a commit: what changed against it, and renames found on demand.
    private struct ParentSide {
        var changes: [String: PathChange]
        var ordered: [PathChange]
        var renames: [String: String]?
        var state: [String: FileBlame]
        /// The parent's versions of the files the commit changed, for the copy search, and the
        /// index of each path among them; built when first needed.
        var copySources: (set: SourceSet, byPath: [String: Int])?
    }

    private mutating func blame(commit id: ObjectID, parents: [ObjectID], parentStates: [[String: FileBlame]])
        -> [String: FileBlame]
    {
        var sides: [ParentSide] = []
        for (index, parent) in (parents.isEmpty ? [nil] : parents.map(Optional.some)).enumerated() {
            do {
                let changes = try repository.pathChanges(from: parent, to: id)
                var byPath: [String: PathChange] = [:]
                for change in changes { byPath[change.path] = change }
                sides.append(
                    ParentSide(
                        changes: byPath, ordered: changes, renames: nil,
                        state: index < parentStates.count ? parentStates[index] : [:]))
            } catch {
                problems.append(ReportProblem(commit: id, path: nil, message: "\(error.operation): \(error.message)"))
                return parentStates.first ?? [:]
            }
        }
        var state = sides[0].state
        var seen: Set<String> = []
        let commitIndex = table.index(of: id)
        var search = BlockSearch()
        for side in sides {
            for change in side.ordered where seen.insert(change.path).inserted {
                state[change.path] = fileBlame(
                    change.path, newBlob: change.newBlob, commit: id, commitIndex: commitIndex, sides: &sides,
                    search: &search)
            }
        }
        if search.wasCutShort { commitsCutShort += 1 }
        return state
    }

    /// Where a parent's version of `path` is: the same path, or the file it was renamed from.
    private mutating func origin(of path: String, in side: inout ParentSide) -> (path: String, blob: ObjectID)? {
        guard let change = side.changes[path] else { return nil }
        if let old = change.oldBlob { return (path, old) }
        if side.renames == nil { side.renames = RenameFinder.renames(in: side.ordered, texts: &texts) }
        guard let source = side.renames?[path], let blob = side.changes[source]?.oldBlob else { return nil }
        return (source, blob)
    }

    private mutating func fileBlame(
        _ path: String, newBlob: ObjectID?, commit: ObjectID, commitIndex: Int32, sides: inout [ParentSide],
        search: inout BlockSearch
    ) -> FileBlame? {
        guard let newBlob else { return nil }
        // A parent with this very version hands over its origins whole (git's pass_whole_blame).
        var origins: [(path: String, blob: ObjectID)?] = []
        for index in sides.indices {
            if sides[index].changes[path] == nil { return sides[index].state[path] }
            let found = origin(of: path, in: &sides[index])
            if let found, found.blob == newBlob { return sides[index].state[found.path] }
            origins.append(found)
        }
        let newText: FileText
        switch texts.version(newBlob) {
        case .text(let text): newText = text
        case .skipped(let reason):
            if case .unreadable(let message) = reason {
                problems.append(ReportProblem(commit: commit, path: path, message: message))
            }
            return .skipped(reason)
        }
        var lines = [LineOrigin?](repeating: nil, count: newText.lineCount)
        var parentTexts: [CopySource?] = []
        for (index, origin) in origins.enumerated() {
            guard let origin else {
                parentTexts.append(nil)
                continue
            }
            let source = copySource(origin.blob, state: sides[index].state[origin.path])
            parentTexts.append(source)
            guard let source else { continue }
            guard let kept = keptLines(source.text, newText, commit: commit, path: path) else {
                return .skipped(.unreadable("the line diff failed"))
            }
            for (line, oldLine) in kept.enumerated() where oldLine >= 0 && lines[line] == nil {
                lines[line] = source.origin(Int(oldLine))
            }
        }
        for source in parentTexts.compactMap({ $0 }) {
            search.trace(newText, origins: &lines, sources: [source], threshold: BlockSearch.moveScore)
        }
        if lines.contains(where: { $0 == nil }) {
            for index in sides.indices {
                let sources = copySources(of: &sides[index])
                var excluded: Set<Int> = []
                for own in [origins[index]?.path, path].compactMap({ $0 }) {
                    if let position = sources.byPath[own] { excluded.insert(position) }
                }
                search.trace(
                    newText, origins: &lines, sources: sources.set, excluding: excluded,
                    threshold: BlockSearch.copyScore)
            }
        }
        let pathIndex = table.index(of: path)
        var result: [LineOrigin] = []
        result.reserveCapacity(lines.count)
        var fromRange = false
        for (line, origin) in lines.enumerated() {
            let resolved = origin ?? LineOrigin(commit: commitIndex, path: pathIndex, line: Int32(line + 1))
            if !resolved.isBoundary { fromRange = true }
            result.append(resolved)
        }
        return fromRange ? .lines(result) : nil
    }

    /// The parent's versions of every file the commit changed that it has, as copy sources.
    private mutating func copySources(of side: inout ParentSide) -> (set: SourceSet, byPath: [String: Int]) {
        if let built = side.copySources { return built }
        var sources: [CopySource] = []
        var byPath: [String: Int] = [:]
        for change in side.ordered {
            guard let old = change.oldBlob, let source = copySource(old, state: side.state[change.path]) else {
                continue
            }
            byPath[change.path] = sources.count
            sources.append(source)
        }
        let built = (SourceSet(sources), byPath)
        side.copySources = built
        return built
    }

    /// A parent's version as a source of kept lines; `nil` when it is no text or its own lines are
    /// unknown (it was skipped), in which case none of its lines can be passed on.
    private mutating func copySource(_ blob: ObjectID, state: FileBlame?) -> CopySource? {
        guard let text = texts.text(blob) else { return nil }
        switch state {
        case nil: return CopySource(text: text, origins: nil)
        case .lines(let origins): return CopySource(text: text, origins: origins)
        case .skipped: return nil
        }
    }

    private mutating func keptLines(_ old: FileText, _ new: FileText, commit: ObjectID, path: String) -> [Int32]? {
        do {
            return try LineAlignment.keptLines(old: old.bytes, new: new.bytes, diff: .likeGit)
        } catch {
            problems.append(ReportProblem(commit: commit, path: path, message: "\(error.operation): \(error.message)"))
            return nil
        }
    }
}
