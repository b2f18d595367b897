import Testing

@testable import VigilCore

/// The pieces under the secrets check: keyword automaton, RE2 translation, redaction, entropy
/// and the byte-level regex matcher.
@Suite("Secrets: components")
struct SecretsComponentTests {
    private func hits(_ matcher: KeywordMatcher, _ text: String) -> [Int32] {
        var found: [Int32] = []
        Array(text.utf8).withUnsafeBufferPointer { matcher.forEachMatch(in: $0) { found.append($0) } }
        return found
    }

    @Test func keywordMatcherFindsOverlapsAndFoldsCase() {
        let matcher = KeywordMatcher([("he", 1), ("she", 2), ("hers", 3), ("his", 4), ("ghp_", 5)])
        #expect(hits(matcher, "USHERS") == [2, 1, 3])
        #expect(hits(matcher, "token GHP_abc and ghp_") == [5, 5])
        #expect(hits(matcher, "nothing here") == [1])
        #expect(hits(matcher, "xyz").isEmpty)
        #expect(KeywordMatcher([]).isEmpty)
        #expect(hits(KeywordMatcher([("", 1)]), "abc").isEmpty)
    }

    @Test func keywordMatcherAgreesWithNaiveSearch() {
        let words = ["key", "ey", "api", "token", "-----begin", "sk", "s.", "a3-", "xox", "to"]
        let matcher = KeywordMatcher(words.enumerated().map { ($0.element, Int32($0.offset)) })
        let texts = ["the API KEY is a TOKEN", "-----BEGIN RSA", "s.abc xoxb- a3-x ask", "tttoken keyey"]
        for text in texts {
            let lowered = Array(text.lowercased().utf8)
            var expected: [Int32] = []
            for end in 1...lowered.count {
                for (index, word) in words.enumerated() {
                    let bytes = Array(word.utf8)
                    if end >= bytes.count, Array(lowered[(end - bytes.count)..<end]) == bytes {
                        expected.append(Int32(index))
                    }
                }
            }
            #expect(hits(matcher, text).sorted() == expected.sorted(), "\(text)")
        }
    }

    @Test func re2TranslationRewritesOnlyTheDifferences() {
        #expect(RE2Pattern.translate(#"a\vb"#) == #"a\x0Bb"#)
        #expect(RE2Pattern.translate(#"[\v]"#) == #"[\x0B]"#)
        #expect(RE2Pattern.translate(#"x{,3}"#) == #"x\{,3}"#)
        #expect(RE2Pattern.translate(#"x{2,3}"#) == #"x{2,3}"#)
        #expect(RE2Pattern.translate(#"a\Cb"#) == #"a(?s:.)b"#)
        #expect(RE2Pattern.translate(#"\Q\v{,\E"#) == #"\Q\v{,\E"#)
        #expect(RE2Pattern.translate(#"(?i)[[:alpha:]]\\v"#) == #"(?i)[[:alpha:]]\\v"#)
    }

    @Test func lineSpanningPatternsAreRecognised() {
        for pattern in [#"a[\s\S]b"#, #"(?s:.)"#, #"(?is)x"#, #"a\nb"#, #"[\r\n]"#, #"\x0a"#, #"[\S\s]"#] {
            #expect(RE2Pattern.spansLines(pattern), "\(pattern)")
        }
        for pattern in [#"a\sb"#, #"[^"]+"#, #"(?i)x"#, #"(?-s:.)"#, #"\\n"#, #"(?P<secret>x)"#, #"[\s'"]"#] {
            #expect(!RE2Pattern.spansLines(pattern), "\(pattern)")
        }
    }

    @Test func redactionShowsAShortPrefixLengthAndHash() {
        let secret = "AKIAZ4QXW7NP3KDT6Y2M"
        let (evidence, hash) = SecretRedaction.redact(Array(secret.utf8))
        #expect(hash == SHA256Hex.digest(secret))
        #expect(evidence == "AKIA…(redacted, 20 chars, sha256:\(hash.prefix(8)))")
        #expect(SecretRedaction.redact(Array("hunter2x".utf8)).evidence.hasPrefix("h…(redacted, 8 chars"))
        #expect(SecretRedaction.redact(Array("abc".utf8)).evidence.hasPrefix("…(redacted, 3 chars"))
        #expect(SecretRedaction.redact(Array("pässwörd1234".utf8)).evidence.hasPrefix("p…(redacted, 12 chars"))
    }

    @Test func entropyMatchesGitleaks() {
        #expect(ShannonEntropy.bits("") == 0)
        #expect(ShannonEntropy.bits("aaaa") == 0)
        #expect(ShannonEntropy.bits("ab") == 1)
        #expect(abs(ShannonEntropy.bits("0123456789abcdef") - 4) < 1e-12)
        // Counts scalars but divides by UTF-8 bytes, as gitleaks' Go code does.
        #expect(abs(ShannonEntropy.bits("éé") - 0.5) < 1e-12)
    }

    @Test func regexMatcherWorksOnBytesWithOffsets() throws {
        let regex = try Regex(#"\b(ab)(x)?(cd)\b"#)
        let matcher = RegexMatcher(captureCount: 0)
        let bytes = Array("zz abcd abcd".utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            let first = try #require(matcher.firstMatch(regex, in: buffer))
            #expect(first == 3..<7)
            #expect(matcher.group(1) == 3..<5)
            #expect(matcher.group(2) == nil)
            #expect(matcher.group(3) == 5..<7)
            #expect(matcher.group(4) == nil)
            #expect(matcher.firstMatch(regex, in: buffer, from: 4) == 8..<12)
            // Text before the start offset is context: `\b` sees "zz" before "ab".
            let tight = try Regex(#"\bcd"#)
            #expect(matcher.firstMatch(tight, in: buffer, from: 5) == nil)
            #expect(matcher.firstMatch(regex, in: buffer, from: 13) == nil)
        }
        let empty = try Regex("^$")
        #expect([UInt8]().withUnsafeBufferPointer { matcher.firstMatch(empty, in: $0) } == 0..<0)
    }
}
