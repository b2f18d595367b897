import CPCRE2

/// Reusable match state for running many patterns over raw UTF-8 bytes, for hot loops such as the
/// secrets scan: no `String` per subject, no allocation per match, and a JIT stack large enough
/// for long subjects.
///
/// One matcher belongs to one task at a time (it is deliberately not `Sendable`); make one per
/// scan. Subjects may hold invalid UTF-8: patterns are compiled with `PCRE2_MATCH_INVALID_UTF`,
/// so an invalid sequence simply never matches and any byte offset is a safe starting point.
/// Every search runs under `RegexLimits`; `stoppedByLimit` tells the caller when one was cut
/// short, so that it can record what was not checked (`RegexLimitLog`).
public final class RegexMatcher {
    private var data: OpaquePointer?
    private var pairs: Int
    private let context: OpaquePointer?
    private let stack: OpaquePointer?
    /// PCRE2's result for the last match: one more than the highest group that took part.
    private var lastResult: Int32 = 0
    /// True when the last `firstMatch` found nothing because a resource limit stopped it.
    public private(set) var stoppedByLimit = false

    /// Makes room for patterns with up to `captureCount` groups; larger ones grow it on demand.
    public init(captureCount: Int = 9) {
        pairs = max(captureCount, 0) + 1
        data = pcre2_match_data_create_8(UInt32(pairs), nil)
        context = RegexLimits.makeMatchContext()
        // 32 KiB is PCRE2's default JIT stack; long subjects with nested repeats need more. The
        // stack is reserved up to 1 MiB and only touched pages are ever committed.
        stack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let context, let stack {
            pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
        }
    }

    deinit {
        if let data { pcre2_match_data_free_8(data) }
        if let context { pcre2_match_context_free_8(context) }
        if let stack { pcre2_jit_stack_free_8(stack) }
    }

    /// The first match of `regex` in `subject`, looking from byte `offset` on, as byte offsets
    /// into `subject`. Text before `offset` is still seen by lookbehind and `\b`, which makes
    /// windows over one long line behave like the line. After a match, `group(_:)` reads its
    /// capture groups; after none, `stoppedByLimit` tells whether the search was cut short.
    public func firstMatch(
        _ regex: Regex, in subject: UnsafeBufferPointer<UInt8>, from offset: Int = 0
    ) -> Range<Int>? {
        lastResult = 0
        stoppedByLimit = false
        guard offset >= 0, offset <= subject.count else { return nil }
        if regex.captureCount + 1 > pairs {
            if let data { pcre2_match_data_free_8(data) }
            pairs = regex.captureCount + 1
            data = pcre2_match_data_create_8(UInt32(pairs), nil)
        }
        guard let data else { return nil }
        // PCRE2 wants a valid pointer even for an empty subject.
        let empty: UInt8 = 0
        let result = withUnsafePointer(to: empty) { fallback in
            pcre2_match_8(regex.code, subject.baseAddress ?? fallback, subject.count, offset, 0, data, context)
        }
        // Negative results are "no match" or a resource limit (match, depth or JIT stack); both
        // mean this pattern reports nothing here rather than stopping the scan, but a limit means
        // the text was not fully examined, which the caller must hear about.
        guard result > 0 else {
            stoppedByLimit = RegexLimits.isResourceLimit(result)
            return nil
        }
        lastResult = result
        return range(at: 0)
    }

    /// Capture group `index` (1-based) of the last successful `firstMatch`, as byte offsets;
    /// `nil` when the group did not take part or there was no match.
    public func group(_ index: Int) -> Range<Int>? {
        guard index >= 1, index < Int(lastResult) else { return nil }
        return range(at: index)
    }

    private func range(at index: Int) -> Range<Int>? {
        guard let data, index < pairs, let vector = pcre2_get_ovector_pointer_8(data) else { return nil }
        let lower = vector[2 * index]
        let upper = vector[2 * index + 1]
        let unset = vigil_pcre2_unset()
        guard lower != unset, upper != unset, lower <= upper else { return nil }
        return Int(lower)..<Int(upper)
    }
}
