import Foundation
import Testing
import VigilTestSupport

@testable import VigilGit

/// Vigil's own line diff: it must be a correct edit script (the kept lines line up), as short as
/// an exact longest-common-subsequence says, agree with git on the shapes it meets every day, and
/// hand pathological input back to libgit2 instead of taking quadratic time.
@Suite("Line diff")
struct LineDiffTests {
    @Test func randomTextsGetAMinimalCorrectEditScript() throws {
        var random = LineRandom(seed: 7)
        for _ in 0..<400 {
            let old = random.text(lines: random.next(14), alphabet: 4)
            let new = random.text(lines: random.next(14), alphabet: 4)
            let edits = try #require(diff(old, new))
            let oldLines = lines(old)
            let newLines = lines(new)
            let keptOld = oldLines.indices.filter { !edits.removed.contains($0) }.map { oldLines[$0] }
            let keptNew = newLines.indices.filter { !edits.added.contains($0) }.map { newLines[$0] }
            #expect(keptOld == keptNew, "old \(oldLines) new \(newLines)")
            #expect(keptOld.count == longestCommonSubsequence(oldLines, newLines), "old \(oldLines) new \(newLines)")
            #expect(edits.removed == edits.removed.sorted() && edits.added == edits.added.sorted())
        }
    }

    @Test func insertionAfterARepeatedLineIsReportedLast() throws {
        // git slides an ambiguous insertion down: "}" added as line 3, not line 2.
        let edits = try #require(diff("x\n}\n", "x\n}\n}\n"))
        #expect(edits == LineDiff.Edits(removed: [], added: [2]))
    }

    @Test func missingFinalNewlineIsAChangedLine() throws {
        let edits = try #require(diff("a\nb", "a\nb\n"))
        #expect(edits == LineDiff.Edits(removed: [1], added: [1]))
    }

    @Test func emptySidesAreAllAddedOrAllRemoved() throws {
        #expect(try #require(diff("", "a\nb\n")) == LineDiff.Edits(removed: [], added: [0, 1]))
        #expect(try #require(diff("a\nb\n", "")) == LineDiff.Edits(removed: [0, 1], added: []))
        #expect(try #require(diff("", "")) == LineDiff.Edits())
    }

    @Test func rewriteWithNoCommonLineIsAReplacementWhateverItsSize() throws {
        let old = (0..<5000).map { "old \($0)\n" }.joined()
        let new = (0..<5000).map { "new \($0)\n" }.joined()
        let edits = try #require(diff(old, new))
        #expect(edits.removed.count == 5000 && edits.added.count == 5000)
    }

    @Test func tooManyInterleavedEditsAreLeftToLibgit2() {
        // Every other line changes: thousands of edits, which the exact search refuses.
        let old = (0..<3000).map { $0 % 2 == 0 ? "same \($0)\n" : "old \($0)\n" }.joined()
        let new = (0..<3000).map { $0 % 2 == 0 ? "same \($0)\n" : "new \($0)\n" }.joined()
        #expect(diff(old, new) == nil)
    }

    @Test func largeInterleavedChangeStillReportsEveryLineThroughTheFallback() throws {
        let fixture = try FixtureRepository()
        let old = (0..<3000).map { $0 % 2 == 0 ? "same \($0)\n" : "old \($0)\n" }.joined()
        let new = (0..<3000).map { $0 % 2 == 0 ? "same \($0)\n" : "new \($0)\n" }.joined()
        try fixture.commit("old", files: ["big.txt": old])
        let id = try fixture.commit("new", files: ["big.txt": new])
        let change = try Repository(path: fixture.path).diff(of: id).file("big.txt")
        #expect(change.addedLines.count == 1500)
        #expect(change.removedLines.count == 1500)
        #expect(change.addedLines.first == DiffLine(number: 2, text: "new 1"))
    }

    @Test func agreesWithGitOnEverydayEdits() throws {
        let fixture = try FixtureRepository()
        var random = LineRandom(seed: 11)
        var text = random.text(lines: 40, alphabet: 1000)
        try fixture.commit("start", files: ["f.txt": text])
        let repository = try Repository(path: fixture.path)
        for round in 0..<25 {
            // This history has no empty lines, so splitting on newlines loses nothing.
            var fileLines = text.split(separator: "\n").map(String.init)
            for _ in 0..<(1 + random.next(3)) {
                let at = random.next(fileLines.count + 1)
                switch random.next(3) {
                case 0 where !fileLines.isEmpty: fileLines.remove(at: min(at, fileLines.count - 1))
                case 1 where !fileLines.isEmpty: fileLines[min(at, fileLines.count - 1)] = "edited \(round)"
                default: fileLines.insert("inserted \(round) \(random.next(99))", at: at)
                }
            }
            text = fileLines.map { $0 + "\n" }.joined()
            let id = try fixture.commit("round \(round)", files: ["f.txt": text])
            let change = try repository.diff(of: id).file("f.txt")
            let git = try fixture.git("diff", "-U0", "--no-color", "--no-indent-heuristic", "\(id)~1", id, "--", "f.txt")
            let gitAdded = git.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }
            let gitRemoved = git.split(separator: "\n").filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }
            #expect(change.added == gitAdded.map { String($0.dropFirst()) }, "round \(round)")
            #expect(change.removed == gitRemoved.map { String($0.dropFirst()) }, "round \(round)")
        }
    }
}

// MARK: - Helpers

private func diff(_ old: String, _ new: String) -> LineDiff.Edits? {
    let oldBytes = Array(old.utf8)
    let newBytes = Array(new.utf8)
    return oldBytes.withUnsafeBufferPointer { oldBuffer in
        newBytes.withUnsafeBufferPointer { newBuffer in
            LineDiff.edits(old: LineIndex(oldBuffer), new: LineIndex(newBuffer))
        }
    }
}

/// Lines with their endings, as the diff compares them.
private func lines(_ text: String) -> [String] {
    var result: [String] = []
    var current = ""
    for character in text {
        current.append(character)
        if character == "\n" {
            result.append(current)
            current = ""
        }
    }
    if !current.isEmpty { result.append(current) }
    return result
}

private func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in a.indices.reversed() {
        for j in b.indices.reversed() {
            table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
        }
    }
    return table[0][0]
}

private struct LineRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }

    /// `lines` lines drawn from `alphabet` distinct texts (few texts: many repeats), some without
    /// a final newline.
    mutating func text(lines: Int, alphabet: Int) -> String {
        var text = (0..<lines).map { _ in "line \(next(alphabet))\n" }.joined()
        if !text.isEmpty, next(4) == 0 { text.removeLast() }
        return text
    }
}
