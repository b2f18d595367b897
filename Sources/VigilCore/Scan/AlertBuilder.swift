import VigilGit

/// Turns what a scan found into what leaves the engine: the one redaction step, then alerts whose
/// ids come from the raw findings, minus the reviewed ones. Every driver (`rescan`, `attribution`,
/// the scan child) builds its alerts here, so none can skip redaction or compute ids differently.
struct AlertBuilder: Sendable {
    /// The repository's canonical path: part of every alert id.
    var repository: String
    var redactor: Redactor
    var source: AlertSource
    var time: String
    var ignoreList: IgnoreList
    /// The ref an alert on this commit is reported under (`nil` in on-demand scans).
    var ref: @Sendable (ObjectID) -> String?

    /// A commit's report redacted, with its alerts. Runs on the worker that scanned the commit:
    /// every text of the report is redacted at once, so a secret found in one finding is redacted
    /// in the others and in the subject too.
    func build(_ raw: CommitReport) -> (report: CommitReport, alerts: [Alert]) {
        let report = redactor.redact(raw)
        guard let commit = report.commit else { return (report, []) }
        let ref = self.ref(raw.id)
        var alerts: [Alert] = []
        for (finding, rawFinding) in zip(report.findings, raw.findings) {
            var alert = Alert(
                finding: finding, commit: commit, verdict: report.verdict, repository: repository, ref: ref,
                source: source, time: time, raw: rawFinding)
            alert.patchID = alert.linkKey == nil ? nil : raw.patchID
            if !ignoreList.suppresses(alert.id) { alerts.append(alert) }
        }
        return (report, alerts)
    }

    /// An alert about a ref rather than a commit's content (`history-rewrite`, `ref-deleted`): the
    /// id from the raw finding, then every text redacted; `nil` when the ignore file lists it.
    func refAlert(_ raw: Finding, commit: Commit, verdict: Verdict, ref: String) -> Alert? {
        let alert = Alert(
            finding: raw, commit: commit, verdict: verdict, repository: repository, ref: ref, source: source,
            time: time)
        guard !ignoreList.suppresses(alert.id) else { return nil }
        return redactor.redact(alert)
    }
}
