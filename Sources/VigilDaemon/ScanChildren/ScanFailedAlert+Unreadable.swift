import VigilCore

extension ScanFailedAlert {
    /// The alerts for what a child could not read in a batch that otherwise finished: one per
    /// commit with unreadable objects, and one for the repository when the walk itself could not
    /// be read (`commit` nil). A `rescan` says this with exit 3; the daemon has no exit status to
    /// say it with, and a scan that silently skipped part of a commit would be a lie.
    static func unreadable(_ errors: [ScanChildError], repository: String, tip: RefTip?, time: String) -> [AlertRecord] {
        var byCommit: [String: [ScanChildError]] = [:]
        var order: [String] = []
        for error in errors {
            let key = error.commit ?? ""
            if byCommit[key] == nil { order.append(key) }
            byCommit[key, default: []].append(error)
        }
        return order.compactMap { key -> AlertRecord? in
            let problems = byCommit[key] ?? []
            let first = problems.first?.message ?? "unreadable"
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            if key.isEmpty {
                guard let tip else { return nil }
                let finding = Finding(
                    check: check, severity: .high, title: "Part of the history could not be read: \(first)\(more)",
                    evidence: "the commits behind what could not be read were not scanned", matchHash: "walk")
                return record(repository: repository, ref: tip.name, commit: tip.target, finding: finding, time: time)
            }
            let finding = Finding(
                check: check, severity: .high, title: "Part of \(key.prefix(12)) could not be read: \(first)\(more)",
                evidence: "what could not be read was not checked", matchHash: "unreadable")
            return record(repository: repository, ref: tip?.name, commit: key, finding: finding, time: time)
        }
    }
}
