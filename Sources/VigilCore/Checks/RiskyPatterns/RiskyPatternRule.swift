/// One risky-pattern rule: a regex over added lines, with the keywords that must appear on a line
/// before the regex is worth running, and the files it applies to.
public struct RiskyPatternRule: Sendable {
    /// The rule id; findings are `risky-pattern.<id>`.
    public let id: String
    /// The finding title.
    public let description: String
    /// The compiled PCRE2 pattern.
    public let regex: Regex
    /// The severity of this rule's findings (a check-wide `severity` option overrides it).
    public let severity: Severity
    /// Lowercased keywords; empty means the regex runs on every line.
    public let keywords: [String]
    /// Files the rule applies to; `nil` for every file.
    public let paths: GlobSet?

    /// A rule built in code; rule files go through the same validation as the config.
    public init(
        id: String, description: String, regex: Regex, severity: Severity = .medium, keywords: [String] = [],
        paths: GlobSet? = nil
    ) {
        self.id = id
        self.description = description
        self.regex = regex
        self.severity = severity
        self.keywords = keywords.map { $0.lowercased() }
        self.paths = paths
    }

    static let ruleKeys: Set<String> = ["id", "description", "regex", "severity", "keywords", "paths"]

    /// Reads every `[[rules]]` table of a parsed rule file; all problems are thrown together, each
    /// with `file`, the rule's key (`rules[3].regex`) and line.
    static func rules(from document: ConfigTable, file: String?) throws(ConfigProblems) -> [RiskyPatternRule] {
        var problems: [ConfigProblem] = document.unknownKeys(allowed: ["rules"])
        var rules: [RiskyPatternRule] = []
        var seen: Set<String> = []
        do {
            for table in try document.tables("rules") ?? [] {
                switch parse(table) {
                case .success(let rule):
                    if seen.insert(rule.id).inserted {
                        rules.append(rule)
                    } else {
                        problems.append(table.problem("id", "duplicate rule id \"\(rule.id)\""))
                    }
                case .failure(let failure): problems += failure.problems
                }
            }
        } catch {
            problems.append(error)
        }
        if !problems.isEmpty {
            throw ConfigProblems(problems.map { problem in
                var located = problem
                located.file = file
                return located
            })
        }
        return rules
    }

    private static func parse(_ table: ConfigTable) -> Result<RiskyPatternRule, ConfigProblems> {
        var problems = table.unknownKeys(allowed: ruleKeys)
        func read<T>(_ body: () throws(ConfigProblem) -> T?) -> T? {
            do {
                return try body()
            } catch {
                problems.append(error)
                return nil
            }
        }
        let id = read { () throws(ConfigProblem) in try table.string("id") }
        let description = read { () throws(ConfigProblem) in try table.string("description") }
        let pattern = read { () throws(ConfigProblem) in try table.string("regex") }
        let severityName = read { () throws(ConfigProblem) in try table.string("severity") }
        let keywords = read { () throws(ConfigProblem) in try table.strings("keywords") } ?? []
        let pathPatterns = read { () throws(ConfigProblem) in try table.strings("paths") }

        if let id, !RiskyPatternRule.isValidID(id) {
            problems.append(table.problem("id", "expected letters, digits, \"-\", \"_\" or \".\", found \"\(id)\""))
        }
        for (key, value) in [("id", id), ("description", description), ("regex", pattern)] where value == nil {
            if table.entries[key] == nil { problems.append(table.problem(key, "missing; every rule needs one")) }
        }
        var severity = Severity.medium
        if let severityName {
            if let parsed = Severity(rawValue: severityName) {
                severity = parsed
            } else {
                let allowed = Severity.allCases.map(\.rawValue).joined(separator: ", ")
                problems.append(table.problem("severity", "expected one of \(allowed), found \"\(severityName)\""))
            }
        }
        if keywords.contains(where: \.isEmpty) {
            problems.append(table.problem("keywords", "an empty keyword would match every line"))
        }
        var regex: Regex?
        if let pattern {
            do {
                regex = try Regex(pattern)
            } catch {
                problems.append(table.problem("regex", error.description))
            }
        }
        var paths: GlobSet?
        if let pathPatterns {
            do {
                paths = try GlobSet(patterns: pathPatterns)
            } catch {
                problems.append(table.problem("paths", error.description))
            }
        }
        guard problems.isEmpty, let id, let description, let regex else {
            return .failure(ConfigProblems(problems))
        }
        return .success(
            RiskyPatternRule(
                id: id, description: description, regex: regex, severity: severity, keywords: keywords, paths: paths
            )
        )
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 100 && id.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }
}
