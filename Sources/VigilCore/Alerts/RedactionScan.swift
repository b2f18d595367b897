/// Finds what `Redactor` redacts in one text: the byte ranges of secrets by the rules in force, URL
/// passwords and `Authorization` credentials. Made per record, used by one task; the regex match
/// state is only allocated once a keyword has made some rule worth running.
final class RedactionScan {
    let rules: SecretRuleSet
    let window: Int
    let step: Int
    private var matcherStorage: RegexMatcher?
    private var candidates: [Int32] = []
    private var isCandidate: [Bool] = []

    /// The prefilter for the rules that are not secret rules: `://` for URL credentials,
    /// `authorization` (any case) for the header.
    private static let extraKeywords = KeywordMatcher([("://", 0), ("authorization", 1)])

    /// `Authorization: [scheme] credentials`, with `:` or `=` and optional quotes around the name
    /// and the value, as written in curl commands, HTTP files, JSON, YAML and code. A scheme is a
    /// word followed by blanks; once taken it is not given back, so `Bearer $TOKEN` matches
    /// nothing instead of the scheme. The credentials (group 1) are eight or more characters up to
    /// a blank, quote, backslash, comma or semicolon, not starting like a variable or template.
    static let authorizationHeader = try? Regex(
        #"(?i)\bauthorization["'\x60]?[ \t]*[:=][ \t]*["'\x60]?[ \t]*(?:[a-z][a-z0-9_-]{0,20}[ \t]+)?+"#
            + #"([^\s"'\x60\\,;$<{%][^\s"'\x60\\,;]{7,})"#)

    /// Whether the URL-credential and `Authorization` rules run too (once per text is enough
    /// when a second rule set is scanned).
    let withFixedRules: Bool

    init(rules: SecretRuleSet, window: Int, withFixedRules: Bool = true) {
        self.rules = rules
        self.withFixedRules = withFixedRules
        self.window = max(window, 64)
        self.step = max(window, 64) / 2
    }

    private var matcher: RegexMatcher {
        if let matcherStorage { return matcherStorage }
        let made = RegexMatcher(captureCount: max(rules.maxCaptureCount, 1))
        matcherStorage = made
        return made
    }

    /// The ranges to redact in `text`, in no particular order; they may overlap.
    func ranges(in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        candidates.removeAll(keepingCapacity: true)
        rules.keywords.forEachMatch(in: text) { value in
            if isCandidate.isEmpty { isCandidate = [Bool](repeating: false, count: rules.rules.count) }
            if !isCandidate[Int(value)] {
                isCandidate[Int(value)] = true
                candidates.append(value)
            }
        }
        for value in candidates { isCandidate[Int(value)] = false }
        candidates += rules.unconditional
        var url = false
        var header = false
        if withFixedRules {
            Self.extraKeywords.forEachMatch(in: text) { value in
                if value == 0 { url = true } else { header = true }
            }
        }
        guard !candidates.isEmpty || url || header else { return [] }
        var found: [Range<Int>] = []
        if !candidates.isEmpty { scanRules(text, into: &found) }
        if url { URLCredentials.find(in: text, into: &found) }
        if header, let regex = Self.authorizationHeader {
            var from = 0
            while from <= text.count, let match = matcher.firstMatch(regex, in: text, from: from) {
                if let credentials = matcher.group(1) { found.append(credentials) }
                from = match.isEmpty ? match.upperBound + 1 : match.upperBound
            }
        }
        return found
    }

    // MARK: - Secret rules

    /// Runs the candidate rules line by line (long lines in windows), and the line-spanning ones
    /// (private key blocks) over the whole text.
    private func scanRules(_ text: UnsafeBufferPointer<UInt8>, into found: inout [Range<Int>]) {
        var lineStart = 0
        while lineStart <= text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            scanLine(UnsafeBufferPointer(rebasing: text[lineStart..<lineEnd]), offset: lineStart, into: &found)
            lineStart = lineEnd + 1
        }
        for candidate in candidates where rules.rules[Int(candidate)].spansLines {
            let rule = rules.rules[Int(candidate)]
            guard let regex = rule.regex else { continue }
            var from = 0
            while from <= text.count, let whole = matcher.firstMatch(regex, in: text, from: from) {
                from = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
                let match = SecretScan.trimmingLineFeeds(whole, in: text)
                let secret = rule.secretRange(of: match, groupsIn: matcher)
                if accepts(rule, secret: secret, match: match, line: 0..<text.count, in: text) { found.append(secret) }
            }
        }
    }

    /// One line, whole or in windows of `window` bytes overlapping by half (as `SecretScan` does).
    /// Ranges found are shifted by `offset`, the line's start in the text.
    private func scanLine(_ line: UnsafeBufferPointer<UInt8>, offset: Int, into found: inout [Range<Int>]) {
        guard line.count > window else {
            scanWindow(line, start: 0, end: line.count, acceptBelow: line.count, offset: offset, into: &found)
            return
        }
        var start = 0
        while true {
            let end = SecretScan.characterBoundary(in: line, atOrBefore: min(line.count, start + window), after: start)
            let next = SecretScan.characterBoundary(in: line, atOrAfter: start + step)
            let last = end == line.count
            scanWindow(line, start: start, end: end, acceptBelow: last ? end : next, offset: offset, into: &found)
            if last || next >= end { break }
            start = next
        }
    }

    private func scanWindow(
        _ line: UnsafeBufferPointer<UInt8>, start: Int, end: Int, acceptBelow: Int, offset: Int,
        into found: inout [Range<Int>]
    ) {
        let subject = UnsafeBufferPointer(rebasing: line[0..<end])
        for candidate in candidates {
            let rule = rules.rules[Int(candidate)]
            guard !rule.spansLines, let regex = rule.regex else { continue }
            var from = start
            while from <= end, let match = matcher.firstMatch(regex, in: subject, from: from),
                match.lowerBound < acceptBelow
            {
                let secret = rule.secretRange(of: match, groupsIn: matcher)
                if accepts(rule, secret: secret, match: match, line: 0..<line.count, in: line) {
                    found.append((secret.lowerBound + offset)..<(secret.upperBound + offset))
                }
                from = match.isEmpty ? match.upperBound + 1 : match.upperBound
            }
        }
    }

    /// Whether a match is a secret by its content: not empty, above the rule's entropy threshold,
    /// and not allowed by a global or rule allowlist's regexes or stopwords. Where the text came
    /// from (commit, path) spares nothing here.
    private func accepts(
        _ rule: SecretRuleSet.Rule, secret: Range<Int>, match: Range<Int>, line: Range<Int>,
        in buffer: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard !secret.isEmpty else { return false }
        let secretBytes = UnsafeBufferPointer(rebasing: buffer[secret])
        if let threshold = rule.entropy, ShannonEntropy.bits(secretBytes) <= threshold { return false }
        let matchBytes = UnsafeBufferPointer(rebasing: buffer[match])
        let lineBytes = UnsafeBufferPointer(rebasing: buffer[line])
        for list in rules.allowlists + rule.allowlists {
            let subject: UnsafeBufferPointer<UInt8> =
                switch list.target {
                case .secret: secretBytes
                case .match: matchBytes
                case .line: lineBytes
                }
            // A search stopped by the regex limits allows nothing: the text is redacted.
            var stopped = false
            let regexAllowed = list.regexesMatch(subject, matcher: matcher, stopped: &stopped)
            if list.allowsFinding(regexAllowed: regexAllowed, secret: secretBytes, commit: "", path: "") {
                return false
            }
        }
        return true
    }
}

/// The password in `scheme://user:password@host`: after `://`, the authority runs to the first
/// `/`, `?`, `#`, blank, quote, backslash, angle bracket or control character; the user information
/// is what comes before its last `@`, and the password what follows the first `:` in that.
enum URLCredentials {
    static func find(in text: UnsafeBufferPointer<UInt8>, into found: inout [Range<Int>]) {
        var index = 0
        while index + 3 <= text.count {
            guard text[index] == UInt8(ascii: ":"), text[index + 1] == UInt8(ascii: "/"),
                text[index + 2] == UInt8(ascii: "/")
            else {
                index += 1
                continue
            }
            let start = index + 3
            var end = start
            var at: Int?
            while end < text.count, !endsAuthority(text[end]) {
                if text[end] == UInt8(ascii: "@") { at = end }
                end += 1
            }
            if let at, let colon = text[start..<at].firstIndex(of: UInt8(ascii: ":")), colon + 1 < at {
                let password = (colon + 1)..<at
                if !isReference(UnsafeBufferPointer(rebasing: text[password])) { found.append(password) }
            }
            index = max(end, start)
        }
    }

    private static func endsAuthority(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'"),
            UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: " "), 0x7F:
            true
        default:
            byte < 0x20
        }
    }

    /// `$NAME`, `${…}`, `$(…)` or `{{…}}`: a variable or template standing for the password.
    static func isReference(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, bytes.count >= 2 else { return false }
        if first == UInt8(ascii: "$") {
            let second = bytes[1]
            if second == UInt8(ascii: "{") { return last == UInt8(ascii: "}") }
            if second == UInt8(ascii: "(") { return last == UInt8(ascii: ")") }
            return bytes.dropFirst().allSatisfy { byte in
                let letter = byte | 0x20
                return byte == UInt8(ascii: "_") || (byte >= 0x30 && byte <= 0x39) || (letter >= 0x61 && letter <= 0x7A)
            }
        }
        return bytes.count >= 4 && first == UInt8(ascii: "{") && bytes[1] == UInt8(ascii: "{")
            && last == UInt8(ascii: "}") && bytes[bytes.count - 2] == UInt8(ascii: "}")
    }
}
