import Foundation

/// A gitleaks-format (v8) rule file read into typed rules with compiled patterns, `[extend]`
/// resolved. Vigil's built-in rules are such a file too, so operators can extend or replace them.
///
/// Everything wrong in a file is reported at once as `ConfigProblems`, each naming the file, the
/// rule (`rules.<id>.regex`) and the line. Files are read with the shared `TOMLDocument` reader
/// (size cap, UTF-8 check, lines for every key).
public struct GitleaksRuleFile: Sendable {
    /// Every rule, sorted by id (as gitleaks orders them), with the top-level allowlists that
    /// name them in `targetRules` already attached.
    public var rules: [SecretRule]
    /// Allowlists that apply to every rule: `[allowlist]` and `[[allowlists]]` without `targetRules`.
    public var allowlists: [SecretAllowlist]
    /// The file the rules came from, or `builtin`.
    public var source: String

    /// How many files an `[extend] path` chain may hold, counting the first.
    public static let maxExtendDepth = 4

    /// Reads the rule file at `path`; a relative `[extend] path` in it is relative to its folder.
    public static func load(path: String) throws(ConfigProblems) -> GitleaksRuleFile {
        let resolved = try resolve(file: path, chain: [])
        try requireRules(resolved, file: path)
        return GitleaksRuleFile(rules: resolved.rules, allowlists: resolved.allowlists, source: path)
    }

    /// Parses rule-file `text`. `source` names it in messages; a relative `[extend] path` is
    /// resolved against `directory` (the current directory when `nil`).
    public init(text: String, source: String, directory: String? = nil) throws(ConfigProblems) {
        let folder = directory ?? FileManager.default.currentDirectoryPath
        let resolved = try Self.resolve(text: text, file: source, directory: folder, chain: [])
        try Self.requireRules(resolved, file: source)
        self.init(rules: resolved.rules, allowlists: resolved.allowlists, source: source)
    }

    /// Vigil's built-in rules (`BuiltinSecretRules`), parsed and compiled once per process.
    public static func builtin() throws(ConfigProblems) -> GitleaksRuleFile {
        try builtinRules.get()
    }

    init(rules: [SecretRule], allowlists: [SecretAllowlist], source: String) {
        self.rules = rules
        self.allowlists = allowlists
        self.source = source
    }

    private static let builtinRules: Result<GitleaksRuleFile, ConfigProblems> = Result {
        () throws(ConfigProblems) -> GitleaksRuleFile in
        let resolved = try resolve(text: BuiltinSecretRules.toml, file: "builtin", directory: nil, chain: [])
        return GitleaksRuleFile(rules: resolved.rules, allowlists: resolved.allowlists, source: "builtin")
    }
}

// MARK: - Extend

extension GitleaksRuleFile {
    private typealias Resolved = (rules: [SecretRule], allowlists: [SecretAllowlist])

    /// Reads and resolves the rule file at `file`. `reference` is the `[extend] path` that named it,
    /// which problems about reaching the file (a cycle, too deep, unreadable) are reported against;
    /// `nil` for the file the check was configured with.
    private static func resolve(file: String, chain: [String], from reference: ConfigProblem? = nil)
        throws(ConfigProblems) -> Resolved
    {
        let url = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath()
        func refusal(_ message: String) -> ConfigProblems {
            var problem = reference ?? ConfigProblem(file: file, key: ConfigFileReader.fileKey, line: nil, message: "")
            problem.message = message
            return ConfigProblems([problem])
        }
        if chain.contains(url.path) {
            throw refusal("extend cycle: " + (chain + [url.path]).joined(separator: " -> "))
        }
        if chain.count >= maxExtendDepth {
            throw refusal("extend chain deeper than \(maxExtendDepth) files at \(file)")
        }
        let text: String
        do {
            text = try ConfigFileReader.text(ofFile: file)
        } catch {
            guard reference != nil else { throw ConfigProblems([error]) }
            throw refusal("cannot use rule file \"\(file)\": \(error.message)")
        }
        return try resolve(
            text: text, file: file, directory: url.deletingLastPathComponent().path, chain: chain + [url.path])
    }

    private static func resolve(text: String, file: String, directory: String?, chain: [String])
        throws(ConfigProblems) -> Resolved
    {
        let root = try TOMLDocument.parse(text, file: file)
        var problems: [ConfigProblem] = []
        let parsed = GitleaksRuleParser.parse(root, problems: &problems)
        var rules: [String: SecretRule] = [:]
        var allowlists: [SecretAllowlist] = []
        var inherited: [ConfigProblem] = []
        if let extend = parsed.extend {
            do {
                let base = try base(of: extend, directory: directory, chain: chain)
                allowlists = base.allowlists
                for rule in base.rules { rules[rule.id] = rule }
                for id in extend.disabledRules where rules.removeValue(forKey: id) == nil {
                    problems.append(extend.table.problem("disabledRules", "no extended rule has the id \"\(id)\""))
                }
            } catch {
                inherited = error.problems
            }
        }
        for rule in parsed.rules {
            rules[rule.id] = rules[rule.id].map { merge(rule, over: $0) } ?? rule
        }
        for list in parsed.allowlists {
            guard !list.targetRules.isEmpty else {
                allowlists.append(list)
                continue
            }
            for id in list.targetRules {
                if rules[id] != nil {
                    rules[id]?.allowlists.append(list)
                } else {
                    problems.append(ConfigProblem(
                        key: "allowlists.targetRules", line: nil, message: "no rule has the id \"\(id)\""))
                }
            }
        }
        for rule in parsed.rules {
            problems.append(contentsOf: validate(rules[rule.id] ?? rule, reported: parsed.invalid.contains(rule.id)))
        }
        // Problems from an extended file carry its name; the rest belong to this file.
        let all = (inherited + problems).map { problem in
            var problem = problem
            if problem.file == nil { problem.file = file }
            return problem
        }
        guard all.isEmpty else { throw ConfigProblems(all) }
        return (rules.values.sorted { $0.id < $1.id }, allowlists)
    }

    /// A rule file the secrets check runs on must leave it something to look for: an empty file, one
    /// of comments, or one whose `[extend] disabledRules` removes every rule would pass validation
    /// and then scan every commit for nothing.
    private static func requireRules(_ resolved: Resolved, file: String) throws(ConfigProblems) {
        guard resolved.rules.isEmpty else { return }
        throw ConfigProblems([
            ConfigProblem(
                file: file, key: "rules", line: nil,
                message: "the rule file defines no rules: add [[rules]] tables, or [extend] useDefault = true "
                    + "to build on the built-in rules")
        ])
    }

    private static func base(of extend: ParsedRuleFile.Extend, directory: String?, chain: [String])
        throws(ConfigProblems) -> Resolved
    {
        if extend.useDefault {
            let builtin = try builtin()
            return (builtin.rules, builtin.allowlists)
        }
        guard let path = extend.path else { return ([], []) }
        var full = path
        if let directory, !path.hasPrefix("/") { full = directory + "/" + path }
        let reference = extend.table.problem("path", "")
        return try resolve(file: full, chain: chain, from: reference)
    }

    /// gitleaks' extend semantics: the extending file's values win where set, lists add up.
    private static func merge(_ own: SecretRule, over base: SecretRule) -> SecretRule {
        var merged = base
        if !own.description.isEmpty { merged.description = own.description }
        if own.entropy != nil { merged.entropy = own.entropy }
        if own.secretGroup != 0 { merged.secretGroup = own.secretGroup }
        if own.regex != nil { merged.regex = own.regex }
        if own.path != nil { merged.path = own.path }
        if own.severity != nil { merged.severity = own.severity }
        merged.skipReport = own.skipReport || base.skipReport
        merged.tags += own.tags.filter { !base.tags.contains($0) }
        merged.keywords += own.keywords.filter { !base.keywords.contains($0) }
        merged.allowlists += own.allowlists
        merged.file = own.file
        merged.line = own.line
        return merged
    }

    /// Checks a rule once extends are merged. A rule that `reported` a problem already (say, a regex
    /// that does not compile) is not also told it lacks a regex.
    private static func validate(_ rule: SecretRule, reported: Bool) -> [ConfigProblem] {
        let key = "rules.\(rule.id)"
        if rule.regex == nil, rule.path == nil {
            if reported { return [] }
            return [ConfigProblem(key: key, line: rule.line, message: "a rule needs a regex, a path, or both")]
        }
        if let regex = rule.regex, rule.secretGroup > regex.captureCount {
            return [ConfigProblem(
                key: key + ".secretGroup", line: rule.line,
                message: "is \(rule.secretGroup) but the regex has \(regex.captureCount) capture groups")]
        }
        return []
    }
}
