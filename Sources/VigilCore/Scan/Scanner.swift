import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Synchronization
import VigilGit

/// Reads commits, attributes them and runs the checks, on several worker threads at once.
///
/// Each worker opens its own `Repository` (libgit2 handles never cross threads) and takes the next
/// run of consecutive commits from a shared counter: a commit's parent is usually the commit just
/// before it, so a worker that has the parent's trees and blobs in its object cache diffs the child
/// without reading them again. Reports come back in the order the commits were given,
/// streamed as soon as every earlier commit is done, so output is deterministic and memory stays
/// bounded by how far the fastest worker runs ahead.
public struct Scanner: Sendable {
    public var analyzer: CommitAnalyzer
    public var workers: Int

    public init(analyzer: CommitAnalyzer, workers: Int = Scanner.defaultWorkers) {
        self.analyzer = analyzer
        self.workers = max(1, workers)
    }

    /// Commits a worker takes at a time: long enough runs for its object cache to pay off, short
    /// enough that the workers finish together and few reports wait to be emitted in order.
    static let batchSize = 32

    /// One worker per core.
    public static var defaultWorkers: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Scans `commits` of the repository at `path` and calls `emit` once per commit, in order.
    /// `emit` is called from worker threads, one call at a time.
    public func scan(
        path: String, displayName: String? = nil, ref: String? = nil, commits: [ObjectID],
        emit: @escaping @Sendable (CommitReport) -> Void
    ) {
        scan(path: path, displayName: displayName, ref: ref, commits: commits, prepare: { $0 }, emit: emit)
    }

    /// Scans `commits`, turns each report into what the caller records with `prepare` on the worker
    /// that scanned it, and calls `emit` with the results in commit order, one call at a time.
    /// `prepare` runs outside the lock that orders the results, so work done there (redaction,
    /// building alerts) runs on every worker at once; `emit` runs under it and should stay short.
    public func scan<Prepared: Sendable>(
        path: String, displayName: String? = nil, ref: String? = nil, commits: [ObjectID],
        prepare: @escaping @Sendable (CommitReport) -> Prepared, emit: @escaping @Sendable (Prepared) -> Void
    ) {
        guard !commits.isEmpty else { return }
        let repositoryName = displayName ?? path
        let state = Mutex(OrderedEmitter<Prepared>())
        let workerCount = min(workers, commits.count)
        let analyzer = analyzer
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            let worker = ScanWorker(path: path, repositoryName: repositoryName, ref: ref, analyzer: analyzer)
            while true {
                let batch = state.withLock { $0.claimNext(Scanner.batchSize, of: commits.count) }
                guard !batch.isEmpty else { return }
                for index in batch {
                    let prepared = prepare(worker.scan(commits[index]))
                    state.withLock { $0.complete(index, prepared, emit: emit) }
                }
            }
        }
    }
}

/// Hands out indices and releases finished results strictly in index order.
private struct OrderedEmitter<Prepared>: ~Copyable {
    private var nextToClaim = 0
    private var nextToEmit = 0
    private var finished: [Int: Prepared] = [:]

    mutating func claimNext(_ count: Int, of total: Int) -> Range<Int> {
        let start = min(nextToClaim, total)
        nextToClaim = min(start + count, total)
        return start..<nextToClaim
    }

    mutating func complete(_ index: Int, _ result: Prepared, emit: (Prepared) -> Void) {
        finished[index] = result
        while let ready = finished.removeValue(forKey: nextToEmit) {
            emit(ready)
            nextToEmit += 1
        }
    }
}

/// One thread's view of the repository.
private struct ScanWorker {
    let repository: Result<Repository, GitError>
    let repositoryName: String
    let ref: String?
    let analyzer: CommitAnalyzer
    let hasNotes: Bool
    /// Whether the repository has git-ai's older per-commit authorship references.
    let hasLegacyAuthorship: Bool

    init(path: String, repositoryName: String, ref: String?, analyzer: CommitAnalyzer) {
        repository = Result { () throws(GitError) in try Repository(path: path) }
        self.repositoryName = repositoryName
        self.ref = ref
        self.analyzer = analyzer
        if let notesRef = analyzer.notesRef, case .success(let repository) = repository {
            hasNotes = (try? repository.resolveCommit(notesRef)) != nil
            hasLegacyAuthorship = (try? repository.hasReferences(under: GitAINote.legacyRefPrefix)) ?? false
        } else {
            hasNotes = false
            hasLegacyAuthorship = false
        }
    }

    func scan(_ id: ObjectID) -> CommitReport {
        let repository: Repository
        let commit: Commit
        do {
            repository = try self.repository.get()
            commit = try repository.commit(id)
        } catch {
            return CommitReport(id: id, commit: nil, errors: [failure(id, object: id, error)])
        }
        var errors: [ScanError] = []
        var note: String?
        if hasNotes, let notesRef = analyzer.notesRef {
            do {
                note = try repository.note(for: id, notesRef: notesRef)
            } catch {
                errors.append(failure(id, object: nil, error))
            }
        }
        if note == nil, hasLegacyAuthorship {
            do {
                note = try repository.blobText(
                    atReference: GitAINote.legacyRefPrefix + id.hex, maxBytes: GitAINote.maxBytes)
            } catch {
                errors.append(failure(id, object: nil, error))
            }
        }
        let verdict = analyzer.attribute(commit, note)
        var report = CommitReport(id: id, commit: commit, verdict: verdict, errors: errors)
        guard analyzer.wantsChecks(verdict) else { return report }
        // The time budget covers reading the diff and running the checks, nothing before.
        let deadline = analyzer.commitTimeBudget.map { Deadline(budget: $0) }
        var options = analyzer.diffOptions
        options.deadline = deadline
        let diff: CommitDiff
        do {
            diff = try repository.diff(commit, options: options)
        } catch {
            report.errors.append(failure(id, object: nil, error))
            return report
        }
        for unreadable in diff.unreadable {
            report.errors.append(
                ScanError(
                    repository: repositoryName, commit: id, object: unreadable.object, path: unreadable.path,
                    message: unreadable.message))
        }
        let context = CheckContext(
            repository: repositoryName, ref: ref, commit: commit, diff: diff, verdict: verdict, deadline: deadline)
        report.findings = analyzer.check(context)
        // A commit whose time ran out was not checked whole: no earlier commit vouches for it.
        if deadline?.hasPassed != true {
            report.patchID = patchID(of: commit, in: repository, diff: diff, findings: report.findings)
        }
        return report
    }

    /// The patch id, only when a finding could be linked by it, and only for a diff read whole: a
    /// commit cut short by a budget or an unreadable object is not vouched for by an earlier one.
    /// A patch that cannot be made leaves the commit without one: its findings are all raised.
    private func patchID(of commit: Commit, in repository: Repository, diff: CommitDiff, findings: [Finding])
        -> String?
    {
        guard diff.budgetSpent == nil, diff.unreadable.isEmpty,
            findings.contains(where: { LinkKey.isLinkable(check: $0.check) })
        else { return nil }
        return try? PatchID.compute(
            commit, in: repository, maxBlobBytes: analyzer.diffOptions.maxBlobBytes)
    }

    private func failure(_ commit: ObjectID, object: ObjectID?, _ error: any Error) -> ScanError {
        ScanError(repository: repositoryName, commit: commit, object: object, message: "\(error)")
    }
}
