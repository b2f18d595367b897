import Foundation
import Testing
import VigilGit
import VigilTestSupport

/// The referee for Vigil's own readers: the same repository read in both `ReadMode`s, and the line
/// numbers of every ordinary commit against `git log -p`'s (git's default diff heuristics).
enum ReaderComparison {
    /// Every commit reachable from any branch or tag, walked and diffed in both modes: the walks
    /// must list the same commits in the same order, and every commit's diff must be identical.
    /// Returns the number of commits compared.
    @discardableResult
    static func expectSameInBothModes(
        _ path: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Int {
        let fast = try Repository(path: path, readMode: .fast)
        let reference = try Repository(path: path, readMode: .reference)
        return try expectSame(fast, reference, tips: try tips(of: path), sourceLocation: sourceLocation)
    }

    /// `expectSameInBothModes` on handles the caller opened (e.g. before the repository changed).
    @discardableResult
    static func expectSame(
        _ fast: Repository, _ reference: Repository, tips: [ObjectID],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Int {
        let fastWalk = try fast.walk(from: tips, order: .newestFirst)
        let referenceWalk = try reference.walk(from: tips, order: .newestFirst)
        #expect(fastWalk.errors.isEmpty, "\(fastWalk.errors)", sourceLocation: sourceLocation)
        #expect(referenceWalk.errors.isEmpty, "\(referenceWalk.errors)", sourceLocation: sourceLocation)
        #expect(fastWalk.commits == referenceWalk.commits, "walk order", sourceLocation: sourceLocation)
        for id in fastWalk.commits {
            let fastDiff = try fast.diff(try fast.commit(id))
            let referenceDiff = try reference.diff(try reference.commit(id))
            #expect(fastDiff.unreadable.isEmpty, "\(id): \(fastDiff.unreadable)", sourceLocation: sourceLocation)
            #expect(
                fastDiff == referenceDiff, "\(id): fast \(fastDiff.files) reference \(referenceDiff.files)",
                sourceLocation: sourceLocation)
        }
        return fastWalk.commits.count
    }

    /// For every commit with at most one parent, the changed lines (path, side, number, text) in
    /// the `fast` mode equal those of `git log -p -U0 -M` (rename detection and the indent
    /// heuristic on, as git's defaults are). Returns the number of commits compared.
    @discardableResult
    static func expectLineNumbersMatchGit(
        _ fixture: FixtureRepository, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Int {
        let output = try fixture.git([
            "-c", "core.quotePath=false", "-c", "diff.indentHeuristic=true", "log", "--all", "--no-merges",
            "-p", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv", "--format=commit %H",
        ])
        let expected = GitLogPatch.parse(output)
        let repository = try Repository(path: fixture.path, readMode: .fast)
        for (hex, lines) in expected {
            let diff = try repository.diff(try repository.commit(try oid(hex)))
            var found: Set<ChangedLine> = []
            for file in diff.files where file.newMode != .submodule && file.oldMode != .submodule {
                for line in file.removedLines {
                    found.insert(ChangedLine(path: file.path, side: "-", number: line.number, text: line.text))
                }
                for line in file.addedLines {
                    found.insert(ChangedLine(path: file.path, side: "+", number: line.number, text: line.text))
                }
            }
            #expect(
                found == lines,
                "\(hex): only Vigil \(found.subtracting(lines).sorted()); only git \(lines.subtracting(found).sorted())",
                sourceLocation: sourceLocation)
        }
        return expected.count
    }

    /// The tips of every branch and tag.
    static func tips(of path: String) throws -> [ObjectID] {
        let output = try FixtureRepository.run(
            "/usr/bin/git", ["for-each-ref", "--format=%(objectname)", "refs/heads", "refs/tags"], in: path)
        return try output.split(separator: "\n").map { try oid(String($0)) }
    }
}

/// One changed line as a diff reports it.
struct ChangedLine: Hashable, Comparable, CustomStringConvertible {
    var path: String
    var side: Character
    var number: Int
    var text: String

    static func < (a: ChangedLine, b: ChangedLine) -> Bool {
        (a.path, a.number, String(a.side)) < (b.path, b.number, String(b.side))
    }

    var description: String { "\(path):\(side)\(number) \(text.debugDescription)" }
}

/// The changed lines of each commit in `git log -p -U0 --format='commit %H'` output.
enum GitLogPatch {
    static func parse(_ output: String) -> [String: Set<ChangedLine>] {
        var result: [String: Set<ChangedLine>] = [:]
        var commit: String?
        var oldPath = ""
        var path = ""
        var submodule = false
        var oldLine = 0
        var newLine = 0
        var inHunk = false
        // Split on the byte "\n" alone (a Swift `Character` holds "\r\n" whole): a CRLF file's lines
        // keep their "\r", which is dropped below.
        for raw in output.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = String(decoding: raw, as: UTF8.self)
            // With -U0 every line of a hunk starts with "+", "-" or "\\", so nothing else is confused
            // with these headers.
            if line.hasPrefix("commit ") {
                commit = String(line.dropFirst(7))
                if let commit, result[commit] == nil { result[commit] = [] }
                inHunk = false
                continue
            }
            if line.hasPrefix("diff --git ") {
                inHunk = false
                submodule = false
                continue
            }
            if !inHunk {
                if line.hasPrefix("--- ") {
                    oldPath = line == "--- /dev/null" ? "" : String(line.dropFirst(6))
                } else if line.hasPrefix("+++ ") {
                    path = line == "+++ /dev/null" ? oldPath : String(line.dropFirst(6))
                } else if line.contains(" 160000") {
                    submodule = true
                }
            }
            if line.hasPrefix("@@ ") {
                let parts = line.split(separator: " ")
                oldLine = Int(parts[1].dropFirst().split(separator: ",")[0]) ?? 0
                newLine = Int(parts[2].dropFirst().split(separator: ",")[0]) ?? 0
                inHunk = true
                continue
            }
            guard inHunk, let commit, !submodule else { continue }
            var text = String(line.dropFirst())
            if text.hasSuffix("\r") { text.removeLast() }
            if line.hasPrefix("-") {
                result[commit, default: []].insert(ChangedLine(path: path, side: "-", number: oldLine, text: text))
                oldLine += 1
            } else if line.hasPrefix("+") {
                result[commit, default: []].insert(ChangedLine(path: path, side: "+", number: newLine, text: text))
                newLine += 1
            } else if !line.hasPrefix("\\") {
                inHunk = false
            }
        }
        return result
    }
}
