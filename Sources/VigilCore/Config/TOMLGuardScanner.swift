/// The single pass behind `TOMLInputGuard`: the same reading of the text toml++ makes, as far as
/// strings, comments, keys and nesting go. Where the text is not valid TOML it keeps going as best
/// it can, still checking characters: toml++ stops at the first syntax error, so what the guard
/// reads loosely there is never reached by toml++.
struct TOMLGuardScanner {
    private enum Frame {
        case array(depth: Int)
        case inlineTable(depth: Int)
    }

    let bytes: [UInt8]
    var position = 0
    var line = 1
    /// Where the current line starts, for columns in messages.
    var lineStart = 0
    private var stack: [Frame] = []

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: - Document

    mutating func scanDocument() throws(TOMLGuardRefusal) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        var tableDepth = 0
        while true {
            try skipBlank(newlines: true)
            guard let byte = peek() else { return }
            if byte == UInt8(ascii: "[") {
                let isArray = peek(1) == UInt8(ascii: "[")
                position += isArray ? 2 : 1
                let parts = try scanKey(required: true)
                tableDepth = parts + (isArray ? 1 : 0)
                try checkDepth(tableDepth)
            } else {
                let parts = try scanKey()
                try skipBlank(newlines: false)
                if parts > 0, peek() == UInt8(ascii: "=") {
                    position += 1
                    try scanValue(depth: tableDepth + parts)
                }
            }
            try skipRestOfLine()
        }
    }

    // MARK: - Values

    /// One value after `=`, with every array and inline table inside it.
    private mutating func scanValue(depth: Int) throws(TOMLGuardRefusal) {
        try skipBlank(newlines: false)
        try beginValue(depth: depth)
        while let frame = stack.last {
            try skipBlank(newlines: true)
            guard let byte = peek() else {
                stack.removeAll()  // Unterminated: toml++ says so.
                return
            }
            if byte == UInt8(ascii: ",") {
                position += 1
                continue
            }
            switch frame {
            case .array(let arrayDepth):
                if byte == UInt8(ascii: "]") {
                    position += 1
                    stack.removeLast()
                } else if Self.startsValue(byte) {
                    try beginValue(depth: arrayDepth + 1)
                } else {
                    try checkOutsideString()
                    throw refusal("expected a value, \",\" or \"]\" in an array", at: position)
                }
            case .inlineTable(let tableDepth):
                if byte == UInt8(ascii: "}") {
                    position += 1
                    stack.removeLast()
                    continue
                }
                let start = position
                let parts = try scanKey()
                try skipBlank(newlines: false)
                if parts > 0, peek() == UInt8(ascii: "=") {
                    position += 1
                    try skipBlank(newlines: false)
                    try beginValue(depth: tableDepth + parts)
                } else if position == start {
                    try stepOver()  // Not a key: check the character and move on.
                }
            }
        }
    }

    /// Opens an array or inline table, or reads a string or an unquoted value (number, bool, date).
    private mutating func beginValue(depth: Int) throws(TOMLGuardRefusal) {
        try checkDepth(depth)
        guard let byte = peek() else { return }
        switch byte {
        case UInt8(ascii: "["):
            position += 1
            stack.append(.array(depth: depth))
        case UInt8(ascii: "{"):
            position += 1
            stack.append(.inlineTable(depth: depth))
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            _ = try scanString()
        default:
            let start = position
            while let next = peek(), !Self.endsScalar(next) {
                try checkOutsideString()
                position += 1
            }
            if position - start > TOMLInputGuard.maximumScalarBytes {
                throw refusal(
                    "an unquoted value of \(position - start) bytes, more than the "
                        + "\(TOMLInputGuard.maximumScalarBytes) allowed (numbers and dates are short; quote text)",
                    at: start)
            }
            if position == start, !isAtLineEnd() { try stepOver() }
        }
    }

    /// Where an unquoted value ends: a delimiter, a blank, a comment, a line break or a quote.
    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "\n"),
            UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "["), UInt8(ascii: "{"),
            UInt8(ascii: "\""), UInt8(ascii: "'"):
            true
        default:
            false
        }
    }

    // MARK: - Keys

    /// A dotted key (`a."b.c".'d'`), returning how many parts it has; 0 when no key starts here.
    /// A key must follow a dot, and a table header's `[` when `required`: toml++ asserts there
    /// instead of reporting.
    private mutating func scanKey(required: Bool = false) throws(TOMLGuardRefusal) -> Int {
        var parts = 0
        while true {
            try skipBlank(newlines: false)
            if required || parts > 0, !(peek().map(Self.startsKey) ?? false) {
                if peek() != nil { try checkOutsideString() }
                let expected = parts > 0 ? "expected a key after \".\"" : "expected a table name after \"[\""
                throw refusal(expected, at: position)
            }
            guard let byte = peek() else { return parts }
            let start = position
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                _ = try scanString()
            } else {
                while let next = peek(), !Self.endsBareKey(next) {
                    try checkOutsideString()
                    position += 1
                }
                guard position > start else { return parts }
            }
            if position - start > TOMLInputGuard.maximumKeyBytes {
                throw refusal(
                    "a key of \(position - start) bytes, more than the \(TOMLInputGuard.maximumKeyBytes) allowed",
                    at: start)
            }
            parts += 1
            try checkDepth(parts)
            try skipBlank(newlines: false)
            guard peek() == UInt8(ascii: ".") else { return parts }
            position += 1
        }
    }

    /// Where a bare key ends; the key's own characters are checked as it is read.
    private static func endsBareKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "."), UInt8(ascii: "="), UInt8(ascii: "]"),
            UInt8(ascii: "["), UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            true
        default:
            false
        }
    }

    /// A bare key's characters (`A-Z a-z 0-9 _ -`) and the quotes of a quoted one.
    private static func startsKey(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""),
            UInt8(ascii: "'"):
            true
        default:
            false
        }
    }

    /// What a value may start with: a quote, a bracket or brace, a sign, a digit, a letter (`true`,
    /// `inf`), or `.` and `_`, which toml++ reports itself.
    private static func startsValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "{"):
            true
        default:
            startsKey(byte)
        }
    }

    private func checkDepth(_ depth: Int) throws(TOMLGuardRefusal) {
        guard depth > TOMLDocument.maximumDepth else { return }
        throw refusal(
            "keys and values nested more than \(TOMLDocument.maximumDepth) levels deep "
                + "(counting every part of a dotted key, table header, array and inline table)",
            at: position)
    }

    // MARK: - Position

    func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    func isAtLineEnd() -> Bool {
        peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r")
    }

    mutating func newLine() {
        position += 1
        line += 1
        lineStart = position
    }

    /// A refusal at byte `offset` of the current line, with the column counted in characters.
    func refusal(_ message: String, at offset: Int) -> TOMLGuardRefusal {
        let start = min(lineStart, offset)
        let column = String(decoding: bytes[start..<offset], as: UTF8.self).unicodeScalars.count + 1
        return TOMLGuardRefusal(line: line, message: message + " (column \(column))")
    }
}
