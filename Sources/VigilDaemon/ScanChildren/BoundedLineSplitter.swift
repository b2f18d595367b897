/// Splits a byte stream into lines of at most `maximumLength` bytes (without the line break). A
/// longer line is reported once and ends the splitting: a child that writes one has broken the
/// protocol, and holding its line would let it fill the daemon's memory.
struct BoundedLineSplitter: Sendable {
    enum Piece: Sendable, Hashable {
        case line([UInt8])
        case tooLong
    }

    let maximumLength: Int
    private var partial: [UInt8] = []
    private(set) var overflowed = false

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    /// The complete lines in `chunk`, after the partial line left by the previous chunk.
    mutating func split(_ chunk: some Collection<UInt8>) -> [Piece] {
        guard !overflowed else { return [] }
        var pieces: [Piece] = []
        var rest = chunk[...]
        while let newline = rest.firstIndex(of: 0x0A) {
            partial.append(contentsOf: rest[..<newline])
            guard partial.count <= maximumLength else { return pieces + overflow() }
            pieces.append(.line(partial))
            partial.removeAll(keepingCapacity: true)
            rest = rest[rest.index(after: newline)...]
        }
        partial.append(contentsOf: rest)
        return partial.count > maximumLength ? pieces + overflow() : pieces
    }

    private mutating func overflow() -> [Piece] {
        overflowed = true
        partial = []
        return [.tooLong]
    }
}
