/// Refuses TOML text that the C++ parser under TOMLKit (toml++ 3.4) must not see, before it sees it.
///
/// toml++ asserts (and so aborts the process) on some characters between tokens, such as U+0085
/// or U+000B before an array element, and recurses once per level of a dotted key or nested value,
/// so a key 100,000 levels deep overflows the stack. A config or rule file is operator input that a
/// daemon reloads on SIGHUP; a hostile or corrupt one must end in a problem with a line, never a
/// signal. The guard follows TOML's grammar only as far as it needs to tell strings, comments, keys
/// and values apart, and refuses:
/// - outside quoted strings and comments, any character but printable ASCII, space, tab and line
///   breaks (TOML allows nothing else there, so no valid document is refused);
/// - a carriage return not followed by a line feed, anywhere;
/// - in comments, control characters and the bidirectional controls that make text display
///   differently from what it says;
/// - keys and values nested deeper than `TOMLDocument.maximumDepth`, counting every part of a dotted
///   key, every table header part, array and inline table;
/// - keys longer than `maximumKeyBytes` and unquoted values (numbers, dates) longer than
///   `maximumScalarBytes`, which no setting needs and which only cost the parser time.
///
/// It keeps its own stack instead of recursing, so its own cost is one pass whatever the input.
enum TOMLInputGuard {
    /// The longest key, quoted or bare. Vigil's keys are short words; a rule id is a value.
    static let maximumKeyBytes = 1024

    /// The longest unquoted value: an integer with underscores needs under 40 bytes, a date-time 40.
    static let maximumScalarBytes = 256

    /// The first reason `text` may not be handed to toml++, as a syntax problem with its line.
    static func refusal(of text: String) -> ConfigProblem? {
        var scanner = TOMLGuardScanner(Array(text.utf8))
        do {
            try scanner.scanDocument()
            return nil
        } catch {
            return TOMLDocument.syntaxProblem(line: error.line, error.message)
        }
    }
}

/// Why the guard refused the text, and where.
struct TOMLGuardRefusal: Error {
    var line: Int
    var message: String
}

/// The single pass behind `TOMLInputGuard`: the same reading of the text toml++ makes, as far as
/// strings, comments, keys and nesting go. Where the text is not valid TOML it keeps going as best
/// it can, still checking characters: toml++ stops at the first syntax error, so what the guard
/// reads loosely there is never reached by toml++.
struct TOMLGuardScanner {
    private enum Frame {
        case array(depth: Int)
        case inlineTable(depth: Int)
    }

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0
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

    // MARK: - Strings

    /// Steps over a basic, literal or multi-line string that starts at the quote; returns its length
    /// in bytes. toml++ checks what strings hold; only a lone carriage return is refused here.
    private mutating func scanString() throws(TOMLGuardRefusal) -> Int {
        guard let quote = peek() else { return 0 }
        let multiLine = peek(1) == quote && peek(2) == quote
        position += multiLine ? 3 : 1
        let start = position
        while let byte = peek() {
            if byte == quote {
                if !multiLine {
                    position += 1
                    return position - start - 1
                }
                if peek(1) == quote, peek(2) == quote {
                    // Up to two quotes may sit right before the closing three.
                    var run = 3
                    while run < 5, peek(run) == quote { run += 1 }
                    position += run
                    return position - start - 3
                }
            }
            switch byte {
            case UInt8(ascii: "\n"):
                if !multiLine { return position - start }  // Unterminated: toml++ says so.
                newLine()
            case UInt8(ascii: "\r"):
                try checkCarriageReturn()
                position += 1
            case UInt8(ascii: "\\") where quote == UInt8(ascii: "\""):
                // The escaped character is skipped too, unless it is a line break to count.
                position += 1
                if let next = peek(), next != UInt8(ascii: "\n"), next != UInt8(ascii: "\r") { position += 1 }
            default:
                position += 1
            }
        }
        return position - start
    }

    // MARK: - Blanks, comments and the rest of a line

    /// Skips spaces, tabs and comments, and line breaks when `newlines` is set.
    private mutating func skipBlank(newlines: Bool) throws(TOMLGuardRefusal) {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                position += 1
            case UInt8(ascii: "\r") where newlines:
                try checkCarriageReturn()
                position += 1
            case UInt8(ascii: "\n") where newlines:
                newLine()
            case UInt8(ascii: "#"):
                try skipComment()
            default:
                return
            }
        }
    }

    /// Skips a comment up to its line break, refusing controls and bidirectional overrides in it.
    private mutating func skipComment() throws(TOMLGuardRefusal) {
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r") {
                try checkCarriageReturn()
                position += 1
                continue
            }
            let scalar = byte < 0x80 ? Unicode.Scalar(byte) : scalarHere()
            if let kind = Self.refusedInComments(scalar) {
                throw refusal("\(Self.name(scalar)) (\(kind)) in a comment", at: position)
            }
            position += UTF8.width(scalar)
        }
    }

    /// Whatever is left on a line after a header or a key and value: a comment, or stray text that
    /// toml++ will report. Strings in stray text are stepped over whole so their quotes do not
    /// confuse what follows.
    private mutating func skipRestOfLine() throws(TOMLGuardRefusal) {
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            switch byte {
            case UInt8(ascii: "#"):
                try skipComment()
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                _ = try scanString()
            case UInt8(ascii: "\r"):
                try checkCarriageReturn()
                position += 1
            default:
                try stepOver()
            }
        }
    }

    /// Checks the character at the position as one outside any string, and moves past it.
    private mutating func stepOver() throws(TOMLGuardRefusal) {
        try checkOutsideString()
        position += 1
    }

    // MARK: - Characters

    /// Refuses the character at the position unless TOML allows it outside strings and comments.
    private func checkOutsideString() throws(TOMLGuardRefusal) {
        guard let byte = peek() else { return }
        switch byte {
        case 0x20...0x7E, UInt8(ascii: "\t"), UInt8(ascii: "\n"):
            return
        case UInt8(ascii: "\r"):
            try checkCarriageReturn()
        default:
            let scalar = scalarHere()
            throw refusal(
                "\(Self.name(scalar)) (\(Self.kind(of: scalar))) outside a quoted string or comment, "
                    + "where TOML allows only printable ASCII, spaces, tabs and line breaks",
                at: position)
        }
    }

    private func checkCarriageReturn() throws(TOMLGuardRefusal) {
        guard peek(1) != UInt8(ascii: "\n") else { return }
        throw refusal("a carriage return (U+000D) not followed by a line feed", at: position)
    }

    /// Why `scalar` may not appear in a comment, or `nil`: TOML forbids controls there, and
    /// bidirectional controls can make a comment display as something it does not say.
    private static func refusedInComments(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x09: nil
        case 0x00...0x1F, 0x7F...0x9F: "a control character"
        case 0x2028, 0x2029: "a line or paragraph separator"
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: "a bidirectional text control"
        default: nil
        }
    }

    /// What kind of character `scalar` is, for a message.
    private static func kind(of scalar: Unicode.Scalar) -> String {
        if let kind = refusedInComments(scalar) { return kind }
        if scalar.properties.isWhitespace { return "a non-ASCII space or line break" }
        return "a non-ASCII character"
    }

    /// `U+0085`: how a character is named in a message, never written itself, so the message shows
    /// nothing a terminal would act on.
    private static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The Unicode scalar that starts at the position (the text is valid UTF-8, from a `String`).
    private func scalarHere() -> Unicode.Scalar {
        let end = min(position + 4, bytes.count)
        var iterator = bytes[position..<end].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return Unicode.Scalar(bytes[position])
    }

    // MARK: - Position

    private func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    private func isAtLineEnd() -> Bool {
        peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r")
    }

    private mutating func newLine() {
        position += 1
        line += 1
        lineStart = position
    }

    /// A refusal at byte `offset` of the current line, with the column counted in characters.
    private func refusal(_ message: String, at offset: Int) -> TOMLGuardRefusal {
        let start = min(lineStart, offset)
        let column = String(decoding: bytes[start..<offset], as: UTF8.self).unicodeScalars.count + 1
        return TOMLGuardRefusal(line: line, message: message + " (column \(column))")
    }
}
