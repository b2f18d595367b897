/// One rule file's own contents, before `[extend]` is resolved.
struct ParsedRuleFile {
    /// `[extend]`: another rule set this file builds on.
    struct Extend {
        var path: String?
        var useDefault: Bool
        var disabledRules: [String]
        var table: ConfigTable
    }

    var extend: Extend?
    /// In file order. A rule may lack both `regex` and `path` here when it overrides an extended one.
    var rules: [SecretRule] = []
    /// `[allowlist]` and `[[allowlists]]`, including those aimed at some rules with `targetRules`.
    var allowlists: [SecretAllowlist] = []
    /// Ids of rules that already have a problem reported, so later checks do not pile on.
    var invalid: Set<String> = []
}

/// Reads a rule file's tables into typed rules, collecting every problem (with key and line)
/// rather than stopping at the first, so an operator can fix a file in one go.
enum GitleaksRuleParser {
    static let topLevelKeys: Set<String> = [
        "title", "description", "minVersion", "extend", "rules", "allowlist", "allowlists",
    ]
    static let ruleKeys: Set<String> = [
        "id", "description", "regex", "secretGroup", "entropy", "keywords", "path", "tags", "allowlist",
        "allowlists", "skipReport", "required", "severity",
    ]
    static let allowlistKeys: Set<String> = [
        "description", "condition", "commits", "paths", "regexes", "regexTarget", "stopwords",
    ]
    static let extendKeys: Set<String> = ["path", "url", "useDefault", "disabledRules"]

    static func parse(_ root: ConfigTable, problems: inout [ConfigProblem]) -> ParsedRuleFile {
        var reader = Reader()
        reader.problems.append(contentsOf: root.unknownKeys(allowed: topLevelKeys))
        var parsed = ParsedRuleFile()
        if let table = reader.read({ () throws(ConfigProblem) in try root.table("extend") }) {
            parsed.extend = parseExtend(table, reader: &reader)
        }
        var seen: [String: Int?] = [:]
        let ruleTables = reader.read { () throws(ConfigProblem) in try root.tables("rules") } ?? []
        for (index, table) in ruleTables.enumerated() {
            let before = reader.problems.count
            guard let rule = parseRule(table, index: index, reader: &reader) else { continue }
            if reader.problems.count > before { parsed.invalid.insert(rule.id) }
            if let first = seen[rule.id] {
                let at = first.map { " (first defined on line \($0))" } ?? ""
                reader.problems.append(ConfigProblem(
                    key: "rules.\(rule.id).id", line: rule.line, message: "duplicate rule id\(at)"))
                continue
            }
            seen[rule.id] = rule.line
            parsed.rules.append(rule)
        }
        if let table = reader.read({ () throws(ConfigProblem) in try root.table("allowlist") }) {
            if let list = parseAllowlist(table, path: "allowlist", global: false, reader: &reader) {
                parsed.allowlists.append(list)
            }
        }
        let globals = reader.read { () throws(ConfigProblem) in try root.tables("allowlists") } ?? []
        for (index, table) in globals.enumerated() {
            if let list = parseAllowlist(table, path: "allowlists[\(index)]", global: true, reader: &reader) {
                parsed.allowlists.append(list)
            }
        }
        problems.append(contentsOf: reader.problems)
        return parsed
    }

    // MARK: - Rules

    private static func parseRule(_ raw: ConfigTable, index: Int, reader: inout Reader) -> SecretRule? {
        var table = raw
        table.path = "rules[\(index)]"
        guard let id = reader.read({ () throws(ConfigProblem) in try table.string("id") }) else {
            if table.entries["id"] == nil { reader.problems.append(table.problem("id", "every rule needs an id")) }
            return nil
        }
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            reader.problems.append(table.problem("id", "must be non-empty, without spaces or control characters"))
            return nil
        }
        table.path = "rules.\(id)"
        reader.problems.append(contentsOf: table.unknownKeys(allowed: ruleKeys))
        var rule = SecretRule(id: id, line: table.line(of: "id"))
        rule.description = reader.read { () throws(ConfigProblem) in try table.string("description") } ?? ""
        rule.regex = reader.pattern(table, "regex")
        rule.path = reader.pattern(table, "path")
        rule.secretGroup = reader.read { () throws(ConfigProblem) in
            try table.integer("secretGroup", range: 0...999)
        } ?? 0
        if let entropy = reader.read({ () throws(ConfigProblem) in try table.double("entropy") }) {
            if entropy < 0 || !entropy.isFinite {
                reader.problems.append(table.problem("entropy", "must be zero or more, found \(entropy)"))
            } else if entropy > 0 {
                rule.entropy = entropy
            }
        }
        rule.keywords = reader.words(table, "keywords")
        rule.tags = reader.read { () throws(ConfigProblem) in try table.strings("tags") } ?? []
        if let name = reader.read({ () throws(ConfigProblem) in try table.string("severity") }) {
            if let severity = Severity(rawValue: name) {
                rule.severity = severity
            } else {
                let allowed = Severity.allCases.map(\.rawValue).joined(separator: ", ")
                reader.problems.append(table.problem("severity", "expected one of \(allowed), found \"\(name)\""))
            }
        }
        rule.skipReport = reader.read { () throws(ConfigProblem) in try table.bool("skipReport") } ?? false
        if table.entries["required"] != nil {
            reader.problems.append(table.problem(
                "required", "composite rules ([[rules.required]]) are not supported by Vigil"))
        }
        rule.allowlists = ruleAllowlists(table, reader: &reader)
        return rule
    }

    private static func ruleAllowlists(_ table: ConfigTable, reader: inout Reader) -> [SecretAllowlist] {
        let single = reader.read { () throws(ConfigProblem) in try table.table("allowlist") }
        let many = reader.read { () throws(ConfigProblem) in try table.tables("allowlists") } ?? []
        if single != nil, !many.isEmpty {
            reader.problems.append(table.problem(
                "allowlist", "use either [rules.allowlist] or [[rules.allowlists]], not both"))
        }
        var lists: [SecretAllowlist] = []
        if let single, let list = parseAllowlist(single, path: table.key("allowlist"), global: false, reader: &reader) {
            lists.append(list)
        }
        for (index, item) in many.enumerated() {
            let path = table.key("allowlists[\(index)]")
            if let list = parseAllowlist(item, path: path, global: false, reader: &reader) { lists.append(list) }
        }
        return lists
    }

    // MARK: - Allowlists and extend

    private static func parseAllowlist(_ raw: ConfigTable, path: String, global: Bool, reader: inout Reader)
        -> SecretAllowlist?
    {
        var table = raw
        table.path = path
        reader.problems.append(contentsOf: table.unknownKeys(
            allowed: global ? allowlistKeys.union(["targetRules"]) : allowlistKeys))
        var list = SecretAllowlist()
        list.description = reader.read { () throws(ConfigProblem) in try table.string("description") } ?? ""
        if let text = reader.read({ () throws(ConfigProblem) in try table.string("condition") }) {
            switch text.uppercased() {
            case "", "OR", "||": list.condition = .or
            case "AND", "&&": list.condition = .and
            default: reader.problems.append(table.problem("condition", "expected \"OR\" or \"AND\", found \"\(text)\""))
            }
        }
        if let text = reader.read({ () throws(ConfigProblem) in try table.string("regexTarget") }) {
            if let target = SecretAllowlist.Target(rawValue: text.isEmpty ? "secret" : text) {
                list.regexTarget = target
            } else {
                reader.problems.append(table.problem(
                    "regexTarget", "expected \"secret\", \"match\" or \"line\", found \"\(text)\""))
            }
        }
        list.commits = (reader.read { () throws(ConfigProblem) in try table.strings("commits") } ?? [])
            .map { $0.lowercased() }
        list.paths = reader.patterns(table, "paths")
        list.regexes = reader.patterns(table, "regexes")
        list.stopwords = reader.words(table, "stopwords")
        list.targetRules = reader.read { () throws(ConfigProblem) in try table.strings("targetRules") } ?? []
        let keys = ["commits", "paths", "regexes", "stopwords"]
        guard keys.contains(where: { table.entries[$0] != nil }) else {
            reader.problems.append(ConfigProblem(
                key: path, line: table.line,
                message: "an allowlist needs at least one of commits, paths, regexes or stopwords"))
            return nil
        }
        return list
    }

    private static func parseExtend(_ raw: ConfigTable, reader: inout Reader) -> ParsedRuleFile.Extend? {
        var table = raw
        table.path = "extend"
        reader.problems.append(contentsOf: table.unknownKeys(allowed: extendKeys))
        if table.entries["url"] != nil {
            reader.problems.append(table.problem("url", "extending from a URL is not supported; use path"))
        }
        let path = reader.read { () throws(ConfigProblem) in try table.string("path") }
        let useDefault = reader.read { () throws(ConfigProblem) in try table.bool("useDefault") } ?? false
        if path != nil, useDefault {
            reader.problems.append(table.problem("useDefault", "set either extend.path or extend.useDefault, not both"))
        }
        let disabled = reader.read { () throws(ConfigProblem) in try table.strings("disabledRules") } ?? []
        guard path != nil || useDefault else {
            if !disabled.isEmpty {
                reader.problems.append(table.problem("disabledRules", "needs extend.path or extend.useDefault"))
            }
            return nil
        }
        return ParsedRuleFile.Extend(path: path, useDefault: useDefault, disabledRules: disabled, table: table)
    }
}

// MARK: - Reading with problems collected

extension GitleaksRuleParser {
    struct Reader {
        var problems: [ConfigProblem] = []

        mutating func read<Value>(_ body: () throws(ConfigProblem) -> Value?) -> Value? {
            do {
                return try body()
            } catch {
                problems.append(error)
                return nil
            }
        }

        /// An RE2 pattern compiled for PCRE2; a compile error names the rule's key.
        mutating func pattern(_ table: ConfigTable, _ key: String) -> Regex? {
            guard let text = read({ () throws(ConfigProblem) in try table.string(key) }) else { return nil }
            do {
                return try RE2Pattern.compile(text)
            } catch {
                problems.append(table.problem(key, error.description))
                return nil
            }
        }

        mutating func patterns(_ table: ConfigTable, _ key: String) -> [Regex] {
            let texts = read { () throws(ConfigProblem) in try table.strings(key) } ?? []
            var compiled: [Regex] = []
            for (index, text) in texts.enumerated() {
                do {
                    compiled.append(try RE2Pattern.compile(text))
                } catch {
                    problems.append(table.problem(key, "element \(index + 1): \(error.description)"))
                }
            }
            return compiled
        }

        /// Lowercased words (keywords, stopwords); an empty one would match everything.
        mutating func words(_ table: ConfigTable, _ key: String) -> [String] {
            let words = read { () throws(ConfigProblem) in try table.strings(key) } ?? []
            if words.contains(where: \.isEmpty) { problems.append(table.problem(key, "contains an empty string")) }
            return words.filter { !$0.isEmpty }.map { $0.lowercased() }
        }
    }
}
