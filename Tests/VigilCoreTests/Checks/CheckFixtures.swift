import Testing
import VigilGit

@testable import VigilCore

/// Builders for check inputs: commits, diffs and option tables made from VigilGit value types
/// directly, so each check test states exactly the diff it judges.
enum Fixture {
    static let human = Signature(
        name: "Dana Developer", email: "dana@example.com", time: 1_700_000_000, offsetMinutes: 0
    )

    static let aiVerdict = Verdict(
        authoredBy: ["claude-code"],
        evidence: [
            Evidence(
                tool: "claude-code", marker: .trailer, text: "Co-Authored-By: Claude <noreply@anthropic.com>",
                signature: "claude-code.trailer"
            )
        ]
    )

    static func commit(
        message: String = "Change things", author: Signature = human, trailers: [Trailer] = []
    ) throws -> Commit {
        let id = try #require(ObjectID(hex: String(repeating: "c", count: 40)))
        let parent = try #require(ObjectID(hex: String(repeating: "b", count: 40)))
        return Commit(
            id: id, parents: [parent], author: author, committer: author, rawMessage: Array(message.utf8),
            trailers: trailers
        )
    }

    static func context(
        _ files: [FileChange], verdict: Verdict = aiVerdict, author: Signature = human, trailers: [Trailer] = []
    ) throws -> CheckContext {
        CheckContext(
            repository: "/srv/git/app.git", ref: "refs/heads/main",
            commit: try commit(author: author, trailers: trailers), diff: CommitDiff(files: files), verdict: verdict
        )
    }

    /// Lines numbered from `start`.
    static func lines(_ texts: [String], from start: Int = 1) -> [DiffLine] {
        texts.enumerated().map { DiffLine(number: start + $0.offset, text: $0.element) }
    }

    static func added(_ path: String, _ texts: [String], size: Int64? = nil, binary: Bool = false) -> FileChange {
        FileChange(
            status: .added, oldPath: path, newPath: path, oldMode: .absent, oldContent: .absent,
            newContent: binary ? .binary : .text,
            newSize: size ?? Int64(texts.reduce(0) { $0 + $1.utf8.count + 1 }), addedLines: binary ? [] : lines(texts)
        )
    }

    static func modified(
        _ path: String, added: [DiffLine] = [], removed: [DiffLine] = [], oldSize: Int64 = 100, newSize: Int64 = 100
    ) -> FileChange {
        FileChange(
            status: .modified, oldPath: path, newPath: path, oldSize: oldSize, newSize: newSize,
            addedLines: added, removedLines: removed
        )
    }

    static func deleted(_ path: String, lineCount: Int = 10) -> FileChange {
        FileChange(
            status: .deleted, oldPath: path, newPath: path, newMode: .absent, oldSize: Int64(lineCount * 20),
            removedLines: lines((0..<lineCount).map { "line \($0)" })
        )
    }

    static func renamed(_ from: String, _ to: String) -> FileChange {
        FileChange(status: .renamed, oldPath: from, newPath: to, oldSize: 300, newSize: 300)
    }

    // MARK: - Options

    /// A `[checks.<id>]` table whose entries sit on consecutive lines after the header on `line`.
    static func table(_ id: String, _ entries: KeyValuePairs<String, ConfigValue>, line: Int = 10, path: String? = nil)
        -> ConfigTable
    {
        var table = ConfigTable(path: path ?? "checks.\(id)", line: line)
        for (offset, entry) in entries.enumerated() {
            table.entries[entry.key] = ConfigEntry(value: entry.value, line: line + 1 + offset)
        }
        return table
    }

    static func check<C: ConfigurableCheck>(_ type: C.Type, _ entries: KeyValuePairs<String, ConfigValue> = [:])
        throws -> C
    {
        try C(options: CheckOptions(table: table(C.checkID, entries)))
    }

    /// The problems building a check from `entries` reports (empty when it builds).
    static func problems<C: ConfigurableCheck>(_ type: C.Type, _ entries: KeyValuePairs<String, ConfigValue>)
        -> [ConfigProblem]
    {
        do {
            _ = try C(options: CheckOptions(table: table(C.checkID, entries)))
            return []
        } catch {
            return error.problems
        }
    }

    static func strings(_ values: [String]) -> ConfigValue { .array(values.map { .string($0) }) }
}
