/// Finds many keywords in one pass over bytes (Aho-Corasick), ignoring ASCII case.
///
/// This is the secrets scan's prefilter: one walk over a line tells which rules can match it at
/// all, so most of the hundreds of regexes never run. The automaton is a full DFA over a compressed
/// alphabet (bytes that occur in no keyword share one class), so each input byte costs two table
/// reads; every state lists the values of all keywords ending there, suffixes included.
struct KeywordMatcher: Sendable {
    private let classOf: [UInt8]
    private let classCount: Int
    private let transitions: [Int32]
    /// Values ending at state `s` are `outputs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputs: [Int32]

    /// True when there are no keywords, so nothing can ever be found.
    let isEmpty: Bool

    /// `entries` pairs each keyword with a value reported when it is found (a rule index, say);
    /// several keywords may share a value. Keywords are compared with ASCII letters folded to
    /// lowercase; empty keywords are ignored.
    init(_ entries: [(keyword: String, value: Int32)]) {
        let words = entries.map { (bytes: Array($0.keyword.utf8).map(Self.fold), value: $0.value) }
            .filter { !$0.bytes.isEmpty }
        isEmpty = words.isEmpty
        var classes = [UInt8](repeating: 0, count: 256)
        var count = 1
        for word in words {
            for byte in word.bytes where classes[Int(byte)] == 0 {
                // More than 255 distinct bytes cannot happen in practice; share the last class then.
                classes[Int(byte)] = UInt8(min(count, 255))
                count = min(count + 1, 256)
            }
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classes[Int(upper)] = classes[Int(upper | 0x20)] }
        classOf = classes
        classCount = count
        let trie = Trie(words: words, classOf: classes, classCount: count)
        transitions = trie.transitions
        outputStart = trie.outputStart
        outputs = trie.outputs
    }

    /// Calls `found` with the value of every keyword occurrence in `bytes`, left to right; a value
    /// may be reported many times.
    func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, _ found: (Int32) -> Void) {
        guard !isEmpty else { return }
        classOf.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { next in
                outputStart.withUnsafeBufferPointer { starts in
                    outputs.withUnsafeBufferPointer { values in
                        var state = 0
                        for byte in bytes {
                            state = Int(next[state &* classCount &+ Int(classes[Int(byte)])])
                            let lower = Int(starts[state])
                            let upper = Int(starts[state &+ 1])
                            if lower != upper {
                                for slot in lower..<upper { found(values[slot]) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// True when any keyword occurs in `bytes`.
    func containsAny(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any = false
        forEachMatch(in: bytes) { _ in any = true }
        return any
    }

    private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}

// MARK: - Construction

extension KeywordMatcher {
    /// Builds the DFA: a trie, failure links breadth first, then full transitions.
    private struct Trie {
        var transitions: [Int32] = []
        var outputStart: [Int32] = []
        var outputs: [Int32] = []

        init(words: [(bytes: [UInt8], value: Int32)], classOf: [UInt8], classCount: Int) {
            var children: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
            var values: [[Int32]] = [[]]
            for word in words {
                var state = 0
                for byte in word.bytes {
                    let symbol = Int(classOf[Int(byte)])
                    if children[state][symbol] < 0 {
                        children[state][symbol] = Int32(children.count)
                        children.append([Int32](repeating: -1, count: classCount))
                        values.append([])
                    }
                    state = Int(children[state][symbol])
                }
                if !values[state].contains(word.value) { values[state].append(word.value) }
            }
            var table = [Int32](repeating: 0, count: children.count * classCount)
            var failure = [Int](repeating: 0, count: children.count)
            var queue: [Int] = []
            for symbol in 0..<classCount {
                let child = children[0][symbol]
                table[symbol] = max(child, 0)
                if child > 0 { queue.append(Int(child)) }
            }
            var head = 0
            while head < queue.count {
                let state = queue[head]
                head += 1
                for value in values[failure[state]] where !values[state].contains(value) {
                    values[state].append(value)
                }
                for symbol in 0..<classCount {
                    let child = children[state][symbol]
                    let fallback = table[failure[state] * classCount + symbol]
                    if child >= 0 {
                        failure[Int(child)] = Int(fallback)
                        table[state * classCount + symbol] = child
                        queue.append(Int(child))
                    } else {
                        table[state * classCount + symbol] = fallback
                    }
                }
            }
            transitions = table
            outputStart.reserveCapacity(values.count + 1)
            for stateValues in values {
                outputStart.append(Int32(outputs.count))
                outputs.append(contentsOf: stateValues)
            }
            outputStart.append(Int32(outputs.count))
        }
    }
}
