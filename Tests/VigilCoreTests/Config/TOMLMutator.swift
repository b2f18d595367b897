import VigilTestSupport

/// Grammar-aware mutations of TOML text for the fuzz loops: TOML's own tokens, the characters
/// parsers trip on (controls, C1, bidirectional and Unicode spaces, lone carriage returns), deep
/// nesting, long keys and values, and plain random bytes, applied to seeds that are real files.
struct TOMLMutator {
    var generator: SeededGenerator

    /// Tokens of the TOML grammar, and values at the edges of what it allows.
    static let tokens: [String] = [
        "[", "]", "[[", "]]", "{", "}", "=", ",", ".", "#", "\n", "\r\n", " ", "\t", "\"", "'", "\"\"\"", "'''",
        "\\", "\\u0000", "\\U0010FFFF", "\\uD800", "\\x41", "\\e", "a.b.c", "\"k.k\"", "'k'", "x = ", "\n[t]\n",
        "\n[[t]]\n", "\n[[repos]]\npath = \"/x\"\n", "{ a = 1, b.c = [] }", "[1, [2, [3]]]", "true", "false",
        "inf", "-inf", "nan", "+nan", "0x7FFF_FFFF_FFFF_FFFF", "0o777", "0b101", "99999999999999999999999",
        "-9223372036854775809", "1e309", "1e-400", "0.1e+", "1__0", "_1", "1979-05-27T07:32:00Z",
        "1979-05-27T07:32:00.123456789123456789-07:00", "1979-05-27", "07:32:00", "00:00:60", "9999-99-99",
        "1979-02-30T24:61:61", "1979-05-27 07:32", "\"30s\"", "\"builtin\"", "'(?i)x'", "'''(unclosed'''",
        "\"\\\\\"", "\"\"", "''",
    ]

    /// Characters outside printable ASCII that parsers have treated as whitespace, breaks or nothing.
    static let hostileScalars: [Unicode.Scalar] = [
        "\u{00}", "\u{01}", "\u{08}", "\u{0B}", "\u{0C}", "\u{0D}", "\u{1B}", "\u{7F}", "\u{80}", "\u{85}",
        "\u{9F}", "\u{A0}", "\u{AD}", "\u{061C}", "\u{1680}", "\u{180E}", "\u{2000}", "\u{200B}", "\u{200E}",
        "\u{200F}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{202E}", "\u{202F}", "\u{205F}", "\u{2060}",
        "\u{2066}", "\u{2069}", "\u{3000}", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}", "\u{10FFFF}", "é", "🛡",
    ]

    init(generator: SeededGenerator) {
        self.generator = generator
    }

    /// One to four mutations of `seed`, sometimes spliced with a line of `other`. The text is edited
    /// as UTF-8 bytes, at character boundaries except where random bytes go in.
    mutating func mutate(_ seed: String, other: String) -> String {
        var bytes = Array(seed.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            var at = Int.random(in: 0...bytes.count, using: &generator)
            while at < bytes.count, bytes[at] & 0xC0 == 0x80 { at += 1 }
            switch Int.random(in: 0..<100, using: &generator) {
            case 0..<25:
                let scalar = Self.hostileScalars.randomElement(using: &generator) ?? "\u{85}"
                bytes.insert(contentsOf: String(scalar).utf8, at: at)
            case 25..<45:
                bytes.insert(contentsOf: (Self.tokens.randomElement(using: &generator) ?? "[").utf8, at: at)
            case 45..<55:
                var end = min(bytes.count, at + Int.random(in: 1...200, using: &generator))
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                bytes.removeSubrange(at..<end)
            case 55..<63:
                var end = min(bytes.count, at + Int.random(in: 1...400, using: &generator))
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                let copy = Array(bytes[at..<end])
                var to = Int.random(in: 0...bytes.count, using: &generator)
                while to < bytes.count, bytes[to] & 0xC0 == 0x80 { to += 1 }
                bytes.insert(contentsOf: copy, at: to)
            case 63..<73:
                bytes.insert(contentsOf: deepNesting().utf8, at: at)
            case 73..<78:
                let run = String(repeating: "k", count: Int.random(in: 500...3000, using: &generator))
                bytes.insert(contentsOf: (Bool.random(using: &generator) ? run : "\"\(run)\"").utf8, at: at)
            case 78..<83:
                let digits = String(repeating: "9", count: Int.random(in: 30...3000, using: &generator))
                bytes.insert(contentsOf: ("\nn = " + digits + "\n").utf8, at: at)
            case 83..<93:
                let lines = other.split(separator: "\n", omittingEmptySubsequences: false)
                let line = lines.randomElement(using: &generator).map(String.init) ?? ""
                bytes.insert(contentsOf: ("\n" + line + "\n").utf8, at: at)
            default:
                let count = Int.random(in: 1...16, using: &generator)
                bytes.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }, at: at)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Nested keys, headers, arrays or inline tables, mostly near the allowed depth, sometimes far past it.
    private mutating func deepNesting() -> String {
        let depth = Bool.random(using: &generator)
            ? Int.random(in: 50...80, using: &generator) : Int.random(in: 80...20_000, using: &generator)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: return "\n" + Array(repeating: "a", count: depth).joined(separator: ".") + " = 1\n"
        case 1: return "\n[" + Array(repeating: "'t'", count: depth).joined(separator: ".") + "]\n"
        case 2: return "\nx = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        case 3: return "\nx = " + String(repeating: "{a.b=", count: depth) + "1" + String(repeating: "}", count: depth)
        default: return "\nx = " + String(repeating: "[{a=", count: depth / 2) + "\n"
        }
    }
}
