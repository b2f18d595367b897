import VigilGit

/// Which blame the report runs. Vigil's own (`RangeBlame`) is the one in use; libgit2's
/// `git_blame_file` is kept as the reference it is compared with, in tests and in `make bench`.
/// libgit2 1.5 declares but does not implement copy tracking, so it traces neither moves within a
/// file nor copies between files, and blames one file at a time.
public enum BlameEngine: String, Sendable, CaseIterable {
    case vigil
    case libgit2
}

/// libgit2's blame of every file that differs between the two ends, in the shape `RangeBlame` gives.
enum Libgit2RangeBlame {
    static func blame(
        repository: Repository, from: ObjectID, to: ObjectID, inRange: Set<ObjectID>, table: OriginTable,
        maxBlobBytes: Int64, problems: inout [ReportProblem], progress: (Int, Int) -> Void
    ) -> [String: FileBlame] {
        let changes: [PathChange]
        do {
            changes = try repository.pathChanges(from: from, to: to).filter { $0.newBlob != nil }
        } catch {
            problems.append(ReportProblem(commit: to, path: nil, message: "\(error.operation): \(error.message)"))
            return [:]
        }
        var result: [String: FileBlame] = [:]
        for (done, change) in changes.enumerated() {
            defer { progress(done + 1, changes.count) }
            guard let blob = change.newBlob else { continue }
            switch try? repository.blobBytes(blob, maxBytes: maxBlobBytes) {
            case .tooLarge(let size):
                result[change.path] = .skipped(.tooLarge(size))
                continue
            case .bytes(let bytes) where FileText.looksBinary(bytes):
                result[change.path] = .skipped(.binary)
                continue
            default: break
            }
            do {
                let hunks = try repository.libgit2Blame(path: change.path, newest: to, oldest: from)
                var origins: [LineOrigin] = []
                for hunk in hunks {
                    for offset in 0..<hunk.lines {
                        guard inRange.contains(hunk.commit) else {
                            origins.append(.boundary)
                            continue
                        }
                        origins.append(
                            LineOrigin(
                                commit: table.index(of: hunk.commit), path: table.index(of: hunk.originalPath),
                                line: Int32(hunk.originalStart + offset)))
                    }
                }
                if origins.contains(where: { !$0.isBoundary }) { result[change.path] = .lines(origins) }
            } catch {
                let message = "\(error.operation): \(error.message)"
                problems.append(ReportProblem(commit: to, path: change.path, message: message))
                result[change.path] = .skipped(.unreadable(message))
            }
        }
        return result
    }
}
