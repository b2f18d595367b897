/// What decides whether a regex match is a secret worth reporting, in gitleaks' order: the file
/// gates (rule path, commit and path allowlists), the secret group, inline `gitleaks:allow` or
/// `vigil:allow`, the entropy threshold, then global and rule allowlists.
extension SecretScan {
    /// Whether rule `index` applies to the current file; decided once per file.
    func gate(_ index: Int) -> Bool {
        if gates[index] == 0 {
            let rule = set.rules[index]
            var open = rule.path?.matches(path) ?? true
            if open, rule.allowlists.contains(where: { $0.allowsFile(commit: commit, path: path) }) { open = false }
            gates[index] = open ? 1 : 2
        }
        return gates[index] == 1
    }

    /// Applies the filters to one match and records it when it survives. `line` is the range of
    /// the whole line (or lines) the match is on; all ranges index `buffer`.
    func consider(
        _ index: Int, secret: Range<Int>, match: Range<Int>, line: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>,
        number: Int
    ) {
        guard !secret.isEmpty else { return }
        let rule = set.rules[index]
        let lineBytes = UnsafeBufferPointer(rebasing: buffer[line])
        // What depends only on the line is worked out once per line: a long line can hold
        // thousands of matches, and rescanning it for each would be quadratic.
        if inlineAllowLine != lineSerial {
            inlineAllowLine = lineSerial
            inlineAllowed = Self.hasInlineAllow(lineBytes)
        }
        if inlineAllowed { return }
        let secretBytes = UnsafeBufferPointer(rebasing: buffer[secret])
        if let threshold = rule.entropy, ShannonEntropy.bits(secretBytes) <= threshold { return }
        let matchBytes = UnsafeBufferPointer(rebasing: buffer[match])
        allowlistStopped = false
        for list in set.allowlists where allows(list, secret: secretBytes, match: matchBytes, line: lineBytes) {
            return
        }
        for list in rule.allowlists where allows(list, secret: secretBytes, match: matchBytes, line: lineBytes) {
            return
        }
        if allowlistStopped {
            // An allowlist that could not decide does not allow: the finding stands, and the stop is told.
            recordLimitHit(index, line: number, allowlist: true)
        }
        hits.append(Hit(rule: index, line: number, secret: Array(secretBytes)))
    }

    /// Records that rule `index` (or one of the allowlists applied to it) was stopped by
    /// `RegexLimits` on `line` of the current file, so the caller can report what was not checked.
    func recordLimitHit(_ index: Int, line: Int?, allowlist: Bool = false) {
        let check = set.rules[index].check
        RegexLimitLog.record(RegexLimitHit(source: allowlist ? check + " allowlist" : check, path: path, line: line))
    }

    private func allows(
        _ list: SecretRuleSet.Allowlist, secret: UnsafeBufferPointer<UInt8>, match: UnsafeBufferPointer<UInt8>,
        line: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let regexAllowed: Bool
        var stopped = false
        switch list.target {
        case .secret:
            regexAllowed = list.regexesMatch(secret, matcher: matcher, stopped: &stopped)
        case .match:
            regexAllowed = list.regexesMatch(match, matcher: matcher, stopped: &stopped)
        case .line:
            if listLines[list.index] != lineSerial {
                listLines[list.index] = lineSerial
                listAllowed[list.index] = list.regexesMatch(line, matcher: matcher, stopped: &stopped)
            }
            regexAllowed = listAllowed[list.index]
        }
        if stopped { allowlistStopped = true }
        return list.allowsFinding(regexAllowed: regexAllowed, secret: secret, commit: commit, path: path)
    }

    // MARK: - Byte helpers

    private static let inlineMarkers: [[UInt8]] = [Array("gitleaks:allow".utf8), Array("vigil:allow".utf8)]

    /// True when the line carries `gitleaks:allow` or `vigil:allow` (case-sensitive, as gitleaks).
    static func hasInlineAllow(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= 11 else { return false }
        for index in 0..<line.count where line[index] == UInt8(ascii: ":") {
            for marker in inlineMarkers {
                let colon = marker.firstIndex(of: UInt8(ascii: ":")) ?? 0
                guard index >= colon, index - colon + marker.count <= line.count else { continue }
                let start = index - colon
                if UnsafeBufferPointer(rebasing: line[start..<(start + marker.count)]).elementsEqual(marker) {
                    return true
                }
            }
        }
        return false
    }

    /// `offset`, moved back to the start of a UTF-8 character, but not to or before `floor`.
    static func characterBoundary(
        in bytes: UnsafeBufferPointer<UInt8>, atOrBefore offset: Int, after floor: Int
    ) -> Int {
        var position = offset
        while position < bytes.count, position > floor + 1, bytes[position] & 0xC0 == 0x80 { position -= 1 }
        return position
    }

    /// `offset`, moved forward to the start of a UTF-8 character.
    static func characterBoundary(in bytes: UnsafeBufferPointer<UInt8>, atOrAfter offset: Int) -> Int {
        var position = min(offset, bytes.count)
        while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
        return position
    }

    static func trimmingLineFeeds(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == UInt8(ascii: "\n") { lower += 1 }
        while upper > lower, bytes[upper - 1] == UInt8(ascii: "\n") { upper -= 1 }
        return lower..<upper
    }

    /// The index of the line holding byte `offset`, given each line's starting offset.
    static func lineIndex(of offset: Int, starts: [Int]) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
