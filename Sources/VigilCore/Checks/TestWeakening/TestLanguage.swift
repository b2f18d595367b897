/// A language whose tests `test-weakening` understands: how to tell code from text, what an
/// assertion looks like, and what switches a test off.
enum TestLanguage: String, Sendable, CaseIterable {
    case swift, python, javascript, go, jvm, ruby, rust

    /// The language of a file, from its extension.
    init?(path: String) {
        let name = path.split(separator: "/").last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...] {
        case "swift": self = .swift
        case "py": self = .python
        case "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts": self = .javascript
        case "go": self = .go
        case "java", "kt", "kts", "groovy", "scala": self = .jvm
        case "rb": self = .ruby
        case "rs": self = .rust
        default: return nil
        }
    }

    /// True when the language's skip markers exist only in test code, so every file of the language
    /// is checked for them: Rust keeps unit tests in the source file they test.
    var markersAreTestOnly: Bool { self == .rust }

    var syntax: CodeSyntax {
        let hash = [Array("#".utf8)]
        let double = UInt8(ascii: "\"")
        let single = UInt8(ascii: "'")
        let backtick = UInt8(ascii: "`")
        switch self {
        case .swift:
            var syntax = CodeSyntax.cLike
            syntax.multiLineQuotes = [Array("\"\"\"".utf8)]
            return syntax
        case .python:
            return CodeSyntax(
                lineComments: hash, blockComment: nil, quotes: [double, single],
                multiLineQuotes: [Array("\"\"\"".utf8), Array("'''".utf8)]
            )
        case .javascript:
            var syntax = CodeSyntax.cLike
            syntax.quotes = [double, single]
            syntax.multiLineQuotes = [[backtick]]
            return syntax
        case .go:
            var syntax = CodeSyntax.cLike
            syntax.quotes = [double, single]
            syntax.multiLineQuotes = [[backtick]]
            return syntax
        case .jvm:
            var syntax = CodeSyntax.cLike
            syntax.quotes = [double, single]
            syntax.multiLineQuotes = [Array("\"\"\"".utf8)]
            return syntax
        case .ruby:
            var syntax = CodeSyntax(
                lineComments: hash, blockComment: nil, quotes: [double, single], multiLineQuotes: []
            )
            syntax.beginEndComments = true
            return syntax
        case .rust:
            // `'` is not a quote: it also opens lifetimes (`'a`), which never close.
            return CodeSyntax.cLike
        }
    }

    /// Patterns over stripped code; see `TestPatterns`.
    var patterns: TestPatterns {
        switch self {
        case .swift: TestPatterns.swift
        case .python: TestPatterns.python
        case .javascript: TestPatterns.javascript
        case .go: TestPatterns.go
        case .jvm: TestPatterns.jvm
        case .ruby: TestPatterns.ruby
        case .rust: TestPatterns.rust
        }
    }
}

/// A language's assertion and skip-marker regexes, compiled once per process.
struct TestPatterns: Sendable {
    /// Matches a line that asserts something.
    let assertion: Regex?
    /// Matches a marker that skips, focuses (`.only`, which skips every other test) or disables a test.
    let marker: Regex?

    private init(assertion: String, marker: String) {
        self.assertion = try? Regex(assertion)
        self.marker = try? Regex(marker)
    }

    static let swift = TestPatterns(
        assertion: #"\bXCT(?:Assert\w*|Fail|Unwrap)\s*\(|#(?:expect|require)\b"#,
        marker: #"\bXCTSkip(?:If|Unless)?\b|@(?:Test|Suite)\b.*?\.disabled\b"#
            + #"|^\s*\.disabled\s*\(\s*(?:"|\)|if:)|\bfunc\s+(?:(?i:disabled)_?|x|_+)[Tt]est\w*\s*\("#
    )

    static let python = TestPatterns(
        assertion: #"^\s*assert\b|\bself\.(?:assert\w*|fail\w*)\s*\(|\bpytest\.(?:raises|fail|approx|warns)\b"#
            + #"|\.assert_\w+\s*\("#,
        marker: #"\bpytest\.mark\.(?:skip|skipif|xfail)\b|@(?:unittest\.)?(?:skip|skipIf|skipUnless|expectedFailure)\b"#
            + #"|\bpytest\.(?:skip|xfail)\s*\(|\bself\.skipTest\s*\(|\braise\s+(?:unittest\.)?SkipTest\b"#
    )

    static let javascript = TestPatterns(
        assertion: #"\bexpect(?:TypeOf)?\s*\(|\bassert(?:\.\w+)?\s*\(|\.should\b|\bshould\.\w+"#
            + #"|\bt\.(?:is|not|deepEqual|notDeepEqual|true|false|truthy|falsy|throws\w*|assert|regex)\s*\("#,
        marker: #"\b(?:it|test|describe|context|suite|specify|bench)(?:\.\w+)*\.(?:skip\w*|only|todo|fixme)\b"#
            + #"|(?<![\w.$])(?:xit|xtest|xdescribe|xcontext|xspecify|fit|fdescribe|fcontext)\s*\("#
            + #"|\bthis\.skip\s*\("#
    )

    static let go = TestPatterns(
        assertion: #"(?:\b(?:t|b|tb|f)|\bT\(\))\.(?:Errorf?|Fatalf?|Fail|FailNow)\s*\(|\b(?:assert|require)\.\w+\s*\("#
            + #"|\bExpect\s*\("#,
        marker: #"\.Skip(?:f|Now)?\s*\("#
    )

    static let jvm = TestPatterns(
        assertion: #"\bassert\w*\s*\(|^\s*assert\s|\b(?:Assert|Assertions)\.\w+\s*\(|\bfail\s*\(|\bverify\s*\("#
            + #"|(?<=\s)should[A-Z]\w*(?=\s)|\bshouldThrow\w*\s*<|\bexpect\s*\("#,
        marker: #"@(?:Disabled\w*|Ignore|Ignored)\b"#
    )

    static let ruby = TestPatterns(
        assertion: #"\bexpect\s*[({]|\bassert\w*\b|\brefute\w*\b|\.should(?:_not)?\b|\bmust_\w+|\bwont_\w+"#
            + #"|\bis_expected\b"#,
        marker: #"^\s*(?:skip|pending)\b(?!\s*[:=])|\b(?:xit|xdescribe|xcontext|xspecify|xscenario|fit|fdescribe"#
            + #"|fcontext)\b|\bskip:\s*+(?!false\b|nil\b)|(?<!\w):skip\b"#
    )

    static let rust = TestPatterns(
        assertion: #"\b(?:debug_)?assert(?:_eq|_ne|_matches)?!"#,
        marker: #"#\[ignore\b|#\[cfg_attr\s*\(.*,\s*ignore\b"#
    )
}
