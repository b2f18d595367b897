import VigilGit

/// Where a file that a commit adds came from in one parent, as `git blame` follows renames: a file
/// the same commit deleted, with the same content, or failing that at least half of it the same
/// (git's default minimum rename score). Each deleted file is the source of one added file at most,
/// the best-scoring pairs first, as in git's rename detection.
enum RenameFinder {
    /// Pairs compared by content per commit and parent; past it only exact renames are found.
    static let maxComparisons = 10_000

    /// Added path → deleted path it was renamed from.
    static func renames(in changes: [PathChange], texts: inout BlobTexts) -> [String: String] {
        let added = changes.filter { $0.oldBlob == nil && $0.newBlob != nil }
        var deleted = changes.filter { $0.oldBlob != nil && $0.newBlob == nil }
        guard !added.isEmpty, !deleted.isEmpty else { return [:] }
        var result: [String: String] = [:]
        var unmatched: [PathChange] = []
        for change in added {
            if let index = deleted.firstIndex(where: { $0.oldBlob == change.newBlob }) {
                result[change.path] = deleted[index].path
                deleted.remove(at: index)
            } else {
                unmatched.append(change)
            }
        }
        guard !unmatched.isEmpty, !deleted.isEmpty, unmatched.count * deleted.count <= maxComparisons else {
            return result
        }
        var candidates: [(score: Double, added: String, deleted: String)] = []
        for change in unmatched {
            guard let newID = change.newBlob, let newText = texts.text(newID) else { continue }
            for source in deleted {
                guard let oldID = source.oldBlob, let oldText = texts.text(oldID) else { continue }
                let larger = max(newText.bytes.count, oldText.bytes.count)
                guard larger > 0, abs(newText.bytes.count - oldText.bytes.count) * 2 <= larger else { continue }
                guard let kept = try? LineAlignment.keptLines(old: oldText.bytes, new: newText.bytes) else { continue }
                var keptBytes = 0
                for (line, oldLine) in kept.enumerated() where oldLine >= 0 {
                    keptBytes += newText.starts[line + 1] - newText.starts[line]
                }
                let score = Double(keptBytes) / Double(larger)
                if score >= 0.5 { candidates.append((score, change.path, source.path)) }
            }
        }
        var usedSources: Set<String> = []
        for candidate in candidates.sorted(by: { $0.score > $1.score }) {
            guard result[candidate.added] == nil, !usedSources.contains(candidate.deleted) else { continue }
            result[candidate.added] = candidate.deleted
            usedSources.insert(candidate.deleted)
        }
        return result
    }
}
