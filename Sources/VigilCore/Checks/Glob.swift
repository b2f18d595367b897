/// A path pattern in the style of `.gitignore`, for the path options of checks
/// (`protected-path`, `ci-change`, test file patterns, allowed binaries).
///
/// - `*` matches any run of characters within one path segment, `?` one character, `[abc]`,
///   `[a-z]` and `[!abc]` (or `[^abc]`) one character from (or not from) a set; `\x` is a literal `x`.
/// - `**` as a whole segment matches zero or more segments: `**/migrations/**`, `docs/**/*.md`.
/// - A pattern with no `/` (other than a trailing one) matches a segment at any depth, like
///   `.gitignore`: `CODEOWNERS` matches `CODEOWNERS` and `.github/CODEOWNERS`, `*.tf` matches
///   `infra/main.tf`. A leading `/` or a `/` inside anchors the pattern at the repository root.
/// - As in `.gitignore`, a pattern that matches a directory matches everything under it:
///   `billing` and `src/billing` both match `src/billing/invoice.py`. A trailing `/` (`vendor/`)
///   matches only directories, so `vendor/` matches `vendor/x.js` but not a file named `vendor`.
/// - Matching is case-sensitive, as git paths are.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let segments: [GlobSegment]
    /// True when the pattern may match at any depth (no `/` except a trailing one).
    private let floating: Bool
    /// True for a trailing `/`: only directories match, i.e. the match must leave segments over.
    private let directoryOnly: Bool

    /// Parses `pattern`; throws for an empty pattern or an unclosed `[`.
    public init(_ pattern: String) throws(GlobError) {
        self.pattern = pattern
        var body = Substring(pattern)
        var trailingSlash = false
        while body.hasSuffix("/") {
            body = body.dropLast()
            trailingSlash = true
        }
        let anchored = body.hasPrefix("/")
        while body.hasPrefix("/") { body = body.dropFirst() }
        guard !body.isEmpty else { throw GlobError(pattern: pattern, message: "the pattern matches no path") }
        let parts = body.split(separator: "/", omittingEmptySubsequences: true)
        var segments: [GlobSegment] = []
        for part in parts {
            let segment = try GlobSegment(part, pattern: pattern)
            // Consecutive `**` mean the same as one.
            if segment == .anySegments, segments.last == .anySegments { continue }
            segments.append(segment)
        }
        self.segments = segments
        floating = !anchored && parts.count == 1
        directoryOnly = trailingSlash
    }

    public var description: String { pattern }

    /// True when `path` (relative to the repository root, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        matches(segments: Glob.split(path))
    }

    /// Matches a path already split into segments, so that a set of globs splits each path once.
    func matches(segments path: [Substring]) -> Bool {
        guard !path.isEmpty else { return false }
        if floating, segments.count == 1 {
            let only = segments[0]
            let candidates = directoryOnly ? path.dropLast() : path[...]
            return candidates.contains { only.matches($0) }
        }
        // Anchored: the pattern must match a leading run of segments; what remains is the inside of
        // a matched directory. `directoryOnly` requires something to remain.
        return matchPrefix(pattern: 0, path: path, at: 0)
    }

    private func matchPrefix(pattern index: Int, path: [Substring], at position: Int) -> Bool {
        if index == segments.count {
            return directoryOnly ? position < path.count : true
        }
        switch segments[index] {
        case .anySegments:
            // A trailing `**` needs at least one segment to stand for (`foo/**` is what is inside foo).
            if index == segments.count - 1 { return position < path.count }
            var next = position
            while next <= path.count {
                if matchPrefix(pattern: index + 1, path: path, at: next) { return true }
                next += 1
            }
            return false
        default:
            guard position < path.count, segments[index].matches(path[position]) else { return false }
            return matchPrefix(pattern: index + 1, path: path, at: position + 1)
        }
    }

    static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}

/// A glob that cannot be used, with the reason.
public struct GlobError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written, and what is wrong with it.
    public var pattern: String
    public var message: String

    public var description: String { "invalid glob \"\(pattern)\": \(message)" }
}

/// Several globs, matched together; the first that matches is named in findings.
public struct GlobSet: Sendable, Hashable {
    /// The globs, in the order they are tried.
    public let globs: [Glob]

    /// A set of parsed globs.
    public init(_ globs: [Glob]) {
        self.globs = globs
    }

    /// Parses every pattern; throws the first that is invalid.
    public init(patterns: [String]) throws(GlobError) {
        var globs: [Glob] = []
        for pattern in patterns { globs.append(try Glob(pattern)) }
        self.globs = globs
    }

    /// True when no glob is configured, so nothing matches.
    public var isEmpty: Bool { globs.isEmpty }

    /// The first glob that matches `path`, or `nil`.
    public func firstMatch(_ path: String) -> Glob? {
        guard !globs.isEmpty else { return nil }
        let segments = Glob.split(path)
        return globs.first { $0.matches(segments: segments) }
    }

    /// True when any glob matches `path`.
    public func matches(_ path: String) -> Bool { firstMatch(path) != nil }

    /// True when any glob matches a path already split with `Glob.split`, for callers that try
    /// many sets against one path.
    func matches(segments: [Substring]) -> Bool {
        globs.contains { $0.matches(segments: segments) }
    }
}
