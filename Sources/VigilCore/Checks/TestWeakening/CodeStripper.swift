import VigilGit

/// The comment and string syntax of a language, as far as telling code from text needs.
struct CodeSyntax: Sendable {
    /// Line comment openers, e.g. `//` or `#`.
    var lineComments: [[UInt8]]
    /// Block comment delimiters, e.g. `/*` and `*/`.
    var blockComment: (open: [UInt8], close: [UInt8])?
    /// Quotes that open a string ending on the same line.
    var quotes: [UInt8]
    /// Delimiters of strings that may span lines (`"""`, `'''`, a backtick).
    var multiLineQuotes: [[UInt8]]
    /// Ruby's `=begin` … `=end` comments, which must start a line.
    var beginEndComments = false

    static let cLike = CodeSyntax(
        lineComments: [Array("//".utf8)], blockComment: (Array("/*".utf8), Array("*/".utf8)),
        quotes: [UInt8(ascii: "\"")], multiLineQuotes: []
    )
}

/// Turns source lines into their code alone: comments dropped, string contents removed (the
/// quotes stay), so that `print("skip this")` reads as `print("")` and `// it.skip(` as nothing.
///
/// Comment and string state carries from one line to the next while line numbers are consecutive;
/// at a gap (another hunk) the stripper starts again in code, as it cannot see what lies between.
/// It is a lexer only, not a parser: good enough to keep markers in text from counting as code.
struct CodeStripper {
    private enum State {
        case code
        case blockComment
        case string(close: [UInt8])
    }

    let syntax: CodeSyntax
    /// Bytes of a line looked at; the rest of a longer line is ignored.
    let limit: Int
    private var state = State.code
    private var lastLine: Int?

    init(_ syntax: CodeSyntax, limit: Int) {
        self.syntax = syntax
        self.limit = limit
    }

    /// The code in `line`, which must come after the previously stripped line of the same side.
    mutating func code(_ line: DiffLine) -> String {
        if let lastLine, line.number != lastLine + 1 { state = .code }
        lastLine = line.number
        let bytes = Array(line.text.utf8.prefix(limit))
        if syntax.beginEndComments {
            if case .blockComment = state {
                if bytes.starts(with: Array("=end".utf8)) { state = .code }
                return ""
            }
            if bytes.starts(with: Array("=begin".utf8)) {
                state = .blockComment
                return ""
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            switch state {
            case .blockComment:
                guard let close = syntax.blockComment?.close, let end = CodeStripper.find(close, in: bytes, from: index)
                else { return String(decoding: output, as: UTF8.self) }
                index = end + close.count
                state = .code
            case .string(let close):
                guard let end = CodeStripper.findClosing(close, in: bytes, from: index) else {
                    return String(decoding: output, as: UTF8.self)
                }
                output += close
                index = end + close.count
                state = .code
            case .code:
                index = stepCode(bytes, at: index, into: &output)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Handles one position in code; returns where to continue (the end of the line to stop).
    private mutating func stepCode(_ bytes: [UInt8], at index: Int, into output: inout [UInt8]) -> Int {
        for opener in syntax.lineComments where CodeStripper.has(opener, in: bytes, at: index) {
            return bytes.count
        }
        if let block = syntax.blockComment, CodeStripper.has(block.open, in: bytes, at: index) {
            state = .blockComment
            return index + block.open.count
        }
        for delimiter in syntax.multiLineQuotes where CodeStripper.has(delimiter, in: bytes, at: index) {
            output += delimiter
            state = .string(close: delimiter)
            return index + delimiter.count
        }
        let byte = bytes[index]
        guard syntax.quotes.contains(byte) else {
            output.append(byte)
            return index + 1
        }
        output.append(byte)
        // A string that does not close on its line ends with the line.
        guard let end = CodeStripper.findClosing([byte], in: bytes, from: index + 1) else { return bytes.count }
        output.append(byte)
        return end + 1
    }

    private static func has(_ pattern: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count, bytes[index] == pattern[0] else { return false }
        for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + pattern.count <= bytes.count {
            if has(pattern, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Where `close` ends a string, skipping backslash escapes.
    private static func findClosing(_ close: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + close.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if has(close, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }
}
