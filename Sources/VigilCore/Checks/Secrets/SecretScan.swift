import VigilGit

/// One commit's secrets scan. It owns the scratch state (regex match data, keyword stamps, gates)
/// so that a line costs one keyword pass plus the regexes of the rules whose keywords it holds,
/// with no allocation unless something is found. Made per `SecretsCheck.run`, used by one task.
final class SecretScan {
    /// A match that passed every filter, before it becomes a `Finding`.
    struct Hit: Hashable {
        var rule: Int
        var line: Int?
        /// The secret's bytes; `nil` for a path-only rule, which has no content.
        var secret: [UInt8]?
    }

    let set: SecretRuleSet
    let commit: String
    let window: Int
    let step: Int
    let matcher: RegexMatcher
    var path = ""
    /// Per rule: the window in which it was last made a candidate (dedupes keyword hits).
    var stamps: [Int]
    var stamp = 0
    var candidates: [Int32] = []
    /// Per rule, for the current file: 0 not yet decided, 1 runs, 2 skipped (path or allowlist).
    var gates: [UInt8]
    /// Line-spanning rules whose keywords occur in the current run of added lines.
    var runRules: [Int32] = []
    var runStamps: [Int]
    var runStamp = 1
    var hits: [Hit] = []
    /// Numbers each scanned line (and each line-spanning match), keying the per-line caches below.
    var lineSerial = 0
    var inlineAllowLine = -1
    var inlineAllowed = false
    /// Per allowlist: the line whose `regexTarget = "line"` result is cached, and that result.
    var listLines: [Int]
    var listAllowed: [Bool]
    /// The commit's time budget, looked at between lines.
    var gate: DeadlineGate
    /// The line the scan stopped before because the time budget ran out; `nil` while it has not.
    private(set) var stoppedBeforeLine: Int?
    /// Per rule: the line (by `lineSerial`) on which its regex was stopped by `RegexLimits`; it
    /// is not tried again in that line's later windows.
    var limitedLines: [Int]
    /// Set when an allowlist regex applied to the current match was stopped by `RegexLimits`.
    var allowlistStopped = false

    /// `window` is the longest line scanned whole; longer lines are scanned in windows of that
    /// many bytes, each overlapping the next by half, so secrets up to `window / 2` bytes long
    /// are found wherever they sit.
    init(set: SecretRuleSet, commit: String, window: Int, deadline: Deadline? = nil) {
        gate = DeadlineGate(deadline)
        self.set = set
        self.commit = commit
        self.window = max(window, 64)
        self.step = max(window, 64) / 2
        matcher = RegexMatcher(captureCount: set.maxCaptureCount)
        stamps = [Int](repeating: -1, count: set.rules.count)
        gates = [UInt8](repeating: 0, count: set.rules.count)
        runStamps = [Int](repeating: 0, count: set.rules.count)
        listLines = [Int](repeating: -1, count: set.allowlistCount)
        listAllowed = [Bool](repeating: false, count: set.allowlistCount)
        limitedLines = [Int](repeating: -1, count: set.rules.count)
    }

    /// Scans one changed file's added lines (and, for path rules, its name) and returns its hits.
    func scan(_ file: FileChange) -> [Hit] {
        hits.removeAll(keepingCapacity: true)
        guard file.status != .deleted else { return [] }
        path = file.path
        if set.allowlists.contains(where: { $0.allowsFile(commit: commit, path: path) }) { return [] }
        for index in gates.indices { gates[index] = 0 }
        for index in set.pathOnly where set.rules[index].path?.matches(path) == true && gate(index) {
            hits.append(Hit(rule: index, line: nil, secret: nil))
        }
        guard !file.addedLines.isEmpty, stoppedBeforeLine == nil else { return hits }
        scanLines(file.addedLines)
        return hits
    }

    // MARK: - Lines and windows

    private func scanLines(_ lines: [DiffLine]) {
        var runStart = 0
        for index in lines.indices {
            if gate.passed(beforeLineOf: lines[index].text.utf8.count) {
                stoppedBeforeLine = lines[index].number
                finishRun(lines[runStart..<index])
                return
            }
            if index > runStart, lines[index].number != lines[index - 1].number + 1 {
                finishRun(lines[runStart..<index])
                runStart = index
            }
            var text = lines[index].text
            text.withUTF8 { scanLine($0, number: lines[index].number) }
        }
        finishRun(lines[runStart...])
    }

    private func scanLine(_ bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        lineSerial &+= 1
        guard bytes.count > window else {
            scanWindow(bytes, number: number, start: 0, end: bytes.count, acceptBelow: bytes.count)
            return
        }
        var start = 0
        while true {
            let end = Self.characterBoundary(in: bytes, atOrBefore: min(bytes.count, start + window), after: start)
            let next = Self.characterBoundary(in: bytes, atOrAfter: start + step)
            let last = end == bytes.count
            scanWindow(bytes, number: number, start: start, end: end, acceptBelow: last ? end : next)
            if last || next >= end { break }
            start = next
        }
    }

    /// Runs the candidate rules over `bytes[start..<end]`, keeping matches that begin before
    /// `acceptBelow` (later ones belong to the next window). Text before `start` is visible to
    /// lookbehind and `\b`, so a window behaves like its line.
    private func scanWindow(_ bytes: UnsafeBufferPointer<UInt8>, number: Int, start: Int, end: Int, acceptBelow: Int) {
        stamp &+= 1
        candidates.removeAll(keepingCapacity: true)
        set.keywords.forEachMatch(in: UnsafeBufferPointer(rebasing: bytes[start..<end])) { value in
            if stamps[Int(value)] != stamp {
                stamps[Int(value)] = stamp
                candidates.append(value)
            }
        }
        candidates.append(contentsOf: set.unconditional)
        guard !candidates.isEmpty else { return }
        let subject = UnsafeBufferPointer(rebasing: bytes[0..<end])
        for candidate in candidates {
            let index = Int(candidate)
            let rule = set.rules[index]
            if rule.spansLines {
                if runStamps[index] != runStamp {
                    runStamps[index] = runStamp
                    runRules.append(candidate)
                }
                continue
            }
            guard let regex = rule.regex, limitedLines[index] != lineSerial, gate(index) else { continue }
            var from = start
            while from <= end, let range = matcher.firstMatch(regex, in: subject, from: from),
                range.lowerBound < acceptBelow
            {
                let secret = rule.secretRange(of: range, groupsIn: matcher)
                consider(index, secret: secret, match: range, line: 0..<bytes.count, in: bytes, number: number)
                from = range.isEmpty ? range.upperBound + 1 : range.upperBound
            }
            if matcher.stoppedByLimit {
                limitedLines[index] = lineSerial
                recordLimitHit(index, line: number)
            }
        }
    }

    /// Runs the line-spanning rules triggered in a run of consecutive added lines over the run.
    private func finishRun(_ lines: ArraySlice<DiffLine>) {
        defer {
            runRules.removeAll(keepingCapacity: true)
            runStamp &+= 1
        }
        guard !runRules.isEmpty else { return }
        var buffer: [UInt8] = []
        var starts: [Int] = []
        for line in lines {
            if !starts.isEmpty { buffer.append(UInt8(ascii: "\n")) }
            starts.append(buffer.count)
            buffer.append(contentsOf: line.text.utf8)
        }
        let numbers = lines.map(\.number)
        buffer.withUnsafeBufferPointer { subject in
            for candidate in runRules {
                let index = Int(candidate)
                guard let regex = set.rules[index].regex, gate(index) else { continue }
                var from = 0
                while from <= subject.count, let whole = matcher.firstMatch(regex, in: subject, from: from) {
                    from = whole.isEmpty ? whole.upperBound + 1 : whole.upperBound
                    // gitleaks trims line feeds from the ends of a match.
                    let match = Self.trimmingLineFeeds(whole, in: subject)
                    let secret = set.rules[index].secretRange(of: match, groupsIn: matcher)
                    let first = Self.lineIndex(of: match.lowerBound, starts: starts)
                    let last = Self.lineIndex(of: max(match.lowerBound, match.upperBound - 1), starts: starts)
                    let lineEnd = last + 1 < starts.count ? starts[last + 1] - 1 : subject.count
                    let number = numbers[Self.lineIndex(of: secret.lowerBound, starts: starts)]
                    let line = starts[first]..<lineEnd
                    lineSerial &+= 1
                    consider(index, secret: secret, match: match, line: line, in: subject, number: number)
                }
                if matcher.stoppedByLimit { recordLimitHit(index, line: numbers.first) }
            }
        }
    }
}
