import VigilGit

/// Builds the report of one range: the commits in it, the blame of the files at its end, and the
/// attribution of every commit that wrote a line still standing.
public struct ReportBuilder {
    let repository: Repository
    let attributor: Attributor
    let filter: ReportPathFilter
    let maxBlobBytes: Int64
    let engine: BlameEngine
    private let hasNotes: Bool
    private let hasLegacyAuthorship: Bool

    public init(
        repository: Repository, attributor: Attributor, filter: ReportPathFilter, maxBlobBytes: Int64,
        engine: BlameEngine = .vigil
    ) {
        self.repository = repository
        self.attributor = attributor
        self.filter = filter
        self.maxBlobBytes = maxBlobBytes
        self.engine = engine
        hasNotes = attributor.readsNotes && (try? repository.resolveCommit(attributor.notesRef)) != nil
        hasLegacyAuthorship =
            attributor.readsNotes && ((try? repository.hasReferences(under: GitAINote.legacyRefPrefix)) ?? false)
    }

    /// The report of `fromName..toName` (already resolved to `from` and `to`). `progress` hears
    /// `(done, total)` as the blame goes through the range's commits (files, for libgit2's blame).
    public func report(
        fromName: String, toName: String, from: ObjectID, to: ObjectID, progress: (Int, Int) -> Void = { _, _ in }
    ) -> ReleaseReport {
        var report = ReleaseReport(fromName: fromName, toName: toName, from: from, to: to)
        var commits: [ObjectID] = []
        do {
            let walk = try repository.walk(from: [to], hiding: [from], order: .oldestFirst)
            commits = walk.commits
            for error in walk.errors {
                report.problems.append(ReportProblem(commit: nil, path: nil, message: error.description))
            }
        } catch {
            report.problems.append(ReportProblem(commit: to, path: nil, message: error.description))
            return report
        }
        report.commits = commits.count
        let table: OriginTable
        let files: [String: FileBlame]
        switch engine {
        case .vigil:
            var blame = RangeBlame(repository: repository, maxBlobBytes: maxBlobBytes)
            files = blame.blame(commits: commits, tip: to) { progress($0, commits.count) }
            table = blame.table
            report.problems += blame.problems
            report.commitsCutShort = blame.commitsCutShort
        case .libgit2:
            table = OriginTable()
            files = Libgit2RangeBlame.blame(
                repository: repository, from: from, to: to, inRange: Set(commits), table: table,
                maxBlobBytes: maxBlobBytes, problems: &report.problems, progress: progress)
        }
        var authorship: [Int32: LineAuthorship] = [:]
        for id in commits {
            guard let entry = lineAuthorship(id, problems: &report.problems) else { continue }
            if entry.isAICommit { report.aiCommits += 1 }
            authorship[table.index(of: id)] = entry
        }
        var tally = ReportTally()
        for path in files.keys.sorted() {
            guard let blame = files[path] else { continue }
            guard filter.counts(path) else {
                report.excludedFiles += 1
                continue
            }
            switch blame {
            case .skipped(let reason):
                report.skipped.append((path, reason))
            case .lines(let origins):
                for origin in origins where !origin.isBoundary {
                    guard let entry = authorship[origin.commit] else { continue }
                    let originPath = table.paths[Int(origin.path)]
                    let tool = entry.tool(path: originPath, line: Int(origin.line))
                    tally.add(path: path, author: entry.author, tool: tool)
                }
            }
        }
        tally.fill(&report)
        return report
    }

    /// A commit's author and attribution, its git-ai note included (or git-ai's older per-commit
    /// reference when it has no note), read as `vigil attribution` reads them.
    private func lineAuthorship(_ id: ObjectID, problems: inout [ReportProblem]) -> LineAuthorship? {
        let commit: Commit
        do {
            commit = try repository.commit(id)
        } catch {
            problems.append(ReportProblem(commit: id, path: nil, message: error.description))
            return nil
        }
        var note: String?
        do {
            if hasNotes { note = try repository.note(for: id, notesRef: attributor.notesRef) }
            if note == nil, hasLegacyAuthorship {
                note = try repository.blobText(
                    atReference: GitAINote.legacyRefPrefix + id.hex, maxBytes: GitAINote.maxBytes)
            }
        } catch {
            problems.append(ReportProblem(commit: id, path: nil, message: error.description))
        }
        return LineAuthorship(commit: commit, verdict: attributor.verdict(for: commit, note: note))
    }
}
