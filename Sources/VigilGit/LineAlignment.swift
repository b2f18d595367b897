import CGit2

/// Which lines of a new text were kept from an old one, as a line diff aligns them: the question
/// blame asks of every change.
///
/// Two diffs answer it. `.minimal` is the scan's (`LineDiff`, a minimal Myers search, with libgit2's
/// xdiff as the fallback where it would need more than `LineDiff.maxEdits` edits). `.likeGit` is
/// xdiff with git's indent heuristic, as `git blame` runs it: among equally short diffs it slides
/// each run of added lines to where git puts it (`}` and a blank line after a new function, not
/// before it), and which lines a run holds decides where blame looks for their origin.
public enum LineAlignment {
    public enum Diff: Sendable {
        case minimal
        case likeGit
    }

    /// For each line of `new` (0-based), the line of `old` it is kept from, or -1 for a line the
    /// change added. Lines are split at `\n`; a last line without one is a line too.
    public static func keptLines(old: [UInt8], new: [UInt8], diff: Diff = .minimal) throws(GitError) -> [Int32] {
        let oldCount = old.withUnsafeBufferPointer { LineIndex($0).count }
        let newCount = new.withUnsafeBufferPointer { LineIndex($0).count }
        if diff == .likeGit {
            let hunks = try xdiffHunks(old: old, new: new, indentHeuristic: true)
            return mapping(oldCount: oldCount, newCount: newCount, hunks: hunks)
        }
        let edits: LineDiff.Edits? = old.withUnsafeBufferPointer { oldBytes in
            new.withUnsafeBufferPointer { newBytes in
                LineDiff.edits(old: LineIndex(oldBytes), new: LineIndex(newBytes))
            }
        }
        if let edits {
            return mapping(oldCount: oldCount, newCount: newCount, removed: edits.removed, added: edits.added)
        }
        return try mapping(oldCount: oldCount, newCount: newCount, hunks: xdiffHunks(old: old, new: new))
    }

    private static func mapping(oldCount: Int, newCount: Int, hunks: [Hunk]) -> [Int32] {
        var removed: [Int] = []
        var added: [Int] = []
        for hunk in hunks {
            removed.append(contentsOf: hunk.oldStart..<(hunk.oldStart + hunk.oldLines))
            added.append(contentsOf: hunk.newStart..<(hunk.newStart + hunk.newLines))
        }
        return mapping(oldCount: oldCount, newCount: newCount, removed: removed, added: added)
    }

    /// Walks both texts in step, skipping the removed and added lines: what is left is kept.
    private static func mapping(oldCount: Int, newCount: Int, removed: [Int], added: [Int]) -> [Int32] {
        var result = [Int32](repeating: -1, count: newCount)
        var removedIndex = 0
        var addedIndex = 0
        var oldLine = 0
        var newLine = 0
        while oldLine < oldCount, newLine < newCount {
            if removedIndex < removed.count, removed[removedIndex] == oldLine {
                removedIndex += 1
                oldLine += 1
            } else if addedIndex < added.count, added[addedIndex] == newLine {
                addedIndex += 1
                newLine += 1
            } else {
                result[newLine] = Int32(oldLine)
                oldLine += 1
                newLine += 1
            }
        }
        return result
    }

    /// One hunk of an xdiff diff without context, 0-based.
    private struct Hunk {
        var oldStart: Int
        var oldLines: Int
        var newStart: Int
        var newLines: Int
    }

    private final class HunkCollector {
        var hunks: [Hunk] = []
    }

    /// The hunks of libgit2's diff of two buffers; no path is given, so no attribute or filter applies.
    private static func xdiffHunks(old: [UInt8], new: [UInt8], indentHeuristic: Bool = false) throws(GitError)
        -> [Hunk]
    {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.context_lines = 0
        options.interhunk_lines = 0
        options.flags |= GIT_DIFF_FORCE_TEXT.rawValue
        if indentHeuristic { options.flags |= GIT_DIFF_INDENT_HEURISTIC.rawValue }
        let collector = HunkCollector()
        let payload = Unmanaged.passUnretained(collector).toOpaque()
        let code = withExtendedLifetime(collector) {
            old.withUnsafeBytes { oldBytes in
                new.withUnsafeBytes { newBytes in
                    git_diff_buffers(
                        oldBytes.baseAddress, oldBytes.count, nil, newBytes.baseAddress, newBytes.count, nil,
                        &options, nil, nil,
                        { _, hunk, payload in
                            guard let hunk, let payload else { return 0 }
                            let collector = Unmanaged<HunkCollector>.fromOpaque(payload).takeUnretainedValue()
                            let value = hunk.pointee
                            // xdiff numbers lines from 1, and a side with no lines starts after the line before.
                            let oldLines = Int(value.old_lines)
                            let newLines = Int(value.new_lines)
                            collector.hunks.append(
                                Hunk(
                                    oldStart: oldLines == 0 ? Int(value.old_start) : Int(value.old_start) - 1,
                                    oldLines: oldLines,
                                    newStart: newLines == 0 ? Int(value.new_start) : Int(value.new_start) - 1,
                                    newLines: newLines))
                            return 0
                        }, nil, payload)
                }
            }
        }
        try check(code, "git_diff_buffers")
        return collector.hunks
    }
}
