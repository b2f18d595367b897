import Testing

@testable import VigilCore

/// Text the C++ TOML parser must not see is refused first, with a line and a message that names
/// the character instead of writing it; valid TOML passes untouched.
@Suite struct TOMLInputGuardTests {
    /// The one problem `text` gets, which must be the guard's syntax problem.
    private func refusal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigProblem? {
        let problems = configProblems(text)
        #expect(problems.count == 1, "\(text.debugDescription): \(problems)", sourceLocation: sourceLocation)
        #expect(problems.first?.key == TOMLDocument.syntaxKey, sourceLocation: sourceLocation)
        return problems.first
    }

    @Test func charactersOutsideStringsAreRefusedWithTheirLine() throws {
        // Each of these sat before an array element and made toml++ abort; the others are the same
        // kind of character in other places between tokens.
        let cases: [(String, String)] = [
            ("[daemon]\nx = [\u{85}\"a\"]\n", "U+0085"),
            ("[daemon]\nx = [\u{0B}\"a\"]\n", "U+000B"),
            ("[daemon]\nx = [\u{202E}\"a\"]\n", "U+202E"),
            ("[daemon]\nx = [\u{0C}\"a\"]\n", "U+000C"),
            ("[daemon]\nx = [\u{2028}\"a\"]\n", "U+2028"),
            ("[daemon]\nx = [\u{A0}\"a\"]\n", "U+00A0"),
            ("[daemon]\nx = [\u{FEFF}\"a\"]\n", "U+FEFF"),
            ("[daemon]\nx = {\u{85}a = 1}\n", "U+0085"),
            ("[daemon]\nx =\u{85}1\n", "U+0085"),
            ("[daemon]\nx\u{202E} = 1\n", "U+202E"),
            ("[daemon]\n[a\u{85}]\n", "U+0085"),
            ("[daemon]\n[\u{0B}a]\n", "U+000B"),
            ("[daemon]\n[\u{202E}a]\n", "U+202E"),
            ("[daemon]\n[\u{E9}a]\n", "U+00E9"),
            ("[daemon]\nx = [1, \u{2029}2]\n", "U+2029"),
            ("[daemon]\nx = 1\u{85}\n", "U+0085"),
            ("[daemon]\nx = tr\u{E9}s\n", "U+00E9"),
        ]
        for (text, name) in cases {
            let problem = refusal(text)
            #expect(problem?.line == 2, "\(text.debugDescription): \(String(describing: problem))")
            #expect(problem?.message.contains(name) == true, "\(String(describing: problem))")
            #expect(problem?.message.contains("outside a quoted string") == true)
            let written = problem?.message.unicodeScalars.contains { $0.value < 0x20 || $0.value > 0x7E } ?? true
            #expect(!written, "the message names the character instead of writing it: \(String(describing: problem))")
        }
    }

    @Test func malformedHeadersAndArraysThatCrashedTheParserAreRefused() {
        // toml++ asserts on these instead of reporting them; the guard reports them itself.
        let cases: [(String, String)] = [
            ("[\\]", "expected a table name"), ("[]", "expected a table name"), ("[[ ]]", "expected a table name"),
            ("[ #]", "expected a table name"), ("[", "expected a table name"), ("[[[a]]]", "expected a table name"),
            ("[a.]", "expected a key after"), ("a. = 1", "expected a key after"),
            ("x = [}]", "expected a value"), ("x = [1, }]", "expected a value"), ("x = {a = [}}", "expected a value"),
            ("x = [=]", "expected a value"),
        ]
        for (text, message) in cases {
            let problem = refusal("# first\n" + text)
            let found = "\(text.debugDescription): \(String(describing: problem))"
            #expect(problem?.line == 2, "\(found)")
            #expect(problem?.message.contains(message) == true, "\(found)")
        }
    }

    @Test func loneCarriageReturnsAreRefused() {
        for text in ["x = [\r\"a\"]\n", "x = 1\r", "# note\r\nx = \"a\rb\"\n", "# a\rb\n"] {
            let problem = refusal(text)
            #expect(problem?.message.contains("carriage return") == true, "\(text.debugDescription)")
        }
        #expect(configProblems("[daemon]\r\nstate_dir = \"/x\"\r\n").isEmpty)
    }

    @Test func controlsAndBidiOverridesInCommentsAreRefused() {
        for scalar in ["\u{85}", "\u{202E}", "\u{2066}", "\u{1B}"] {
            let problem = refusal("[daemon]\n\n# look \(scalar)here\n")
            #expect(problem?.line == 3)
            #expect(problem?.message.contains("in a comment") == true)
        }
    }

    @Test func theSameCharactersInsideStringsAndTextInCommentsAreFine() throws {
        let text = """
            # Réglages — コメント, emoji 🛡️ and a tab\there.
            [[attribution.signatures]]
            tool = "acme\u{202E}agent"
            field = "message"
            pattern = 'mark\u{85}er\u{2028}é'
            [checks.protected-path]
            paths = ['''
            multi\u{85}line\u{A0}''', "x\u{FEFF}"]
            """
        #expect(configProblems(text).isEmpty)
        let config = try ConfigLoader.parse(text, file: nil)
        #expect(config.attribution.signatures.first?.tool == "acme\u{202E}agent")
    }

    @Test func deepDottedKeysAreRefusedBeforeParsing() {
        for depth in [65, 10_000, 100_000] {
            let dotted = Array(repeating: "a", count: depth).joined(separator: ".") + " = 1\n"
            let problem = refusal("[daemon]\n" + dotted)
            #expect(problem?.line == 2)
            #expect(problem?.message.contains("nested more than 64 levels") == true)
        }
        let header = "[" + Array(repeating: "a", count: 100_000).joined(separator: ".") + "]\n"
        #expect(refusal(header)?.line == 1)
        let quoted = Array(repeating: "\"a\"", count: 100_000).joined(separator: ".") + " = 1\n"
        #expect(refusal(quoted)?.line == 1)
    }

    @Test func depthCountsHeadersKeysArraysAndInlineTablesTogether() {
        let forty = Array(repeating: "a", count: 40).joined(separator: ".")
        #expect(refusal("[\(forty)]\n\(forty) = 1\n")?.line == 2)
        let inline = "x = " + String(repeating: "{ b.c = ", count: 40) + "1" + String(repeating: " }", count: 40)
        #expect(refusal(inline)?.line == 1)
        let mixed = "x = " + String(repeating: "[{a = ", count: 40) + "1" + String(repeating: "}]", count: 40)
        #expect(refusal(mixed)?.line == 1)
        // Sixty-four levels are allowed (the converter then judges the tree).
        let deepest = Array(repeating: "a", count: 63).joined(separator: ".") + " = 1\n"
        #expect(TOMLInputGuard.refusal(of: deepest) == nil)
    }

    @Test func longKeysAndLongUnquotedValuesAreRefused() {
        let longKey = refusal("[daemon]\n" + String(repeating: "k", count: 5000) + " = 1\n")
        #expect(longKey?.line == 2)
        #expect(longKey?.message.contains("key of 5000 bytes") == true)
        let quotedKey = refusal("\"" + String(repeating: "k", count: 2000) + "\" = 1\n")
        #expect(quotedKey?.message.contains("key of") == true)
        for value in [String(repeating: "9", count: 100_000), "1." + String(repeating: "5", count: 1000)] {
            let problem = refusal("[daemon]\n\nx = \(value)\n")
            #expect(problem?.line == 3)
            #expect(problem?.message.contains("unquoted value") == true)
        }
    }

    @Test func ordinaryValuesAllPass() {
        let text = """
            int = 1_000_000
            neg = -9_223_372_036_854_775_808
            hex = 0xDEAD_BEEF
            float = 6.626e-34
            inf = -inf
            bool = true
            date = 1979-05-27T07:32:00.999999-07:00
            local = 1979-05-27 07:32:00
            strings = ["a", 'b', \"\"\"c\"\"\"\", '''d''''']
            inline = { a.b = 1, "c.d" = [1, [2, {e = 3}]] }
            [a."b.c".'d']
            [[e.f]]
            """
        #expect(TOMLInputGuard.refusal(of: text) == nil)
    }

    @Test func shippedConfigsAndRulesPass() throws {
        for text in [BuiltinRiskyPatterns.text, BuiltinSecretRules.toml] {
            #expect(TOMLInputGuard.refusal(of: text) == nil)
        }
    }
}
