/// A rule file prepared for scanning: one keyword automaton for all rules, each rule's traits
/// worked out, stopword automata built. Made once when the check is configured and shared,
/// read-only, by every scan; nothing is compiled per commit.
struct SecretRuleSet: Sendable {
    struct Rule: Sendable {
        let id: String
        /// `secrets.<id>`
        let check: String
        let title: String
        let regex: Regex?
        let path: Regex?
        let secretGroup: Int
        let entropy: Double?
        let severity: Severity?
        /// Runs over each run of consecutive added lines rather than line by line (see `RE2Pattern`).
        let spansLines: Bool
        /// gitleaks drops a generic rule's finding when a specific rule found the same secret.
        let isGeneric: Bool
        let allowlists: [Allowlist]
    }

    let rules: [Rule]
    /// Keyword → index of every rule listing it.
    let keywords: KeywordMatcher
    /// Content rules without keywords: they run on every line.
    let unconditional: [Int32]
    /// Rules with a path and no regex: they flag the file itself.
    let pathOnly: [Int]
    /// Allowlists for every rule.
    let allowlists: [Allowlist]
    /// How many allowlists there are in all (global and per rule); each has its own `index`.
    let allowlistCount: Int
    let maxCaptureCount: Int

    init(_ file: GitleaksRuleFile, disabled: Set<String> = []) {
        var rules: [Rule] = []
        var entries: [(keyword: String, value: Int32)] = []
        var unconditional: [Int32] = []
        var pathOnly: [Int] = []
        var captures = 0
        var lists = 0
        func prepare(_ list: SecretAllowlist) -> Allowlist {
            lists += 1
            return Allowlist(list, index: lists - 1)
        }
        self.allowlists = file.allowlists.map(prepare)
        for rule in file.rules where !rule.skipReport && !disabled.contains(rule.id) {
            let index = rules.count
            let description = rule.description.isEmpty ? "Secret matching rule \(rule.id)" : rule.description
            rules.append(Rule(
                id: rule.id, check: "\(SecretsCheck.checkID).\(rule.id)", title: description, regex: rule.regex,
                path: rule.path, secretGroup: rule.secretGroup, entropy: rule.entropy, severity: rule.severity,
                spansLines: rule.regex.map { RE2Pattern.spansLines($0.pattern) } ?? false,
                isGeneric: rule.id.lowercased().contains("generic"), allowlists: rule.allowlists.map(prepare)))
            captures = max(captures, rule.regex?.captureCount ?? 0)
            if rule.regex == nil {
                pathOnly.append(index)
            } else if rule.keywords.isEmpty {
                unconditional.append(Int32(index))
            } else {
                entries += rule.keywords.map { ($0, Int32(index)) }
            }
        }
        self.rules = rules
        self.keywords = KeywordMatcher(entries)
        self.unconditional = unconditional
        self.pathOnly = pathOnly
        self.allowlistCount = lists
        self.maxCaptureCount = captures
    }
}

// MARK: - Allowlists

extension SecretRuleSet {
    /// An allowlist ready to evaluate, with gitleaks' semantics: with `OR`, a commit or path match
    /// skips the whole file and a regex or stopword match skips the finding; with `AND`, every
    /// check that is set must agree.
    struct Allowlist: Sendable {
        let condition: SecretAllowlist.Condition
        let commits: Set<String>
        let paths: [Regex]
        let regexes: [Regex]
        let target: SecretAllowlist.Target
        let stopwords: KeywordMatcher?
        /// A number unique within the rule set, so a scan can cache per-line results.
        let index: Int

        init(_ list: SecretAllowlist, index: Int) {
            self.index = index
            condition = list.condition
            commits = Set(list.commits)
            paths = list.paths
            regexes = list.regexes
            target = list.regexTarget
            stopwords = list.stopwords.isEmpty ? nil : KeywordMatcher(list.stopwords.map { ($0, 0) })
        }

        /// Whether every finding in this file of this commit is allowed, before any content is read.
        func allowsFile(commit: String, path: String) -> Bool {
            let commitAllowed = commits.contains(commit)
            let pathAllowed = paths.contains { $0.matches(path) }
            switch condition {
            case .or:
                return commitAllowed || pathAllowed
            case .and:
                // Content checks decide later; commit and path alone cannot allow the file.
                if !regexes.isEmpty || stopwords != nil { return false }
                return (commits.isEmpty || commitAllowed) && (paths.isEmpty || pathAllowed)
                    && !(commits.isEmpty && paths.isEmpty)
            }
        }

        /// Whether any of the regexes matches `subject` (the secret, match or line, per `target`).
        /// `matcher` is the scan's regex scratch; its last match is overwritten. A regex stopped by
        /// `RegexLimits` counts as not matching and sets `stopped`.
        func regexesMatch(_ subject: UnsafeBufferPointer<UInt8>, matcher: RegexMatcher, stopped: inout Bool) -> Bool {
            for regex in regexes {
                if matcher.firstMatch(regex, in: subject) != nil { return true }
                if matcher.stoppedByLimit { stopped = true }
            }
            return false
        }

        /// Whether one would-be finding is allowed, given whether the regexes matched their target.
        func allowsFinding(regexAllowed: Bool, secret: UnsafeBufferPointer<UInt8>, commit: String, path: String)
            -> Bool
        {
            let stopwordFound = stopwords?.containsAny(secret) ?? false
            switch condition {
            case .or:
                return regexAllowed || stopwordFound
            case .and:
                var checks: [Bool] = []
                if !commits.isEmpty { checks.append(commits.contains(commit)) }
                if !paths.isEmpty { checks.append(paths.contains { $0.matches(path) }) }
                if !regexes.isEmpty { checks.append(regexAllowed) }
                if stopwords != nil { checks.append(stopwordFound) }
                return !checks.isEmpty && checks.allSatisfy { $0 }
            }
        }
    }
}

extension SecretRuleSet.Rule {
    /// The secret within a match: the rule's `secretGroup`, else the first group that matched
    /// something, else the whole match. Reads `matcher`'s groups, so call it straight after the
    /// match. The secrets check and the redaction of alert text pick secrets the same way.
    func secretRange(of match: Range<Int>, groupsIn matcher: RegexMatcher) -> Range<Int> {
        guard let regex, regex.captureCount > 0 else { return match }
        if secretGroup > 0 {
            return matcher.group(secretGroup) ?? match.lowerBound..<match.lowerBound
        }
        for group in 1...regex.captureCount {
            if let range = matcher.group(group), !range.isEmpty { return range }
        }
        return match
    }
}
