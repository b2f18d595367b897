import VigilGit

/// `mass-deletion`: a commit that removes a great deal at once — the "agent wiped the codebase"
/// failure. It raises at most one finding per commit, naming every limit that was crossed:
///
/// - more than `max_deleted_lines` lines lost in total (default 1000): per file, the lines removed
///   beyond those the same file gained (a deleted file loses all of its lines; one over the size
///   limit counts the lines its newlines say it had). A file rewritten in place loses only the
///   difference: a refactor that removes 1,100 lines and writes 1,700 is no deletion. The offset is
///   per file, so deleting a module while adding as many lines elsewhere still counts in full;
/// - more than `max_deleted_files` deleted files (default 50; a rename is not a deletion);
/// - under one directory, at least `min_directory_files` changed files (default 20) of which more
///   than `max_deleted_fraction` (default 0.5) were deleted: most of a file set removed, even when
///   the totals stay under the other limits. One directory is named: the one covering the most
///   deletions, and of those the deepest.
///
/// Setting `max_deleted_lines`, `max_deleted_files` or `min_directory_files` to 0 turns that rule off.
public struct MassDeletionCheck: ConfigurableCheck {
    public static let checkID = "mass-deletion"
    public static let defaultSeverity = Severity.high
    public static let optionKeys: Set<String> = [
        "max_deleted_lines", "max_deleted_files", "max_deleted_fraction", "min_directory_files",
    ]

    public var id: String { Self.checkID }
    /// Removed lines allowed in one commit; 0 for no limit.
    public let maxDeletedLines: Int
    /// Deleted files allowed in one commit; 0 for no limit.
    public let maxDeletedFiles: Int
    /// The share of a directory's changed files that may be deletions.
    public let maxDeletedFraction: Double
    /// Changed files a directory needs before its share of deletions is judged; 0 turns that off.
    public let minDirectoryFiles: Int

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        maxDeletedLines = reader.integer("max_deleted_lines", default: 1000, range: 0...Int.max)
        maxDeletedFiles = reader.integer("max_deleted_files", default: 50, range: 0...Int.max)
        maxDeletedFraction = reader.double("max_deleted_fraction", default: 0.5, range: 0...1)
        minDirectoryFiles = reader.integer("min_directory_files", default: 20, range: 0...Int.max)
        try reader.finish()
    }

    public func run(_ context: CheckContext) -> [Finding] {
        let files = context.diff.files
        let removedLines = context.diff.removedLineCount
        let lostLines = files.reduce(0) { $0 + max(0, $1.removedLineCount - $1.addedLines.count) }
        let deleted = files.filter { $0.status == .deleted }
        var reasons: [String] = []
        if maxDeletedLines > 0, lostLines > maxDeletedLines {
            reasons.append("\(lostLines) lines removed (limit \(maxDeletedLines))")
        }
        if maxDeletedFiles > 0, deleted.count > maxDeletedFiles {
            reasons.append("\(deleted.count) files deleted (limit \(maxDeletedFiles))")
        }
        var directory: String?
        if minDirectoryFiles > 0, !deleted.isEmpty, let mostly = mostlyDeletedDirectory(files) {
            directory = mostly.path
            reasons.append("\(mostly.deleted) of \(mostly.touched) changed files under \(mostly.path)/ deleted")
        }
        guard !reasons.isEmpty else { return [] }
        return [
            Finding(
                check: id, severity: Self.defaultSeverity, title: "Mass deletion: " + reasons.joined(separator: "; "),
                path: directory,
                evidence: evidence(files: files, removedLines: removedLines, lostLines: lostLines, deleted: deleted.count)
            )
        ]
    }

    // MARK: - Directories

    private struct DirectoryCount {
        var path: String
        var touched = 0
        var deleted = 0
    }

    /// The directory with enough changed files, most of them deleted, that covers the most deletions.
    private func mostlyDeletedDirectory(_ files: [FileChange]) -> DirectoryCount? {
        var counts: [String: DirectoryCount] = [:]
        for file in files {
            let isDeleted = file.status == .deleted
            var directory = Substring(file.path)
            while let slash = directory.lastIndex(of: "/") {
                directory = directory[..<slash]
                let key = String(directory)
                counts[key, default: DirectoryCount(path: key)].touched += 1
                if isDeleted { counts[key, default: DirectoryCount(path: key)].deleted += 1 }
            }
        }
        let candidates = counts.values.filter {
            $0.touched >= minDirectoryFiles && Double($0.deleted) > Double($0.touched) * maxDeletedFraction
        }
        // The directory covering the most deletions; among equals the deepest, which names them most
        // precisely (`app/legacy` rather than `app` when nothing else under `app` changed).
        return candidates.max { lhs, rhs in
            let left = (lhs.deleted, lhs.path.utf8.count { $0 == UInt8(ascii: "/") }, rhs.path)
            let right = (rhs.deleted, rhs.path.utf8.count { $0 == UInt8(ascii: "/") }, lhs.path)
            return left < right
        }
    }

    // MARK: - Evidence

    private func evidence(files: [FileChange], removedLines: Int, lostLines: Int, deleted: Int) -> String {
        let largest = files.filter { $0.removedLineCount > 0 }
            .sorted { ($0.removedLineCount, $1.path) > ($1.removedLineCount, $0.path) }
            .prefix(5)
            .map { "\($0.path) (-\($0.removedLineCount))" }
        var text = "\(removedLines) lines removed, \(lostLines) not replaced in their file, \(deleted) files deleted, "
            + "\(files.count) files changed"
        if !largest.isEmpty { text += "; largest removals: " + largest.joined(separator: ", ") }
        return text
    }
}
