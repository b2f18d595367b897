#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text's lines, found once: line `i` is `bytes[starts[i]..<starts[i + 1]]`, its ending included.
/// A last line without a newline is a line too, and differs from the same text with one (as in git).
struct LineIndex {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var starts: [Int] = [0]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var offset = 0
        while offset < bytes.count {
            guard let newline = memchr(base + offset, 0x0A, bytes.count - offset) else {
                starts.append(bytes.count)
                break
            }
            offset = UnsafeRawPointer(newline) - UnsafeRawPointer(base) + 1
            starts.append(offset)
        }
    }

    var count: Int { starts.count - 1 }

    func line(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[starts[index]..<starts[index + 1]])
    }

    func sameLine(_ index: Int, as other: LineIndex, _ otherIndex: Int) -> Bool {
        sameBytes(line(index), other.line(otherIndex))
    }

    /// A line's text without its ending (`\n` or `\r\n`), decoded as UTF-8 with replacement.
    func text(_ index: Int) -> String {
        var line = line(index)
        if line.last == 0x0A { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
        return String(decoding: line, as: UTF8.self)
    }
}

/// Which lines a change removed and added: a minimal line diff (Myers), without context.
///
/// Vigil needs only the changed lines of two blobs, so it diffs them itself instead of building a
/// libgit2 patch: the common head and tail are cut off by comparing bytes, lines are hashed only in
/// the changed middle, and a middle with no line in common is a plain replacement.
/// Where the middle would need more than `maxEdits` edits, `edits` returns `nil` and the caller
/// asks libgit2, whose diff bounds its own cost on such input.
enum LineDiff {
    /// Old line indices removed and new line indices added, each ascending (0-based).
    struct Edits: Equatable {
        var removed: [Int] = []
        var added: [Int] = []
    }

    static let maxEdits = 1000

    static func edits(old: LineIndex, new: LineIndex) -> Edits? {
        var head = 0
        while head < old.count, head < new.count, old.sameLine(head, as: new, head) { head += 1 }
        var oldEnd = old.count
        var newEnd = new.count
        while oldEnd > head, newEnd > head, old.sameLine(oldEnd - 1, as: new, newEnd - 1) {
            oldEnd -= 1
            newEnd -= 1
        }
        var edits = Edits()
        if head == oldEnd || head == newEnd {
            edits.removed = Array(head..<oldEnd)
            edits.added = Array(head..<newEnd)
            return edits
        }
        // The search compares lines by hash first, and by bytes only when the hashes agree.
        let a = (head..<oldEnd).map { lineHash(old.line($0)) }
        let b = (head..<newEnd).map { lineHash(new.line($0)) }
        let oldHashes = Set(a)
        guard b.contains(where: { oldHashes.contains($0) }) else {
            edits.removed = Array(head..<oldEnd)
            edits.added = Array(head..<newEnd)
            return edits
        }
        let same = { (x: Int, y: Int) in a[x] == b[y] && old.sameLine(head + x, as: new, head + y) }
        guard let middle = shortestEdits(a.count, b.count, same: same) else { return nil }
        edits.removed = middle.removed.map { $0 + head }
        edits.added = middle.added.map { $0 + head }
        return edits
    }

    /// Myers' greedy search for the shortest edit script between `a` and `b`, remembering each
    /// round's furthest reach to walk back along; `nil` beyond `maxEdits` edits.
    private static func shortestEdits(_ n: Int, _ m: Int, same: (Int, Int) -> Bool) -> Edits? {
        let limit = min(n + m, maxEdits)
        let offset = limit + 1
        var reach = [Int](repeating: 0, count: 2 * limit + 3)
        // Round d's reaches for diagonals -d...d, stored one round after another (round d at d²).
        var trace: [Int] = []
        var rounds = -1
        search: for d in 0...limit {
            for k in stride(from: -d, through: d, by: 2) {
                let down = k == -d || (k != d && reach[offset + k - 1] < reach[offset + k + 1])
                var x = down ? reach[offset + k + 1] : reach[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, same(x, y) {
                    x += 1
                    y += 1
                }
                reach[offset + k] = x
                if x >= n, y >= m {
                    rounds = d
                    break search
                }
            }
            trace.append(contentsOf: reach[(offset - d)...(offset + d)])
        }
        guard rounds >= 0 else { return nil }

        var edits = Edits()
        var x = n
        var y = m
        for d in stride(from: rounds, to: 0, by: -1) {
            let previous = (d - 1) * (d - 1)  // round d - 1 starts at (d - 1)²; diagonal k at + k + d - 1
            func reachOf(_ k: Int) -> Int { trace[previous + k + d - 1] }
            let k = x - y
            let down = k == -d || (k != d && reachOf(k - 1) < reachOf(k + 1))
            let previousK = down ? k + 1 : k - 1
            let previousX = reachOf(previousK)
            let previousY = previousX - previousK
            if down {
                edits.added.append(previousY)
            } else {
                edits.removed.append(previousX)
            }
            x = previousX
            y = previousY
        }
        edits.removed.reverse()
        edits.added.reverse()
        return edits
    }
}

extension LineDiff {
    /// Whether a run of removed or added lines in `edits` could sit elsewhere with the same effect:
    /// the line before the run equals its last line, or the line after it equals its first (a
    /// blank line or a closing brace inserted next to its twin). Several placements are then
    /// equally short, and git picks one with its own rules (xdiff's compaction and indent
    /// heuristic); line numbers are part of an alert's id, so such a change is left to libgit2's
    /// xdiff with the same heuristic instead of `LineDiff`'s first choice.
    static func canSlide(_ edits: Edits, old: LineIndex, new: LineIndex) -> Bool {
        canSlide(edits.removed, in: old) || canSlide(edits.added, in: new)
    }

    private static func canSlide(_ lines: [Int], in text: LineIndex) -> Bool {
        var start = 0
        while start < lines.count {
            var end = start + 1
            while end < lines.count, lines[end] == lines[end - 1] + 1 { end += 1 }
            let first = lines[start]
            let last = lines[end - 1]
            if first > 0, text.sameLine(first - 1, as: text, last) { return true }
            if last + 1 < text.count, text.sameLine(last + 1, as: text, first) { return true }
            start = end
        }
        return false
    }
}

/// FNV-1a over a line's bytes: cheap, and only a first test (equal hashes are confirmed by bytes).
private func lineHash(_ line: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in line {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return hash
}

private func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard let first = a.baseAddress, let second = b.baseAddress else { return true }  // both empty
    return memcmp(first, second, a.count) == 0
}
