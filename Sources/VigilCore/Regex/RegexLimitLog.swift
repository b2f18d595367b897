import Synchronization

/// One search that PCRE2 stopped at a resource limit (`RegexLimits`): that pattern reported no
/// match there, so the text was not fully checked by it.
public struct RegexLimitHit: Sendable, Hashable {
    /// What was matching: a check id such as `secrets.private-key` when the caller said, else the
    /// start of the pattern.
    public var source: String
    /// The file, when the search was over a file's line.
    public var path: String?
    /// The line number (the first line, for a search over several lines).
    public var line: Int?

    public init(source: String, path: String? = nil, line: Int? = nil) {
        self.source = source
        self.path = path
        self.line = line
    }
}

/// Where searches stopped by a regex limit are recorded, so that a caller can report them (as a
/// `scan-limit` finding or an error record) instead of letting a pattern silently see nothing.
///
/// A caller scopes a log around the work it wants to account for, on the same task:
/// ```swift
/// let log = RegexLimitLog()
/// let findings = RegexLimitLog.$current.withValue(log) { runner.run(context) }
/// if log.count > 0 { /* report log.hits */ }
/// ```
/// Every hit is also counted in `processTotal`, whether or not a log is in scope.
public final class RegexLimitLog: Sendable {
    /// The log searches on this task record into; `nil` when nobody is collecting.
    @TaskLocal public static var current: RegexLimitLog?

    /// How many hits a log keeps as examples; `count` goes on counting past it.
    public static let keptHits = 100

    private static let total = Atomic<Int>(0)
    private let state = Mutex<(count: Int, hits: [RegexLimitHit])>((0, []))

    public init() {}

    /// Hits recorded in this process so far, in every log or none.
    public static var processTotal: Int { total.load(ordering: .relaxed) }

    /// Hits recorded in this log.
    public var count: Int { state.withLock { $0.count } }

    /// The first `keptHits` distinct hits, in the order they happened.
    public var hits: [RegexLimitHit] { state.withLock { $0.hits } }

    /// Counts a hit in the process total and in the log in scope, if any.
    static func record(_ hit: RegexLimitHit) {
        total.add(1, ordering: .relaxed)
        current?.add(hit)
    }

    private func add(_ hit: RegexLimitHit) {
        state.withLock { state in
            state.count += 1
            if state.hits.count < Self.keptHits, !state.hits.contains(hit) { state.hits.append(hit) }
        }
    }
}
