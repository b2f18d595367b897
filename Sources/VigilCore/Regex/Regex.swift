import CPCRE2

/// A compiled PCRE2 pattern, JIT-compiled when the platform allows, matched under `RegexLimits`.
///
/// Sendable because PCRE2 documents a compiled pattern (and its JIT code) as read-only and safe to
/// share between threads; the match context holding the limits is only read while matching, and
/// the per-match state (`pcre2_match_data`) is made per call and never shared.
public final class Regex: @unchecked Sendable {
    /// The pattern as written.
    public let pattern: String
    /// The compiled code; internal so that `RegexMatcher` can run it over raw bytes.
    let code: OpaquePointer
    /// The options the pattern was compiled with, so `RegexCostMeter` can compile it alike.
    let compileOptions: UInt32
    /// Capture groups in the pattern (not counting the whole match).
    public let captureCount: Int
    /// The match and depth limits every search of this pattern runs under.
    private let matchContext: OpaquePointer?

    /// Compiles `pattern` in UTF mode. Subjects are Swift strings, so always valid UTF-8.
    /// A pattern longer or more deeply nested than `RegexLimits` allows is an error.
    public init(_ pattern: String, caseInsensitive: Bool = false) throws(RegexError) {
        try RegexLimits.checkLength(pattern)
        self.pattern = pattern
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_MATCH_INVALID_UTF)
        if caseInsensitive { options |= UInt32(PCRE2_CASELESS) }
        compileOptions = options
        code = try Regex.compile(pattern, options: options)
        // JIT is an optimisation: where it is unavailable the interpreter gives the same answers.
        _ = pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE))
        var groups: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &groups)
        captureCount = Int(groups)
        matchContext = RegexLimits.makeMatchContext()
    }

    deinit {
        pcre2_code_free_8(code)
        if let matchContext { pcre2_match_context_free_8(matchContext) }
    }

    /// Compiles with PCRE2's own length and nesting limits set as well, so that nothing larger
    /// than `RegexLimits` allows is ever compiled, whichever way it arrived.
    static func compile(_ pattern: String, options: UInt32) throws(RegexError) -> OpaquePointer {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let context = pcre2_compile_context_create_8(nil)
        defer { if let context { pcre2_compile_context_free_8(context) } }
        if let context {
            pcre2_set_max_pattern_length_8(context, RegexLimits.maxPatternLength)
            pcre2_set_parens_nest_limit_8(context, RegexLimits.maxParenthesisNesting)
        }
        let compiled = pattern.withCString { text in
            text.withMemoryRebound(to: UInt8.self, capacity: pattern.utf8.count) {
                pcre2_compile_8($0, pattern.utf8.count, options, &errorCode, &errorOffset, context)
            }
        }
        guard let compiled else {
            throw RegexError(pattern: pattern, offset: errorOffset, message: Regex.message(for: errorCode))
        }
        return compiled
    }

    /// True when the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        firstMatch(in: text) != nil
    }

    /// The first match in `text`, if any. A search stopped by `RegexLimits` finds nothing and is
    /// recorded in `RegexLimitLog` under the pattern's text.
    public func firstMatch(in text: String) -> RegexMatch? {
        var stopped = false
        let match = firstMatch(in: text, stoppedByLimit: &stopped)
        if stopped { recordLimitHit() }
        return match
    }

    /// The first match in `text`, if any; `stoppedByLimit` is set when the search was stopped by
    /// `RegexLimits` (and then finds nothing). Nothing is recorded: the caller, which knows what
    /// the pattern is for, reports it.
    public func firstMatch(in text: String, stoppedByLimit: inout Bool) -> RegexMatch? {
        var matches: [RegexMatch] = []
        stoppedByLimit = scan(text, limit: 1) { matches.append($0) }
        return matches.first
    }

    /// Every non-overlapping match in `text`, left to right. When a search is stopped by
    /// `RegexLimits`, the matches before it are returned and the stop is recorded.
    public func allMatches(in text: String, limit: Int = .max) -> [RegexMatch] {
        var matches: [RegexMatch] = []
        if scan(text, limit: limit, { matches.append($0) }) { recordLimitHit() }
        return matches
    }

    private func recordLimitHit() {
        RegexLimitLog.record(RegexLimitHit(source: "regex " + String(pattern.prefix(80))))
    }

    /// Reports matches to `found`; returns true when a search was stopped by a resource limit.
    private func scan(_ text: String, limit: Int, _ found: (RegexMatch) -> Void) -> Bool {
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else { return false }
        defer { pcre2_match_data_free_8(data) }
        let subject = text
        var text = text
        return text.withUTF8 { utf8 in
            // An empty string may have no storage; PCRE2 still wants a valid pointer.
            let placeholder: [UInt8] = [0]
            return placeholder.withUnsafeBufferPointer { fallback in
                let buffer = utf8.baseAddress == nil ? UnsafeBufferPointer(rebasing: fallback[0..<0]) : utf8
                let base = utf8.baseAddress ?? fallback.baseAddress!
                return scan(buffer, base: base, data: data, text: subject, limit: limit, found)
            }
        }
    }

    private func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, base: UnsafePointer<UInt8>, data: OpaquePointer, text: String,
        limit: Int, _ found: (RegexMatch) -> Void
    ) -> Bool {
        var start = 0
        var count = 0
        while start <= buffer.count, count < limit {
            let result = pcre2_match_8(code, base, buffer.count, start, 0, data, matchContext)
            guard result > 0 else { return RegexLimits.isResourceLimit(result) }
            let vector = pcre2_get_ovector_pointer_8(data)!
            let unset = vigil_pcre2_unset()
            var groups: [Range<Int>?] = []
            groups.reserveCapacity(captureCount)
            for group in 0...captureCount {
                let lower = vector[2 * group]
                let upper = vector[2 * group + 1]
                groups.append(lower == unset || group >= Int(result) ? nil : Int(lower)..<Int(upper))
            }
            guard let whole = groups.removeFirst() else { return false }
            found(RegexMatch(range: whole, groups: groups, subject: text))
            count += 1
            // An empty match must still advance, by one whole UTF-8 character.
            start = whole.isEmpty ? Regex.nextCharacter(after: whole.upperBound, in: buffer) : whole.upperBound
        }
        return false
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
