/// A signature with its pattern compiled once, ready to be tried on many commits.
struct CompiledSignature: Sendable {
    let signature: AttributionSignature
    let regex: Regex
    /// `signature.keywords` as bytes; empty means every text goes to the regex.
    private let keywords: [[UInt8]]

    /// Compiles the pattern. Trailer patterns are caseless: `Co-Authored-By` and `Co-authored-by`
    /// are the same trailer, and an operator should not have to guess which spelling a tool uses.
    init(_ signature: AttributionSignature) throws(RegexError) {
        self.signature = signature
        self.regex = try Regex(signature.pattern, caseInsensitive: signature.field == .trailer)
        self.keywords = signature.keywords.map { Array($0.lowercased().utf8) }
    }

    /// True when the pattern matches `text`, after the cheap keyword test lets it through.
    func matches(_ text: String) -> Bool {
        admits(text) && regex.matches(text)
    }

    /// The first match in `text`, after the keyword test.
    func firstMatch(in text: String) -> RegexMatch? {
        admits(text) ? regex.firstMatch(in: text) : nil
    }

    /// Whether one of the keywords occurs in `text`, ignoring ASCII case; no allocation.
    func admits(_ text: String) -> Bool {
        if keywords.isEmpty { return true }
        var text = text
        return text.withUTF8 { bytes in
            keywords.contains { Self.contains($0, in: bytes) }
        }
    }

    private static func contains(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        let last = haystack.count - needle.count
        var start = 0
        while start <= last {
            if lowered(haystack[start]) == first {
                var offset = 1
                while offset < needle.count, lowered(haystack[start + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    @inline(__always)
    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}

/// Evidence text is shown to people and stored in alerts: long enough to recognise, never huge.
enum EvidenceText {
    /// The longest evidence text kept, in Unicode scalars.
    static let limit = 200

    /// `text` cut to `limit` scalars with an ellipsis. Cutting by scalar, not by `Character`,
    /// keeps the cost bounded even for a hostile run of combining marks.
    static func clip(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var count = 0
        while index != scalars.endIndex, count < limit {
            scalars.formIndex(after: &index)
            count += 1
        }
        if index == scalars.endIndex { return text }
        var clipped = String(String.UnicodeScalarView(scalars[..<index]))
        clipped.append("…")
        return clipped
    }
}
