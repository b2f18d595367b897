/// One `/`-separated part of a `Glob`: a literal name, `**`, or a pattern with wildcards.
enum GlobSegment: Sendable, Hashable {
    case literal(String)
    /// `**`: zero or more whole segments.
    case anySegments
    case wildcard([GlobToken])

    init(_ text: Substring, pattern: String) throws(GlobError) {
        if text == "**" {
            self = .anySegments
            return
        }
        var tokens: [GlobToken] = []
        var scalars = text.unicodeScalars[...]
        var hasWildcard = false
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "*":
                hasWildcard = true
                if tokens.last != .star { tokens.append(.star) }
            case "?":
                hasWildcard = true
                tokens.append(.one)
            case "[":
                hasWildcard = true
                tokens.append(try GlobSegment.parseSet(&scalars, pattern: pattern))
            case "\\":
                // A trailing backslash stands for itself.
                tokens.append(.literal(scalars.popFirst() ?? "\\"))
            default:
                tokens.append(.literal(scalar))
            }
        }
        if hasWildcard {
            self = .wildcard(tokens)
        } else {
            var literal = String.UnicodeScalarView()
            for case .literal(let scalar) in tokens { literal.append(scalar) }
            self = .literal(String(literal))
        }
    }

    /// Parses the inside of `[...]`, after the `[`.
    private static func parseSet(
        _ scalars: inout Substring.UnicodeScalarView.SubSequence, pattern: String
    ) throws(GlobError) -> GlobToken {
        var negated = false
        if let first = scalars.first, first == "!" || first == "^" {
            negated = true
            scalars.removeFirst()
        }
        var ranges: [ClosedRange<Unicode.Scalar>] = []
        var first = true
        while true {
            guard var scalar = scalars.popFirst() else {
                throw GlobError(pattern: pattern, message: "unclosed \"[\"")
            }
            // A `]` right after `[` or `[!` is a member, as in shell globs.
            if scalar == "]" && !first { break }
            first = false
            if scalar == "\\", let escaped = scalars.popFirst() { scalar = escaped }
            if scalars.first == "-", scalars.dropFirst().first.map({ $0 != "]" }) ?? false {
                scalars.removeFirst()
                var upper = scalars.removeFirst()
                if upper == "\\", let escaped = scalars.popFirst() { upper = escaped }
                guard scalar <= upper else {
                    throw GlobError(pattern: pattern, message: "range \"\(scalar)-\(upper)\" is reversed")
                }
                ranges.append(scalar...upper)
            } else {
                ranges.append(scalar...scalar)
            }
        }
        return .set(ranges, negated: negated)
    }

    /// True when this segment matches one path segment.
    func matches(_ name: Substring) -> Bool {
        switch self {
        case .literal(let text): return name == text
        case .anySegments: return true
        case .wildcard(let tokens): return GlobSegment.match(tokens, Array(name.unicodeScalars))
        }
    }

    /// Wildcard matching with single-star backtracking: linear for one `*`, O(n·m) at worst.
    private static func match(_ tokens: [GlobToken], _ name: [Unicode.Scalar]) -> Bool {
        var token = 0
        var position = 0
        var starToken = -1
        var starPosition = 0
        while position < name.count {
            if token < tokens.count, tokens[token] != .star, tokens[token].matches(name[position]) {
                token += 1
                position += 1
            } else if token < tokens.count, tokens[token] == .star {
                starToken = token
                starPosition = position
                token += 1
            } else if starToken >= 0 {
                token = starToken + 1
                starPosition += 1
                position = starPosition
            } else {
                return false
            }
        }
        while token < tokens.count, tokens[token] == .star { token += 1 }
        return token == tokens.count
    }
}

/// One element of a wildcard segment.
enum GlobToken: Sendable, Hashable {
    case literal(Unicode.Scalar)
    /// `?`
    case one
    /// `*`
    case star
    /// `[...]`
    case set([ClosedRange<Unicode.Scalar>], negated: Bool)

    func matches(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .literal(let expected): return scalar == expected
        case .one: return true
        case .star: return true
        case .set(let ranges, let negated): return ranges.contains { $0.contains(scalar) } != negated
        }
    }
}
