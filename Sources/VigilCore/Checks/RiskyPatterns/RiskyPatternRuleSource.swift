/// Where risky-pattern rules come from: the built-in set, or a TOML file of `[[rules]]`.
enum RiskyPatternRuleSource {
    /// The value of `rules` that names the built-in set.
    static let builtinName = "builtin"
    /// The name problems in the built-in set would carry.
    static let builtinFile = "(built-in risky-patterns)"

    /// The built-in rules, parsed and compiled once per process (every config check and every
    /// analyzer build asks for them). They are tested to compile, so a failure here is a defect in
    /// Vigil; it is reported like any rule-file problem rather than crashing.
    static func builtin() throws(ConfigProblems) -> [RiskyPatternRule] {
        try builtinRules.get()
    }

    private static let builtinRules: Result<[RiskyPatternRule], ConfigProblems> = Result {
        () throws(ConfigProblems) -> [RiskyPatternRule] in
        let document = try TOMLDocument.parse(BuiltinRiskyPatterns.text, file: builtinFile)
        return try RiskyPatternRule.rules(from: document, file: builtinFile)
    }

    /// Reads and parses the rule file at `path`. A file that cannot be read is a problem with the
    /// option that names it (`key` in `table`); problems inside the file name the file and its lines.
    static func load(path: String, key: String, in table: ConfigTable) throws(ConfigProblems) -> [RiskyPatternRule] {
        let text: String
        do {
            text = try ConfigFileReader.text(ofFile: path)
        } catch {
            throw ConfigProblems([table.problem(key, "cannot use rule file \"\(path)\": \(error.message)")])
        }
        let document = try TOMLDocument.parse(text, file: path)
        let rules = try RiskyPatternRule.rules(from: document, file: path)
        // An empty file, or one of comments, would pass validation and then look for nothing.
        guard !rules.isEmpty else {
            throw ConfigProblems([
                ConfigProblem(
                    file: path, key: "rules", line: nil,
                    message: "the rule file defines no rules: add [[rules]] tables with id, description and regex")
            ])
        }
        return rules
    }
}
