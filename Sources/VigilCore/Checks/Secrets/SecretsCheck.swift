import VigilGit

/// `secrets.<rule>`: a secret in an added line of a text file, found with gitleaks-format rules
/// (regex, keywords, entropy, allowlists), or a file whose name alone marks it as a secret (a
/// `.p12` keystore, via a path-only rule).
///
/// Options in `[checks.secrets]`:
/// - `rules`: `"builtin"` (the default, `BuiltinSecretRules`) or the path of a gitleaks TOML rule
///   file, relative to the config file's folder; such a file can build on the built-in rules with
///   `[extend] useDefault = true`.
/// - `disabled`: rule ids to switch off, each of which must exist.
/// - `max_line_length`: lines up to this many bytes (default 4096) are scanned whole; longer ones
///   (minified bundles, data blobs) are scanned in windows of this size overlapping by half, so
///   nothing is skipped, the cost stays linear, and secrets up to half the size are found anywhere.
/// - `info_in_test_strings` (default true): a non-specific rule's hit (the generic rules and
///   `database-url-password`, which match any value assigned to a secret-like name) inside a string
///   literal or comment of a test file that does not run it is `info`: a fixture's placeholder, not
///   a credential (`QuotedTestText`). False restores the rule's severity. Specific credential
///   formats (AWS, GitHub, Stripe, private keys, …) keep their severity everywhere.
///
/// Matching follows gitleaks: a keyword prefilter picks the rules worth running, then each
/// rule's regex, secret group, entropy threshold and allowlists decide; `gitleaks:allow` or
/// `vigil:allow` on a line suppresses it. Each added line is scanned on its own, except rules whose
/// pattern explicitly crosses line ends (private key blocks), which see each run of consecutive
/// added lines. Files with no text new side (binary, over the size limit) get only the path
/// rules; removed lines are never scanned.
///
/// Severity: the operator's `severity` for the check when set, else the rule's own `severity`
/// (built-in private keys and cloud credentials are `critical`), else `high`. Evidence is always
/// redacted (`SecretRedaction`); the finding's `matchHash` is the SHA-256 of the whole secret.
public struct SecretsCheck: ConfigurableCheck {
    /// The family prefix: findings are `secrets.<rule-id>`.
    public static let checkID = "secrets"
    /// For rules that set no `severity` of their own.
    public static let defaultSeverity = Severity.high
    public static let optionKeys: Set<String> = ["rules", "disabled", "max_line_length", "info_in_test_strings"]
    /// Built-in rules that are not generic by name but match any value of a common shape.
    static let nonSpecificRuleIDs: Set<String> = ["database-url-password"]
    /// The value of `rules` that names the built-in set.
    public static let builtinRules = "builtin"
    /// Lines up to this many bytes are scanned whole.
    public static let defaultMaxLineLength = 4096

    public var id: String { Self.checkID }
    /// The rule file in use (`builtin` or its path).
    public let source: String
    /// The rules that run, after `disabled`.
    public let ruleIDs: [String]
    /// The compiled rules; also what `Redactor` applies to every text an alert carries.
    let ruleSet: SecretRuleSet
    private let severity: Severity?
    private let maxLineLength: Int
    /// Whether non-specific hits in test data are `info`.
    public let infoInTestStrings: Bool
    private let quoted = QuotedTestText()

    /// Builds the check from `[checks.secrets]`, loading and compiling the rules once, and reports
    /// every problem (unknown option, unreadable or invalid rule file) with its key and line.
    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        let table = options.table
        let maxLineLength = reader.integer(
            "max_line_length", default: Self.defaultMaxLineLength, range: 256...(16 << 20))
        let disabled = reader.strings("disabled", default: [])
        let infoInTestStrings = reader.bool("info_in_test_strings", default: true)
        var name = Self.builtinRules
        do {
            name = try table.string("rules") ?? name
        } catch {
            reader.record(error)
        }
        var rules: GitleaksRuleFile?
        let path = options.resolve(path: name)
        do {
            rules = name == Self.builtinRules ? try GitleaksRuleFile.builtin() : try GitleaksRuleFile.load(path: path)
        } catch {
            for problem in error.problems {
                // A file that cannot be read is this option's problem; problems inside it name the file.
                if problem.key == ConfigFileReader.fileKey, problem.file == path {
                    reader.record(table.problem("rules", "cannot use rule file \"\(path)\": \(problem.message)"))
                } else {
                    reader.record(problem)
                }
            }
        }
        // A misspelt id would leave the rule on while the operator believes it off.
        let known = Set(rules?.rules.map(\.id) ?? [])
        for id in disabled where rules != nil && !known.contains(id) {
            reader.record(table.problem("disabled", "no rule has the id \"\(id)\" in \(name)"))
        }
        try reader.finish()
        guard let rules else { throw ConfigProblems([table.problem("rules", "no rules could be loaded")]) }
        self.init(
            rules: rules, disabledRules: Set(disabled), severity: options.severity, maxLineLength: maxLineLength,
            infoInTestStrings: infoInTestStrings)
    }

    /// A check over an already loaded rule file (for embedding and tests).
    public init(
        rules: GitleaksRuleFile, disabledRules: Set<String> = [], severity: Severity? = nil,
        maxLineLength: Int = SecretsCheck.defaultMaxLineLength, infoInTestStrings: Bool = true
    ) {
        self.infoInTestStrings = infoInTestStrings
        ruleSet = SecretRuleSet(rules, disabled: disabledRules)
        source = rules.source
        ruleIDs = ruleSet.rules.map(\.id)
        self.severity = severity
        self.maxLineLength = maxLineLength
    }

    /// The secrets in the commit's added lines (and path-rule matches on its changed files).
    public func run(_ context: CheckContext) -> [Finding] {
        collectAll(context)
    }

    /// Streams findings into the runner's collector: past a rule's cap, hits are only counted;
    /// once the commit's deadline has passed, the scan stops before the next line.
    func run(_ context: CheckContext, into collector: inout FindingCollector) {
        let scan = SecretScan(
            set: ruleSet, commit: context.commit.id.hex, window: maxLineLength, deadline: context.deadline)
        for file in context.diff.files {
            let hits = scan.scan(file)
            if !hits.isEmpty { collect(hits, in: file, into: &collector) }
            if let line = scan.stoppedBeforeLine {
                collector.stopped(id, at: file.path, line: line)
                return
            }
        }
    }

    /// Turns one file's hits into findings: drops repeats of the same secret by the same rule on
    /// the same line, and a generic rule's hit when a specific rule found a secret containing it
    /// on that line (as gitleaks does). Past a rule's cap, hits are counted, not redacted and built.
    private func collect(_ hits: [SecretScan.Hit], in file: FileChange, into collector: inout FindingCollector) {
        let path = file.path
        let testLanguage = infoInTestStrings ? quoted.language(ofTestFile: file.newPath) : nil
        var seen: Set<SecretScan.Hit> = []
        let unique = hits.filter { seen.insert($0).inserted }
        let specific = Dictionary(grouping: unique.filter { !ruleSet.rules[$0.rule].isGeneric }, by: \.line)
        let ordered = unique.sorted { left, right in
            (left.line ?? 0, ruleSet.rules[left.rule].id) < (right.line ?? 0, ruleSet.rules[right.rule].id)
        }
        for hit in ordered {
            let rule = ruleSet.rules[hit.rule]
            if rule.isGeneric, let secret = hit.secret, specific[hit.line]?.contains(where: { other in
                other.secret.map { Self.bytes($0, contain: secret) } ?? false
            }) == true {
                continue
            }
            var severity = self.severity ?? rule.severity ?? Self.defaultSeverity
            let isTestData = testLanguage.map { readsAsTestData(hit, rule: rule, in: file, language: $0) } ?? false
            if isTestData { severity = .info }
            if collector.isFull(rule.check) {
                collector.addUnlisted(
                    check: rule.check, severity: severity, path: path, line: hit.line, keepingSeverity: isTestData)
                continue
            }
            let evidence: String
            let hash: String
            if let secret = hit.secret {
                (evidence, hash) = SecretRedaction.redact(secret)
            } else {
                evidence = "file name matches the rule's path pattern; contents not inspected"
                hash = SHA256Hex.digest("path:" + path)
            }
            collector.add(
                Finding(
                    check: rule.check, severity: severity, title: rule.title,
                    path: path, line: hit.line, evidence: evidence, matchHash: hash),
                keepingSeverity: isTestData)
        }
    }

    /// True when a non-specific rule's hit sits in a test file's string literal that nothing runs.
    private func readsAsTestData(
        _ hit: SecretScan.Hit, rule: SecretRuleSet.Rule, in file: FileChange, language: TestLanguage
    ) -> Bool {
        guard rule.isGeneric || Self.nonSpecificRuleIDs.contains(rule.id), let secret = hit.secret,
            let number = hit.line, let text = LineText.text(ofLine: number, in: file.addedLines)
        else { return false }
        let previous = LineText.text(ofLine: number - 1, in: file.addedLines)
        return quoted.isData(
            String(decoding: secret, as: UTF8.self), line: text, previous: previous, language: language)
    }

    private static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}

extension SecretsCheck: StreamingCheck {}
