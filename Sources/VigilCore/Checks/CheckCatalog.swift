/// Every configurable check Vigil has, and how `[checks.<id>]` tables become running checks.
///
/// The catalogue validates each table by building the check from it: an unknown check id, an
/// unknown option key and a bad value are all problems with key and line, and every problem in
/// the config is reported at once. A repository's `[repos.checks.<id>]` table is merged over the
/// global one key by key, the repository's entries winning.
public struct CheckCatalog: Sendable {
    /// The guardrail checks over commit contents and metadata.
    public static let guardrailTypes: [any ConfigurableCheck.Type] = [
        MassDeletionCheck.self,
        ProtectedPathCheck.self,
        ReviewRequiredCheck.self,
        TestWeakeningCheck.self,
        DependencyChangeCheck.self,
        CIChangeCheck.self,
        LargeFileCheck.self,
        RiskyPatternCheck.self,
        ConflictMarkerCheck.self,
    ]

    /// Secret scanning (`Checks/Secrets/`): its check type is listed here.
    public static let secretScanningTypes: [any ConfigurableCheck.Type] = [SecretsCheck.self]

    /// Findings the watcher raises about refs rather than commits. They are not built from the
    /// catalogue, but their tables take the common keys (`enabled`, `severity`) and are validated.
    public static let refCheckIDs: [String] = ["history-rewrite", "ref-deleted"]

    /// The catalogue of every built-in check.
    public static let standard = CheckCatalog(types: secretScanningTypes + guardrailTypes)

    /// The check types, in the order they run.
    public let types: [any ConfigurableCheck.Type]
    /// Ids of the watcher's own checks, whose tables take only the common keys.
    public let refCheckIDs: [String]

    /// A catalogue of `types`; tests and embedders may use their own list.
    public init(types: [any ConfigurableCheck.Type], refCheckIDs: [String] = CheckCatalog.refCheckIDs) {
        self.types = types
        self.refCheckIDs = refCheckIDs
    }

    /// The type configured by `[checks.<id>]`, if any.
    public func type(for id: String) -> (any ConfigurableCheck.Type)? {
        types.first { $0.checkID == id }
    }

    /// Every id a `[checks.<id>]` table may have.
    public var knownIDs: [String] { types.map { $0.checkID } + refCheckIDs }

    // MARK: - Validation

    /// Checks the global `[checks.*]` tables and every repository's overrides, throwing all problems.
    public func validate(_ config: VigilConfig) throws(ConfigProblems) {
        let base = CheckCatalog.directory(of: config.source)
        var problems = validate(tables: config.checks, baseDirectory: base)
        for repository in config.repos {
            problems += validate(tables: repository.checks, baseDirectory: base)
        }
        if !problems.isEmpty { throw ConfigProblems(CheckCatalog.located(problems, file: config.source)) }
    }

    /// The problems in a set of `[checks.<id>]` tables, each table judged on its own.
    func validate(tables: [String: ConfigTable], baseDirectory: String?) -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        for id in tables.keys.sorted() {
            guard let table = tables[id] else { continue }
            do {
                _ = try build(id: id, table: table, baseDirectory: baseDirectory)
            } catch {
                problems += error.problems
            }
        }
        return problems.sorted { ($0.line ?? 0, $0.key) < ($1.line ?? 0, $1.key) }
    }

    // MARK: - Building

    /// The enabled checks for one repository (`nil`: the global tables alone), in catalogue order.
    public func checks(for config: VigilConfig, repository: RepositorySettings?) throws(ConfigProblems)
        -> [ConfiguredCheck]
    {
        let base = CheckCatalog.directory(of: config.source)
        let overrides = repository?.checks ?? [:]
        // Judge each table on its own first, so problems name the table and line they were written in.
        // Without overrides the tables built below are the global ones as written: building them
        // judges them, and only the tables the loop does not build (unknown ids, the watcher's
        // checks) are judged here. Building a check can mean compiling hundreds of regexes.
        let problems =
            overrides.isEmpty
            ? validate(tables: config.checks.filter { type(for: $0.key) == nil }, baseDirectory: base)
            : validate(tables: config.checks, baseDirectory: base) + validate(tables: overrides, baseDirectory: base)
        if !problems.isEmpty { throw ConfigProblems(CheckCatalog.located(problems, file: config.source)) }
        var configured: [ConfiguredCheck] = []
        var buildProblems: [ConfigProblem] = []
        for type in types {
            let id = type.checkID
            let table = CheckCatalog.merge(config.checks[id], over: overrides[id], id: id)
            do {
                if let check = try build(id: id, table: table, baseDirectory: base) { configured.append(check) }
            } catch {
                buildProblems += error.problems
            }
        }
        if !buildProblems.isEmpty {
            let ordered = buildProblems.sorted { ($0.line ?? 0, $0.key) < ($1.line ?? 0, $1.key) }
            throw ConfigProblems(CheckCatalog.located(ordered, file: config.source))
        }
        return configured
    }

    /// The common options (`enabled`, `severity`) of a check the watcher raises itself, merged like
    /// any other check's.
    public func options(forRefCheck id: String, config: VigilConfig, repository: RepositorySettings?)
        throws(ConfigProblems) -> CheckOptions
    {
        let table = CheckCatalog.merge(config.checks[id], over: repository?.checks[id], id: id)
        return try CheckOptions(table: table, baseDirectory: CheckCatalog.directory(of: config.source))
    }

    /// Builds the check `id` from `table`; `nil` when it is switched off or raised by the watcher.
    private func build(id: String, table: ConfigTable, baseDirectory: String?) throws(ConfigProblems)
        -> ConfiguredCheck?
    {
        let known = type(for: id)
        guard known != nil || refCheckIDs.contains(id) else {
            let key = table.path.isEmpty ? "checks.\(id)" : table.path
            let message = "unknown check \"\(id)\" (known: \(knownIDs.sorted().joined(separator: ", ")))"
            throw ConfigProblems([ConfigProblem(key: key, line: table.line, message: message)])
        }
        var problems: [ConfigProblem] = []
        let options: CheckOptions
        do {
            options = try CheckOptions(table: table, baseDirectory: baseDirectory)
        } catch {
            // Report the common keys' problems, and still validate the check's own options.
            problems += error.problems
            var rest = table
            rest.entries["enabled"] = nil
            rest.entries["severity"] = nil
            rest.entries["max_findings_per_commit"] = nil
            options = (try? CheckOptions(table: rest, baseDirectory: baseDirectory)) ?? CheckOptions.defaults(for: id)
        }
        guard let known else {
            problems += table.unknownKeys(allowed: CheckOptions.refCheckKeys)
            if !problems.isEmpty { throw ConfigProblems(problems) }
            return nil
        }
        let check: any ConfigurableCheck
        do {
            check = try known.init(options: options)
        } catch {
            throw ConfigProblems(problems + error.problems)
        }
        if !problems.isEmpty { throw ConfigProblems(problems) }
        guard options.enabled else { return nil }
        let threshold = options.maxFindingsPerCommit ?? known.defaultMaxFindingsPerCommit
        return ConfiguredCheck(
            check: check, severity: options.severity, maxFindingsPerCommit: threshold == 0 ? nil : threshold)
    }

    // MARK: - Helpers

    /// `global`'s entries with `override`'s on top. Each entry keeps the line it was written on.
    public static func merge(_ global: ConfigTable?, over override: ConfigTable?, id: String) -> ConfigTable {
        var merged = global ?? override ?? ConfigTable(path: "checks.\(id)")
        if let global, let override {
            merged.entries.merge(override.entries) { _, repository in repository }
            merged.path = global.path
        }
        return merged
    }

    static func directory(of file: String?) -> String? {
        guard let file, let slash = file.lastIndex(of: "/") else { return nil }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    private static func located(_ problems: [ConfigProblem], file: String?) -> [ConfigProblem] {
        problems.map { problem in
            var located = problem
            if located.file == nil { located.file = file }
            return located
        }
    }
}

/// A check ready to run, with the severity its options impose on every finding (if any).
public struct ConfiguredCheck: Sendable {
    /// The configured check.
    public let check: any Check
    /// `severity` from the check's options, overriding what the check reports.
    public let severity: Severity?
    /// Above this many findings of one check id in one commit, they are summed up in one finding.
    public let maxFindingsPerCommit: Int?

    /// Pairs a check with the severity its options impose, if any, and its summary threshold.
    public init(check: any Check, severity: Severity? = nil, maxFindingsPerCommit: Int? = nil) {
        self.check = check
        self.severity = severity
        self.maxFindingsPerCommit = maxFindingsPerCommit.map { max(1, $0) }
    }

    public var id: String { check.id }
}
