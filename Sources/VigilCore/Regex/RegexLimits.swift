import CPCRE2

/// The bounds every PCRE2 pattern in Vigil is compiled and matched under.
///
/// Patterns come from places Vigil does not control (gitleaks rule files, operators' risky-pattern
/// files and attribution signatures) and are run over text an attacker wrote, so one pathological
/// pattern must neither stall loading nor stall a scan:
/// - A pattern may be at most `maxPatternLength` bytes with at most `maxParenthesisNesting` levels
///   of parentheses; longer or deeper ones are compile errors, reported like any invalid pattern.
///   The longest regex in gitleaks' default rule file is about 740 bytes.
/// - Every match runs with `matchLimit`. PCRE2 counts backtracking work per start position and
///   gives up on the whole search as soon as one start position exceeds the limit, so catastrophic
///   backtracking (`(a+)+$`) costs about `matchLimit` steps instead of forever. A search stopped
///   this way reports no match and is recorded in `RegexLimitLog`; it is never silently dropped.
///   The limit is far above what real matches need: the built-in private-key rule matches a 1 MB
///   key block within a limit of 20.
///
/// Polynomial backtracking over many start positions (a lazy scan to the end of the line from
/// each of many candidates) stays under the per-start limit; the built-in rules are written and
/// tested to be linear (`RegexCostMeter`), and long lines are scanned in bounded windows.
public enum RegexLimits {
    /// The longest pattern accepted, in bytes of UTF-8.
    public static let maxPatternLength = 16_384
    /// The deepest nesting of parentheses accepted (PCRE2's own default is 250).
    public static let maxParenthesisNesting: UInt32 = 64
    /// PCRE2's match limit: backtracking steps allowed at one start position.
    public static let matchLimit: UInt32 = 1_000_000
    /// PCRE2's depth limit, for the interpreter when JIT is unavailable (the JIT uses its stack).
    public static let depthLimit: UInt32 = 100_000

    /// True when PCRE2 stopped a search at a resource limit (match, depth, heap or JIT stack)
    /// rather than deciding it: the text was not fully examined.
    static func isResourceLimit(_ result: Int32) -> Bool {
        result == Int32(PCRE2_ERROR_MATCHLIMIT) || result == Int32(PCRE2_ERROR_DEPTHLIMIT)
            || result == Int32(PCRE2_ERROR_HEAPLIMIT) || result == Int32(PCRE2_ERROR_JIT_STACKLIMIT)
    }

    /// A match context carrying the limits, or `nil` if PCRE2 could not allocate one.
    static func makeMatchContext() -> OpaquePointer? {
        guard let context = pcre2_match_context_create_8(nil) else { return nil }
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, depthLimit)
        return context
    }

    /// The "too long" error, raised before PCRE2 (or any rewriting) reads the pattern.
    static func checkLength(_ pattern: String) throws(RegexError) {
        let length = pattern.utf8.count
        guard length > maxPatternLength else { return }
        throw RegexError(
            pattern: String(pattern.prefix(80)), offset: maxPatternLength,
            message: "pattern is \(length) bytes long; the limit is \(maxPatternLength)")
    }
}
