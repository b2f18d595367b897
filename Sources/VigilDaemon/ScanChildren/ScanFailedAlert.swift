import VigilCore
import VigilGit

/// The `scan-failed` alert: a scan child crashed, hung, ran out of memory or broke the protocol on
/// a commit (or could not scan a repository at all), and the daemon went on without it.
///
/// The daemon does not read objects, so the record has the commit's id and nothing from the commit
/// itself: author and committer are empty. The id is a fingerprint like every other alert's, so a
/// restart that gives up on the same commit again records nothing new.
public enum ScanFailedAlert {
    public static let check = "scan-failed"

    /// The alert for giving up on one commit.
    public static func commit(
        repository: String, ref: String?, commit: String, reason: String, attempts: Int, time: String
    ) -> AlertRecord? {
        let finding = Finding(
            check: check, severity: .high, title: "Scan of \(commit.prefix(12)) failed: \(reason)",
            evidence: "gave up after \(attempts) attempts; the commits after it are scanned")
        return record(repository: repository, ref: ref, commit: commit, finding: finding, time: time)
    }

    /// The alert for a repository no child could start scanning: `tip` is the commit the walk
    /// would have started from. Distinct from a commit's alert on the same tip (its match hash).
    public static func repository(
        repository: String, ref: String?, tip: String, reason: String, attempts: Int, time: String
    ) -> AlertRecord? {
        let finding = Finding(
            check: check, severity: .high, title: "Scan of \(tip.prefix(12)) failed: \(reason)",
            evidence: "the repository could not be scanned in \(attempts) attempts; retrying", matchHash: "repository")
        return record(repository: repository, ref: ref, commit: tip, finding: finding, time: time)
    }

    static func record(
        repository: String, ref: String?, commit: String, finding: Finding, time: String
    ) -> AlertRecord? {
        guard let id = ObjectID(hex: commit) else { return nil }
        let nobody = Signature(name: "", email: "", time: 0, offsetMinutes: 0)
        let placeholder = Commit(id: id, parents: [], author: nobody, committer: nobody, rawMessage: [], trailers: [])
        let alert = Alert(
            finding: finding, commit: placeholder, verdict: .human, repository: repository, ref: ref, source: .daemon,
            time: time)
        return AlertRecord(alert)
    }
}
