/// The lexical half of `TOMLGuardScanner`: strings, comments, blanks, and which characters may
/// stand where.
extension TOMLGuardScanner {
    // MARK: - Strings

    /// Steps over a basic, literal or multi-line string that starts at the quote; returns its length
    /// in bytes. toml++ checks what strings hold; only a lone carriage return is refused here.
    mutating func scanString() throws(TOMLGuardRefusal) -> Int {
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
    mutating func skipBlank(newlines: Bool) throws(TOMLGuardRefusal) {
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
    mutating func skipComment() throws(TOMLGuardRefusal) {
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
    mutating func skipRestOfLine() throws(TOMLGuardRefusal) {
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
    mutating func stepOver() throws(TOMLGuardRefusal) {
        try checkOutsideString()
        position += 1
    }

    // MARK: - Characters

    /// Refuses the character at the position unless TOML allows it outside strings and comments.
    func checkOutsideString() throws(TOMLGuardRefusal) {
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

    func checkCarriageReturn() throws(TOMLGuardRefusal) {
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
}
