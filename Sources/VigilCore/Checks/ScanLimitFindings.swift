import VigilGit

/// `scan-limit`: part of a commit was not read or not checked, and which limit stopped it — a side
/// over the size limit, the commit's byte budget or its time budget. The runner raises these
/// itself, for every commit it checks; no option switches them off, because a limit that passes
/// in silence is a hiding place. Their alert ids are stable: a side's finding is keyed by the
/// side and its blob, a budget's by the budget alone.
enum ScanLimitFindings {
    static let checkID = "scan-limit"
    static let severity = Severity.medium
    /// Paths named one by one in a budget finding; the rest are counted.
    static let listedPaths = 20

    /// One finding per side over the size limit.
    static func oversizedSides(of diff: CommitDiff, limit: Int64?) -> [Finding] {
        var findings: [Finding] = []
        for file in diff.files {
            if file.oldContent == .overLimit {
                findings.append(oversized(file, side: "old", size: file.oldSize, blob: file.oldBlob, limit: limit))
            }
            if file.newContent == .overLimit {
                findings.append(oversized(file, side: "new", size: file.newSize, blob: file.newBlob, limit: limit))
            }
        }
        return findings
    }

    private static func oversized(
        _ file: FileChange, side: String, size: Int64, blob: ObjectID?, limit: Int64?
    ) -> Finding {
        let path = side == "old" ? file.oldPath : file.newPath
        let over = limit.map { "over the \($0)-byte limit ([scan] max_blob_bytes)" } ?? "over the size limit"
        var evidence = "\(path): \(side) side is \(size) bytes, \(over); "
        if side == "old", file.unlistedRemovedLines > 0 {
            evidence += "its \(file.unlistedRemovedLines) lines were counted as removed, not read"
        } else {
            evidence += "its lines were not read or checked"
        }
        return Finding(
            check: checkID, severity: severity,
            title: "Not scanned: \(side) side of \(path) over the size limit (\(size) bytes)", path: file.path,
            evidence: evidence, matchHash: SHA256Hex.digest("over-limit:\(side):" + (blob?.hex ?? path))
        )
    }

    /// The finding for a budget of the commit that ran out: which one, what was read, and what
    /// was not (files whose content was left unread, and checks that did not run or stopped early).
    static func budgetSpent(
        _ budget: DiffBudgetSpent.Budget, diff: CommitDiff, checksNotRun: [String] = [], stops: [String] = []
    ) -> Finding {
        let unread = diff.files.filter { $0.oldContent == .unread || $0.newContent == .unread }
        let name: String
        let key: String
        switch budget {
        case .bytes(let bytes):
            name = "byte budget of \(bytes) bytes ([scan] commit_byte_budget)"
            key = "byte-budget"
        case .time(let duration):
            name = "time budget of \(ConfigReader.describe(duration)) ([scan] commit_time_budget)"
            key = "time-budget"
        }
        var parts: [String] = []
        if let spent = diff.budgetSpent, spent.budget == budget {
            parts.append("\(spent.bytesRead) blob bytes read before it ran out")
        }
        if !unread.isEmpty {
            let named = unread.prefix(listedPaths).map { "\($0.path) (\(max($0.oldSize, $0.newSize)) bytes)" }
            let more = unread.count > listedPaths ? " and \(unread.count - listedPaths) more" : ""
            parts.append("\(unread.count) files not read: " + named.joined(separator: ", ") + more)
        }
        if !checksNotRun.isEmpty { parts.append("checks not run: " + checksNotRun.joined(separator: ", ")) }
        if !stops.isEmpty { parts.append("checks stopped early: " + stops.joined(separator: ", ")) }
        var what: [String] = []
        if !unread.isEmpty { what.append("\(unread.count) files not read") }
        if !checksNotRun.isEmpty || !stops.isEmpty { what.append("checks cut short") }
        return Finding(
            check: checkID, severity: severity,
            title: "Commit not fully scanned: \(name) spent"
                + (what.isEmpty ? "" : "; " + what.joined(separator: ", ")),
            evidence: parts.joined(separator: "; "), matchHash: SHA256Hex.digest(key)
        )
    }

    /// The finding for searches PCRE2 stopped at a resource limit (`RegexLimits`): those patterns
    /// saw no match on those lines, so the lines were not fully checked by them.
    static func regexLimited(count: Int, hits: [RegexLimitHit]) -> Finding {
        let named = hits.prefix(listedPaths).map { hit in
            hit.source + (hit.path.map { " at \($0)" + (hit.line.map { ":\($0)" } ?? "") } ?? "")
        }
        let more = count > named.count ? " and \(count - named.count) more" : ""
        return Finding(
            check: checkID, severity: severity,
            title: "Not fully checked: \(count) regex searches stopped at the match limit",
            evidence: "rules that saw no match because their search was stopped: "
                + named.joined(separator: ", ") + more,
            matchHash: SHA256Hex.digest("regex-limit"))
    }
}
