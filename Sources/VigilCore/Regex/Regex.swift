import CPCRE2

/// A compiled PCRE2 pattern, JIT-compiled when the platform allows.
///
/// Sendable because PCRE2 documents a compiled pattern (and its JIT code) as read-only and safe to
/// share between threads; the per-match state (`pcre2_match_data`) is made per call and never shared.
public final class Regex: @unchecked Sendable {
    /// The pattern as written.
    public let pattern: String
    /// The compiled code; internal so that `RegexMatcher` can run it over raw bytes.
    let code: OpaquePointer
    /// Capture groups in the pattern (not counting the whole match).
    public let captureCount: Int

    /// Compiles `pattern` in UTF mode. Subjects are Swift strings, so always valid UTF-8.
    public init(_ pattern: String, caseInsensitive: Bool = false) throws(RegexError) {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF)
        if caseInsensitive { options |= UInt32(PCRE2_CASELESS) }
        let compiled = pattern.withCString { text in
            text.withMemoryRebound(to: UInt8.self, capacity: pattern.utf8.count) {
                pcre2_compile_8($0, pattern.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexError(pattern: pattern, offset: errorOffset, message: Regex.message(for: errorCode))
        }
        code = compiled
        // JIT is an optimisation: where it is unavailable the interpreter gives the same answers.
        _ = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))
        var groups: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &groups)
        captureCount = Int(groups)
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// True when the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        firstMatch(in: text) != nil
    }

    /// The first match in `text`, if any.
    public func firstMatch(in text: String) -> RegexMatch? {
        var matches: [RegexMatch] = []
        scan(text, limit: 1) { matches.append($0) }
        return matches.first
    }

    /// Every non-overlapping match in `text`, left to right.
    public func allMatches(in text: String, limit: Int = .max) -> [RegexMatch] {
        var matches: [RegexMatch] = []
        scan(text, limit: limit) { matches.append($0) }
        return matches
    }

    private func scan(_ text: String, limit: Int, _ found: (RegexMatch) -> Void) {
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else { return }
        defer { pcre2_match_data_free_8(data) }
        let subject = text
        var text = text
        text.withUTF8 { utf8 in
            // An empty string may have no storage; PCRE2 still wants a valid pointer.
            let placeholder: [UInt8] = [0]
            placeholder.withUnsafeBufferPointer { fallback in
                let buffer = utf8.baseAddress == nil ? UnsafeBufferPointer(rebasing: fallback[0..<0]) : utf8
                let base = utf8.baseAddress ?? fallback.baseAddress!
                scan(buffer, base: base, data: data, text: subject, limit: limit, found)
            }
        }
    }

    private func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, base: UnsafePointer<UInt8>, data: OpaquePointer, text: String,
        limit: Int, _ found: (RegexMatch) -> Void
    ) {
        var start = 0
        var count = 0
        while start <= buffer.count, count < limit {
            let result = pcre2_match_8(code, base, buffer.count, start, 0, data, nil)
            guard result > 0 else { return }
            let vector = pcre2_get_ovector_pointer_8(data)!
            let unset = vigil_pcre2_unset()
            var groups: [Range<Int>?] = []
            groups.reserveCapacity(captureCount)
            for group in 0...captureCount {
                let lower = vector[2 * group]
                let upper = vector[2 * group + 1]
                groups.append(lower == unset || group >= Int(result) ? nil : Int(lower)..<Int(upper))
            }
            guard let whole = groups.removeFirst() else { return }
            found(RegexMatch(range: whole, groups: groups, subject: text))
            count += 1
            // An empty match must still advance, by one whole UTF-8 character.
            start = whole.isEmpty ? Regex.nextCharacter(after: whole.upperBound, in: buffer) : whole.upperBound
        }
    }

    private static func nextCharacter(after offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var next = offset + 1
        while next < buffer.count, buffer[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    private static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer.prefix(Int(length)), as: UTF8.self)
    }
}

/// One match: byte ranges into the subject's UTF-8.
public struct RegexMatch: Sendable {
    /// The whole match, as UTF-8 offsets.
    public var range: Range<Int>
    /// Capture groups 1…n; `nil` where a group did not take part.
    public var groups: [Range<Int>?]
    let subject: String

    /// The matched text.
    public var text: String { Self.slice(subject, range) }

    /// The text of capture group `index` (1-based), or `nil` if it did not take part.
    public func group(_ index: Int) -> String? {
        guard index >= 1, index <= groups.count, let range = groups[index - 1] else { return nil }
        return Self.slice(subject, range)
    }

    private static func slice(_ subject: String, _ range: Range<Int>) -> String {
        let bytes = subject.utf8
        let lower = bytes.index(bytes.startIndex, offsetBy: range.lowerBound)
        let upper = bytes.index(bytes.startIndex, offsetBy: range.upperBound)
        return String(decoding: subject.utf8[lower..<upper], as: UTF8.self)
    }
}

/// A pattern that does not compile, with PCRE2's reason and the offset where it stopped.
public struct RegexError: Error, Sendable, Equatable, CustomStringConvertible {
    public var pattern: String
    public var offset: Int
    public var message: String

    public var description: String { "invalid regular expression at offset \(offset): \(message)" }
}
