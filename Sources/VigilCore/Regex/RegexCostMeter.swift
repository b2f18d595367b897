import CPCRE2

/// Measures the work PCRE2 does to search a subject, deterministically, so that a test can prove
/// a rule linear on hostile input without timing anything (the machines tests run on are noisy).
///
/// The pattern is compiled again with auto-callouts (PCRE2 calls back before every item of the
/// pattern) and run by the interpreter. The cost is the number of callouts plus, between two
/// callouts at the same start position, how far the match position moved: a repeat that scans a
/// thousand characters in one item costs a thousand, and backtracking costs what it gives back.
/// Start positions that PCRE2's own optimisations skip cost nothing, as they cost almost nothing
/// in production. Like the scans, the search restarts after each match until the subject ends.
enum RegexCostMeter {
    /// The cost of finding every match of `regex` in `subject`, or `nil` when it exceeds `budget`
    /// (the search is abandoned there, so a quadratic pattern fails fast).
    static func cost(of regex: Regex, over subject: [UInt8], budget: Int) throws(RegexError) -> Int? {
        let code = try Regex.compile(regex.pattern, options: regex.compileOptions | UInt32(PCRE2_AUTO_CALLOUT))
        defer { pcre2_code_free_8(code) }
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else { return nil }
        defer { pcre2_match_data_free_8(data) }
        guard let context = pcre2_match_context_create_8(nil) else { return nil }
        defer { pcre2_match_context_free_8(context) }
        var tally = Tally(budget: budget)
        return withUnsafeMutablePointer(to: &tally) { tally in
            pcre2_set_callout_8(context, { block, state in
                guard let block, let state else { return 0 }
                let tally = state.assumingMemoryBound(to: Tally.self)
                return tally.pointee.step(start: block.pointee.start_match, at: block.pointee.current_position)
            }, tally)
            let empty: UInt8 = 0
            return subject.withUnsafeBufferPointer { buffer in
                withUnsafePointer(to: empty) { fallback in
                    var from = 0
                    while from <= buffer.count {
                        tally.pointee.newSearch()
                        let result = pcre2_match_8(
                            code, buffer.baseAddress ?? fallback, buffer.count, from, 0, data, context)
                        guard result > 0 else {
                            return result == Int32(PCRE2_ERROR_NOMATCH) ? tally.pointee.steps : nil
                        }
                        guard let vector = pcre2_get_ovector_pointer_8(data) else { return nil }
                        let lower = Int(vector[0])
                        let upper = Int(vector[1])
                        from = upper > lower ? upper : upper + 1
                    }
                    return tally.pointee.steps
                }
            }
        }
    }

    /// The running count, kept where the C callback can reach it.
    private struct Tally {
        let budget: Int
        var steps = 0
        var start = -1
        var position = 0

        init(budget: Int) { self.budget = budget }

        mutating func newSearch() { start = -1 }

        /// One callout; a negative result makes PCRE2 abandon the search.
        mutating func step(start matchStart: Int, at current: Int) -> Int32 {
            steps += 1
            steps += matchStart == start ? abs(current - position) : current - matchStart
            start = matchStart
            position = current
            return steps > budget ? Int32(PCRE2_ERROR_CALLOUT) : 0
        }
    }
}
