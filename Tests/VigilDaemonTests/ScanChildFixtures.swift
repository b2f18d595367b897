import Foundation
import VigilCore
import VigilDaemon
import VigilGit
import VigilTestSupport

/// Commit ids, alerts and protocol lines for the scan-child tests.
enum ScanFixture {
    static let repository = "/srv/git/app.git"

    /// A distinct full commit id for each number.
    static func commit(_ number: Int) -> String {
        let digits = String(number, radix: 16)
        return String(repeating: "c", count: 40 - digits.count) + digits
    }

    /// A well-formed alert as a child would send it.
    static func alert(
        on commit: String, check: String = "mass-deletion", repository: String = repository, ref: String? = nil,
        time: String = "2026-12-01T00:00:00Z"
    ) -> AlertRecord {
        let nobody = Signature(name: "A", email: "a@example.com", time: 1_700_000_000, offsetMinutes: 0)
        let placeholder = Commit(
            id: ObjectID(hex: commit)!, parents: [], author: nobody, committer: nobody, rawMessage: Array("m".utf8),
            trailers: [])
        let finding = Finding(check: check, severity: .high, title: "t", evidence: "e")
        return AlertRecord(
            Alert(
                finding: finding, commit: placeholder, verdict: .human, repository: repository, ref: ref,
                source: .daemon, time: time))
    }

    /// A chain of commits, each the parent of the next, oldest first.
    static func chain(_ numbers: ClosedRange<Int>, parentOfFirst: String? = nil) -> [PlannedCommit] {
        numbers.map { number in
            let parent = number == numbers.lowerBound ? parentOfFirst : commit(number - 1)
            return PlannedCommit(id: commit(number), parents: parent.map { [$0] } ?? [])
        }
    }

    /// The protocol lines of a child that scans `plan` whole, raising one alert on each commit.
    static func lines(plan: [PlannedCommit], complete: Bool = true, seen: [String]? = nil, done: Bool = true)
        -> [String]
    {
        var lines = [ScanBatchRecord.plan(commits: plan, complete: complete).line()]
        for commit in plan {
            lines.append(ScanBatchRecord.alert(alert(on: commit.id)).line())
            lines.append(ScanBatchRecord.commit(id: commit.id).line())
        }
        if done {
            let roots = seen ?? (complete ? plan.last.map { [$0.id] } ?? [] : [])
            lines.append(ScanBatchRecord.done(seen: roots, commits: plan.count, alerts: plan.count, errors: 0).line())
        }
        return lines
    }

    /// A request whose tip is `tip`: by default the last commit of `chain(1...3)`, so a child that
    /// scans that chain may name it as the next walk's hide root.
    static func request(seen: [String] = [], limit: Int = 1000, workers: Int = 2, tip: String = commit(3))
        -> ScanBatchRequest
    {
        ScanBatchRequest(
            repository: repository, tips: [RefTip(name: "refs/heads/main", target: tip)], seen: seen,
            limit: limit, workers: workers)
    }
}
