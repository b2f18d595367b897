#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A signature with its pattern compiled once, ready to be tried on many commits.
struct CompiledSignature: Sendable {
    let signature: AttributionSignature
    let regex: Regex
    /// `signature.keywords`, lowercased and NUL-terminated; empty means every text goes to the regex.
    private let keywords: [[CChar]]

    /// Compiles the pattern. Trailer patterns are caseless: `Co-Authored-By` and `Co-authored-by`
    /// are the same trailer, and an operator should not have to guess which spelling a tool uses.
    init(_ signature: AttributionSignature) throws(RegexError) {
        self.signature = signature
        self.regex = try Regex(signature.pattern, caseInsensitive: signature.field == .trailer)
        self.keywords = signature.keywords.map { Array($0.lowercased().utf8CString) }
    }

    /// Whether the signature has a keyword prefilter.
    var hasKeywords: Bool { !keywords.isEmpty }

    /// True when the pattern matches `text`, after the cheap keyword test lets it through.
    /// `lowered` is `text` folded by `FoldedText`; callers fold once and try every signature.
    func matches(_ text: String, folded lowered: UnsafePointer<CChar>) -> Bool {
        admits(lowered) && regex.matches(text)
    }

    /// The first match in `text`, after the keyword test.
    func firstMatch(in text: String, folded lowered: UnsafePointer<CChar>) -> RegexMatch? {
        admits(lowered) ? regex.firstMatch(in: text) : nil
    }

    /// Whether one of the keywords occurs in the folded text.
    func admits(_ lowered: UnsafePointer<CChar>) -> Bool {
        if keywords.isEmpty { return true }
        return keywords.contains { strstr(lowered, $0) != nil }
    }
}

/// Text with ASCII letters lowered, as a C string in a temporary buffer, for the keyword prefilter:
/// one fold per field value, then a C `strstr` per keyword, with no heap allocation for ordinary
/// lengths. Commit fields come from C strings and hold no NUL; one that did would only end the
/// prefilter's view early.
enum FoldedText {
    static func with<Result>(_ text: String, _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        var text = text
        return text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    buffer[index] = CChar(bitPattern: byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                }
                buffer[bytes.count] = 0
                guard let base = buffer.baseAddress else { return "".withCString(body) }
                return body(base)
            }
        }
    }
}
