import VigilGit

/// `risky-pattern.<rule>`: regex rules over added lines, for commands and settings that cost dearly
/// when they slip through — `DROP TABLE`, `rm -rf $DIR`, `verify=False`, `chmod 777`,
/// `curl … | sh`, `eval` of request input, skipped git hooks, disabled auth or CSRF checks.
///
/// Options:
/// - `rules`: `"builtin"` (the default), a path to a TOML file of `[[rules]]` (see
///   `config/risky-patterns.toml` for the format), or an array of these, e.g.
///   `["builtin", "/etc/vigil/risky.local.toml"]`. Relative paths are resolved against the folder
///   of the config file. Rule ids must be unique across the sources.
/// - `disabled`: rule ids to switch off.
/// - `max_line_bytes` (default 65536): only the first bytes of a longer line are scanned. Lines
///   that long are minified or generated code, and scanning them whole would let one commit cost
///   minutes; a finding's evidence is cut short anyway.
/// - `info_in_test_strings` (default true): a match inside a string literal or comment of a test
///   file that does not run it is `info` (`QuotedTestText`); false restores the rule's severity.
/// - `record_paths` (default `["**/*.jsonl", "**/*.ndjson", "**/*.log"]`): files that record what
///   happened — AI session transcripts, logs — rather than say what will run. A match there is
///   `info`: an agent's transcript that shows it ran `git push --force` is history, and raising it
///   turned one repository's metadata branch into hundreds of alerts. `[]` restores the rules'
///   severity. Secrets are not affected: a credential in a transcript is still a leak.
///
/// A `DROP TABLE` of a table the same commit creates (a down migration) is `info` (`NewTables`).
/// One finding per rule and line, with the line's text (cut to 200 characters) as evidence.
public struct RiskyPatternCheck: ConfigurableCheck {
    public static let checkID = "risky-pattern"
    public static let defaultSeverity = Severity.medium
    public static let optionKeys: Set<String> = [
        "rules", "disabled", "max_line_bytes", "info_in_test_strings", "record_paths",
    ]

    public var id: String { Self.checkID }
    /// The rules in force, from every source, minus the disabled ones.
    public let rules: [RiskyPatternRule]
    /// Bytes of each added line that are scanned.
    public let maxLineBytes: Int
    /// One pass over a line finds every rule whose keywords it holds (the secrets scan's matcher).
    private let keywords: KeywordMatcher
    /// Per rule: true when it has no keywords, so it runs on every line.
    private let runsOnEveryLine: [Bool]
    /// Per rule: the check id its findings carry (`risky-pattern.<rule>`).
    private let checkIDs: [String]
    /// Whether matches in test data are `info`.
    public let infoInTestStrings: Bool
    /// Files whose matches are records of what happened (`info`).
    public let recordPaths: GlobSet
    private let quoted = QuotedTestText()

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        let table = options.table
        maxLineBytes = reader.integer("max_line_bytes", default: 65536, range: 1...Int.max)
        infoInTestStrings = reader.bool("info_in_test_strings", default: true)
        recordPaths = reader.globs("record_paths", default: ["**/*.jsonl", "**/*.ndjson", "**/*.log"])
        let disabled = Set(reader.strings("disabled", default: []))
        var sources = [RiskyPatternRuleSource.builtinName]
        switch table.entries["rules"]?.value {
        case nil: break
        case .string(let single): sources = [single]
        case .array(let items):
            sources = items.compactMap { if case .string(let text) = $0 { text } else { nil } }
            if sources.count != items.count {
                reader.record(table.problem("rules", "expected \"builtin\", a rule file path, or an array of these"))
            }
        case .some(let other):
            reader.record(table.problem("rules", "expected \"builtin\", a rule file path, or an array of these, "
                + "found \(other.typeName)"))
        }
        var rules: [RiskyPatternRule] = []
        var seen: Set<String> = []
        var loadedIDs: Set<String> = []
        var complete = true
        for source in sources {
            do {
                let loaded = source == RiskyPatternRuleSource.builtinName
                    ? try RiskyPatternRuleSource.builtin()
                    : try RiskyPatternRuleSource.load(path: options.resolve(path: source), key: "rules", in: table)
                loadedIDs.formUnion(loaded.map(\.id))
                for rule in loaded where !disabled.contains(rule.id) {
                    if seen.insert(rule.id).inserted {
                        rules.append(rule)
                    } else {
                        reader.record(table.problem("rules", "rule id \"\(rule.id)\" is defined twice (in \(source))"))
                    }
                }
            } catch {
                complete = false
                error.problems.forEach { reader.record($0) }
            }
        }
        // A misspelt id would leave the rule on while the operator believes it off.
        for id in disabled.sorted() where complete && !loadedIDs.contains(id) {
            reader.record(table.problem("disabled", "no rule has the id \"\(id)\""))
        }
        self.rules = rules
        keywords = KeywordMatcher(
            rules.indices.flatMap { index in rules[index].keywords.map { (keyword: $0, value: Int32(index)) } })
        runsOnEveryLine = rules.map { $0.keywords.isEmpty || $0.keywords.contains(where: \.isEmpty) }
        checkIDs = rules.map { "\(Self.checkID).\($0.id)" }
        try reader.finish()
    }

    public func run(_ context: CheckContext) -> [Finding] {
        collectAll(context)
    }

    /// Streams findings into the runner's collector: once a rule's check id is full, its matches
    /// are only counted; once the commit's deadline has passed, the scan stops before the next line.
    func run(_ context: CheckContext, into collector: inout FindingCollector) {
        var candidates = KeywordCandidates(ruleCount: rules.count)
        var gate = DeadlineGate(context.deadline)
        var reading = MatchReading(diff: context.diff)
        for file in context.diff.files where !file.addedLines.isEmpty {
            let segments = Glob.split(file.newPath)
            let applicable = rules.indices.filter { rules[$0].paths?.matches(segments: segments) ?? true }
            guard !applicable.isEmpty else { continue }
            reading.testLanguage = infoInTestStrings ? quoted.language(ofTestFile: file.newPath) : nil
            reading.isRecord = recordPaths.matches(segments: segments)
            reading.previous = nil
            for line in file.addedLines {
                if gate.passed(beforeLineOf: line.text.utf8.count) {
                    collector.stopped(id, at: file.newPath, line: line.number)
                    return
                }
                scan(line, in: file.newPath, rules: applicable, candidates: &candidates, reading: &reading,
                     into: &collector)
                reading.previous = line
            }
        }
    }

    /// What decides whether a match is read as harmless: the file's test language (when matches
    /// in test data are `info`), the line before, and the tables the commit creates.
    private struct MatchReading {
        let diff: CommitDiff
        var testLanguage: TestLanguage?
        /// The file is a transcript or log (`record_paths`).
        var isRecord = false
        var previous: DiffLine?
        /// Built on the first `DROP TABLE` match, as most commits have none.
        var newTables: NewTables?
    }

    /// `info` when the match is in a record, is test data, or drops a table the commit creates;
    /// `nil` otherwise.
    private func harmlessSeverity(
        _ match: String, on line: DiffLine, reading: inout MatchReading
    ) -> Severity? {
        if reading.isRecord { return .info }
        if let language = reading.testLanguage {
            let previous = reading.previous.flatMap { $0.number == line.number - 1 ? $0.text : nil }
            if quoted.isData(match, line: line.text, previous: previous, language: language) { return .info }
        }
        if match.lowercased().contains("drop") {
            if reading.newTables == nil { reading.newTables = NewTables(reading.diff) }
            if reading.newTables?.dropsNewTable(line.text) == true { return .info }
        }
        return nil
    }

    private func scan(
        _ line: DiffLine, in path: String, rules indices: [Int], candidates: inout KeywordCandidates,
        reading: inout MatchReading, into collector: inout FindingCollector
    ) {
        var text = line.text.utf8.count > maxLineBytes ? LineText.prefix(line.text, bytes: maxLineBytes) : line.text
        candidates.clear()
        text.withUTF8 { bytes in
            keywords.forEachMatch(in: bytes) { candidates.mark(Int($0)) }
        }
        for index in indices where runsOnEveryLine[index] || candidates.contains(index) {
            let check = checkIDs[index]
            if collector.isFull(check) {
                // Only counted: no evidence, hash or finding is built past the cap.
                guard rules[index].regex.matches(text) else { continue }
                collector.addUnlisted(check: check, severity: rules[index].severity, path: path, line: line.number)
                continue
            }
            var stopped = false
            guard let match = rules[index].regex.firstMatch(in: text, stoppedByLimit: &stopped) else {
                if stopped { RegexLimitLog.record(RegexLimitHit(source: check, path: path, line: line.number)) }
                continue
            }
            let harmless = harmlessSeverity(match.text, on: line, reading: &reading)
            collector.add(
                Finding(
                    check: check, severity: harmless ?? rules[index].severity,
                    title: rules[index].description, path: path, line: line.number,
                    evidence: LineText.evidence(line.text), matchHash: SHA256Hex.digest(match.text)
                ),
                keepingSeverity: harmless != nil
            )
        }
    }
}

extension RiskyPatternCheck: StreamingCheck {}

/// The rules whose keywords occur on the current line: one flag per rule, and the flags set, so
/// that clearing costs only what the line marked (a keyword of a rule that does not apply to the
/// file is marked too, and must not stay marked for the next line).
private struct KeywordCandidates {
    private var flags: [Bool]
    private var marked: [Int] = []

    init(ruleCount: Int) {
        flags = [Bool](repeating: false, count: ruleCount)
    }

    func contains(_ rule: Int) -> Bool { flags[rule] }

    mutating func mark(_ rule: Int) {
        guard !flags[rule] else { return }
        flags[rule] = true
        marked.append(rule)
    }

    mutating func clear() {
        for rule in marked { flags[rule] = false }
        marked.removeAll(keepingCapacity: true)
    }
}
