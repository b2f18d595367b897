/// The line of every key, table header and array element in a TOML text, found by scanning it.
///
/// TOMLKit hands back values without positions, yet every config problem must name its line. The
/// locator runs after TOMLKit accepted the text, so it follows the grammar only as far as needed to
/// attribute lines; on anything unexpected it skips ahead rather than failing, because a missing
/// line number is better than a missing message. It keeps its own stack instead of recursing, so
/// no input can exhaust the call stack.
struct TOMLSourceMap: Sendable {
    /// First line that mentions each path; explicit headers and assignments win over implicit mentions.
    var lines: [TOMLPath: Int] = [:]
    /// Lines with a `\u0000` escape in a basic string: TOMLKit passes strings through C, which would
    /// silently cut such a string (or key) short.
    var nulEscapeLines: [Int] = []

    func line(of path: TOMLPath) -> Int? { lines[path] }
}

struct TOMLSourceLocator {
    private enum Frame {
        case array(path: TOMLPath, next: Int)
        case inlineTable(path: TOMLPath)
    }

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var map = TOMLSourceMap()
    /// Elements seen so far in each `[[array of tables]]`, by the array's resolved path.
    private var tableArrays: [TOMLPath: Int] = [:]
    private var stack: [Frame] = []

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// Scans `text` and returns where each path was written.
    static func locate(_ text: String) -> TOMLSourceMap {
        var locator = TOMLSourceLocator(text)
        locator.scanDocument()
        return locator.map
    }

    // MARK: - Document

    private mutating func scanDocument() {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        var current: TOMLPath = []
        while true {
            skipBlank(newlines: true)
            guard let byte = peek() else { return }
            if byte == UInt8(ascii: "[") {
                let isArray = peek(1) == UInt8(ascii: "[")
                position += isArray ? 2 : 1
                let headerLine = line
                let keys = scanKeyPath()
                current = isArray ? openTableArray(keys, line: headerLine) : openTable(keys, line: headerLine)
                skipToLineEnd()
            } else {
                let keys = scanKeyPath()
                skipBlank(newlines: false)
                guard !keys.isEmpty, peek() == UInt8(ascii: "=") else {
                    skipToLineEnd()
                    continue
                }
                position += 1
                let path = assign(keys, under: current)
                scanValue(at: path)
                skipToLineEnd()
            }
        }
    }

    /// `[a.b.c]`: later keys go into the table `a.b.c` (inside the newest element of any array of tables).
    private mutating func openTable(_ keys: [String], line: Int) -> TOMLPath {
        let path = resolveHeader(keys)
        if !path.isEmpty { map.lines[path] = line }
        return path
    }

    /// `[[a.b]]`: appends a table to the array `a.b`; later keys go into that new element.
    private mutating func openTableArray(_ keys: [String], line: Int) -> TOMLPath {
        var path = resolveHeader(keys)
        guard !path.isEmpty else { return path }
        let index = tableArrays[path, default: 0]
        tableArrays[path] = index + 1
        path.append(.index(index))
        map.lines[path] = line
        return path
    }

    /// Paths longer than this are not followed: `TOMLDocument` refuses such depth anyway, and hashing
    /// ever longer paths would make a hostile ten-thousand-part key cost quadratic time.
    private static let maximumPathLength = TOMLDocument.maximumDepth * 2 + 8

    /// The path a header names, stepping into the newest element wherever a prefix is an array of tables.
    private mutating func resolveHeader(_ keys: [String]) -> TOMLPath {
        var path: TOMLPath = []
        for (offset, key) in keys.prefix(Self.maximumPathLength).enumerated() {
            path.append(.key(key))
            if map.lines[path] == nil { map.lines[path] = line }
            if offset < keys.count - 1, let count = tableArrays[path], count > 0 {
                path.append(.index(count - 1))
            }
        }
        return path
    }

    /// `a.b.c = …` under `table`: records the intermediate tables the dotted key creates, and the key.
    private mutating func assign(_ keys: [String], under table: TOMLPath) -> TOMLPath {
        var path = table
        for (offset, key) in keys.enumerated() {
            guard path.count < Self.maximumPathLength else { break }
            path.append(.key(key))
            if offset == keys.count - 1 || map.lines[path] == nil { map.lines[path] = line }
        }
        return path
    }

    // MARK: - Values

    /// Skips one value, recording the line of every array element and inline-table key inside it.
    private mutating func scanValue(at path: TOMLPath) {
        skipBlank(newlines: false)
        beginValue(at: path)
        while let frame = stack.last {
            skipBlank(newlines: true)
            guard let byte = peek() else {
                stack.removeAll()
                return
            }
            switch frame {
            case .array(let arrayPath, let next):
                if byte == UInt8(ascii: "]") {
                    position += 1
                    stack.removeLast()
                } else if byte == UInt8(ascii: ",") {
                    position += 1
                } else {
                    stack[stack.count - 1] = .array(path: arrayPath, next: next + 1)
                    guard arrayPath.count < Self.maximumPathLength else {
                        beginValue(at: arrayPath)
                        continue
                    }
                    let element = arrayPath + [.index(next)]
                    map.lines[element] = line
                    beginValue(at: element)
                }
            case .inlineTable(let tablePath):
                if byte == UInt8(ascii: "}") {
                    position += 1
                    stack.removeLast()
                } else if byte == UInt8(ascii: ",") {
                    position += 1
                } else {
                    let start = position
                    let keys = scanKeyPath()
                    skipBlank(newlines: false)
                    if !keys.isEmpty, peek() == UInt8(ascii: "=") {
                        position += 1
                        skipBlank(newlines: false)
                        beginValue(at: assign(keys, under: tablePath))
                    } else if position == start {
                        position += 1  // Not a key: step over it so the scan always moves on.
                    }
                }
            }
        }
    }

    /// Opens an array or inline table (pushing a frame), or skips a string or other scalar.
    private mutating func beginValue(at path: TOMLPath) {
        guard let byte = peek() else { return }
        switch byte {
        case UInt8(ascii: "["):
            position += 1
            stack.append(.array(path: path, next: 0))
        case UInt8(ascii: "{"):
            position += 1
            stack.append(.inlineTable(path: path))
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            _ = scanString()
        default:
            // Numbers, booleans, dates (which may hold a space): up to the next delimiter.
            let start = position
            while let next = peek(), !Self.scalarEnd.contains(next) { position += 1 }
            if position == start, !isAtLineEnd() { position += 1 }
        }
    }

    private static let scalarEnd: Set<UInt8> = [
        UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "\n"),
        UInt8(ascii: "\r"),
    ]

    // MARK: - Keys

    /// `a."b.c".'d'` → `["a", "b.c", "d"]`; empty when no key starts here.
    private mutating func scanKeyPath() -> [String] {
        var keys: [String] = []
        while true {
            skipBlank(newlines: false)
            guard let byte = peek() else { return keys }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                keys.append(scanString())
            } else {
                let start = position
                while let next = peek(), !Self.bareKeyEnd.contains(next) { position += 1 }
                guard position > start else { return keys }
                keys.append(String(decoding: bytes[start..<position], as: UTF8.self))
            }
            skipBlank(newlines: false)
            guard peek() == UInt8(ascii: ".") else { return keys }
            position += 1
        }
    }

    private static let bareKeyEnd: Set<UInt8> = [
        UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "."), UInt8(ascii: "="), UInt8(ascii: "]"),
        UInt8(ascii: "["), UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "{"), UInt8(ascii: "}"),
        UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
    ]

    // MARK: - Strings

    /// Scans a basic, literal or multi-line string starting at the quote and returns its decoded text
    /// (used for quoted keys; for values the text is dropped).
    private mutating func scanString() -> String {
        guard let quote = peek() else { return "" }
        let multiLine = peek(1) == quote && peek(2) == quote
        position += multiLine ? 3 : 1
        var text: [UInt8] = []
        while let byte = peek() {
            if byte == quote {
                if !multiLine {
                    position += 1
                    break
                }
                if peek(1) == quote, peek(2) == quote {
                    // Up to two quotes may sit right before the closing three.
                    var run = 3
                    while run < 5, peek(run) == quote { run += 1 }
                    text.append(contentsOf: repeatElement(quote, count: run - 3))
                    position += run
                    break
                }
            }
            if byte == UInt8(ascii: "\n") {
                if !multiLine { break }  // Unterminated: TOMLKit reports it; stop at the line end.
                line += 1
            }
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                scanEscape(into: &text, multiLine: multiLine)
                continue
            }
            text.append(byte)
            position += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// One backslash escape in a basic string, decoded into `text`.
    private mutating func scanEscape(into text: inout [UInt8], multiLine: Bool) {
        position += 1
        guard let letter = peek() else { return }
        position += 1
        switch letter {
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "e"): text.append(0x1B)
        case UInt8(ascii: "u"), UInt8(ascii: "U"), UInt8(ascii: "x"):
            let width = letter == UInt8(ascii: "u") ? 4 : letter == UInt8(ascii: "U") ? 8 : 2
            let end = min(position + width, bytes.count)
            let digits = String(decoding: bytes[position..<end], as: UTF8.self)
            position = end
            guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else { return }
            if value == 0 { map.nulEscapeLines.append(line) }
            text.append(contentsOf: Array(String(scalar).utf8))
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            // A line-ending backslash in a multi-line string trims the break and the blanks after it.
            guard multiLine else {
                if letter == UInt8(ascii: "\n") { line += 1 }
                text.append(letter)
                return
            }
            position -= 1
            while let next = peek(),
                next == UInt8(ascii: " ") || next == UInt8(ascii: "\t")
                    || next == UInt8(ascii: "\r") || next == UInt8(ascii: "\n")
            {
                if next == UInt8(ascii: "\n") { line += 1 }
                position += 1
            }
        default:
            text.append(letter)
        }
    }

    // MARK: - Blanks

    private func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    private func isAtLineEnd() -> Bool {
        peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r")
    }

    /// Skips spaces, tabs and comments, and line breaks when `newlines` is set.
    private mutating func skipBlank(newlines: Bool) {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n") where newlines:
                position += 1
                line += 1
            case UInt8(ascii: "#"):
                while let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
            default:
                return
            }
        }
    }

    /// Skips whatever is left on the current line (a comment, stray text) up to the line break.
    private mutating func skipToLineEnd() {
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "#") {
                skipBlank(newlines: false)
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                _ = scanString()
            } else {
                position += 1
            }
        }
    }
}
