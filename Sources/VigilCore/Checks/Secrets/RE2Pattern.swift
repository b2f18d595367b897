/// Go RE2 patterns, the syntax of gitleaks rule files, made ready for PCRE2.
///
/// PCRE2 reads nearly every RE2 pattern the same way (all patterns in gitleaks' default rule file
/// compile unchanged). The differences it does have are rewritten here:
/// - `\v` is a vertical tab in RE2 but any vertical whitespace in PCRE2: becomes `\x0B`.
/// - `\C` is "any byte" in RE2; PCRE2's `\C` can split a UTF-8 character: becomes `(?s:.)`.
/// - `x{,3}` is literal text in RE2 but a quantifier in PCRE2 10.43 and later: the `{` is escaped.
/// Differences left alone, because they cannot change a single-line match: RE2's `$` (without
/// `(?m)`) never matches before a final newline, and `\s` in RE2 does not include `\v`.
enum RE2Pattern {
    /// Compiles an RE2 pattern with PCRE2. An over-long pattern is refused before it is rewritten.
    static func compile(_ pattern: String) throws(RegexError) -> Regex {
        try RegexLimits.checkLength(pattern)
        return try Regex(translate(pattern))
    }

    static func translate(_ pattern: String) -> String {
        var output = String.UnicodeScalarView()
        var scanner = Scanner(pattern)
        while let token = scanner.next() {
            switch token {
            case .escape("v"):
                output.append(contentsOf: #"\x0B"#.unicodeScalars)
            case .escape("C") where !scanner.inClass:
                output.append(contentsOf: "(?s:.)".unicodeScalars)
            case .literal("{") where !scanner.inClass && scanner.peek == ",":
                output.append(contentsOf: #"\{"#.unicodeScalars)
            default:
                output.append(contentsOf: token.text)
            }
        }
        return String(output)
    }

    /// True when the pattern explicitly matches across line ends: `\n`, `\r`, `(?s)`, or a class
    /// such as `[\s\S]`. Such a rule is run over each run of consecutive added lines (a private
    /// key block) instead of line by line. `\s` or `[^x]` alone do not count: they reach past a line
    /// end only by accident, and scanning line by line keeps the common case fast.
    static func spansLines(_ pattern: String) -> Bool {
        var scanner = Scanner(pattern)
        var classEscapes: Set<Unicode.Scalar> = []
        while let token = scanner.next() {
            switch token {
            case .escape(let letter):
                if letter == "n" || letter == "r" { return true }
                if letter == "x", scanner.hexEscapeIsLineEnd() { return true }
                if scanner.inClass { classEscapes.insert(letter) }
            case .flags(let on, _):
                if on.contains("s") { return true }
            case .classEnd:
                let opposites: [(Unicode.Scalar, Unicode.Scalar)] = [("s", "S"), ("d", "D"), ("w", "W")]
                if opposites.contains(where: { classEscapes.contains($0.0) && classEscapes.contains($0.1) }) {
                    return true
                }
                classEscapes = []
            case .literal, .quoted:
                break
            }
        }
        return false
    }
}

// MARK: - Scanner

extension RE2Pattern {
    enum Token {
        /// A backslash and the letter after it.
        case escape(Unicode.Scalar)
        /// `(?flags` or `(?flags:`: the flags switched on (those before any `-`).
        case flags(on: String, text: [Unicode.Scalar])
        /// The `]` closing a character class.
        case classEnd
        /// `\Q…\E`, copied whole.
        case quoted([Unicode.Scalar])
        case literal(Unicode.Scalar)

        var text: [Unicode.Scalar] {
            switch self {
            case .escape(let letter): ["\\", letter]
            case .flags(_, let text): text
            case .classEnd: ["]"]
            case .quoted(let text): text
            case .literal(let scalar): [scalar]
            }
        }
    }

    /// Splits a pattern into the tokens the rewrites care about, tracking character classes.
    struct Scanner {
        private let scalars: [Unicode.Scalar]
        private var index = 0
        private(set) var inClass = false
        /// Index of the current class's first member, where `]` is a literal.
        private var classStart = 0

        init(_ pattern: String) { scalars = Array(pattern.unicodeScalars) }

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func next() -> Token? {
            guard index < scalars.count else { return nil }
            let scalar = scalars[index]
            index += 1
            if scalar == "\\", index < scalars.count {
                let letter = scalars[index]
                index += 1
                if letter == "Q" { return quoted() }
                return .escape(letter)
            }
            if inClass {
                if scalar == "[", peek == ":", let end = posixClassEnd() {
                    let text = Array(scalars[(index - 1)..<end])
                    index = end
                    return .quoted(text)
                }
                if scalar == "]", index - 1 > classStart {
                    inClass = false
                    return .classEnd
                }
                return .literal(scalar)
            }
            if scalar == "[" {
                inClass = true
                if peek == "^" { index += 1 }
                classStart = index
                let opening: [Unicode.Scalar] = scalars[index - 1] == "^" ? ["[", "^"] : ["["]
                return .quoted(opening)
            }
            if scalar == "(", peek == "?" { return flags() }
            return .literal(scalar)
        }

        /// After `\x`: whether the escape names a line feed or carriage return.
        func hexEscapeIsLineEnd() -> Bool {
            var digits = ""
            var cursor = index
            if cursor < scalars.count, scalars[cursor] == "{" {
                cursor += 1
                while cursor < scalars.count, scalars[cursor] != "}" {
                    digits.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
            } else {
                while cursor < scalars.count, cursor < index + 2 {
                    digits.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
            }
            guard let value = UInt32(digits, radix: 16) else { return false }
            return value == 0x0A || value == 0x0D
        }

        private mutating func quoted() -> Token {
            var end = index
            while end + 1 < scalars.count, !(scalars[end] == "\\" && scalars[end + 1] == "E") { end += 1 }
            let stop = end + 1 < scalars.count ? end + 2 : scalars.count
            let text = Array(scalars[(index - 2)..<stop])
            index = stop
            return .quoted(text)
        }

        private func posixClassEnd() -> Int? {
            var cursor = index + 1
            while cursor + 1 < scalars.count {
                if scalars[cursor] == ":", scalars[cursor + 1] == "]" { return cursor + 2 }
                if scalars[cursor] == "]" { return nil }
                cursor += 1
            }
            return nil
        }

        private mutating func flags() -> Token {
            let start = index - 1
            var cursor = index + 1
            var on = ""
            var negated = false
            while cursor < scalars.count, "imsUx-".unicodeScalars.contains(scalars[cursor]) {
                let flag = scalars[cursor]
                if flag == "-" { negated = true } else if !negated { on.unicodeScalars.append(flag) }
                cursor += 1
            }
            // `(?P<name>…)`, `(?=…)` and the like are groups, not flags.
            if cursor >= scalars.count || (scalars[cursor] != ")" && scalars[cursor] != ":") { on = "" }
            // Only the `(?` is consumed: the flags are letters, and `:` or `)` follow as literals.
            index += 1
            return .flags(on: on, text: Array(scalars[start..<(start + 2)]))
        }
    }
}
