/// A check's settings from `[checks.<id>]` (merged with a repository's `[repos.checks.<id>]`):
/// the common keys every check has, and the table itself for the check's own options.
public struct CheckOptions: Sendable {
    /// Common to every check of commits.
    public static let commonKeys: Set<String> = ["enabled", "severity", "max_findings_per_commit"]
    /// Common to the watcher's own checks (`history-rewrite`, `ref-deleted`), which raise one
    /// finding per ref and so have nothing to sum up.
    public static let refCheckKeys: Set<String> = ["enabled", "severity"]

    public var enabled: Bool
    /// Overrides the check's default severity when set.
    public var severity: Severity?
    /// `max_findings_per_commit` as written: above this many findings of one check id in one
    /// commit, they are summed up in a single finding; 0 turns that off. `nil` when not set, so
    /// the check's own default applies (`ConfigurableCheck.defaultMaxFindingsPerCommit`).
    public var maxFindingsPerCommit: Int?
    public var table: ConfigTable
    /// The folder of the config file the table came from, against which options that name files
    /// (a rule file) are resolved; `nil` for the built-in default, meaning the current directory.
    public var baseDirectory: String?

    public init(table: ConfigTable, baseDirectory: String? = nil) throws(ConfigProblems) {
        self.table = table
        self.baseDirectory = baseDirectory
        var problems: [ConfigProblem] = []
        do {
            enabled = try table.bool("enabled") ?? true
        } catch {
            problems.append(error)
            enabled = true
        }
        severity = nil
        do {
            maxFindingsPerCommit = try table.integer("max_findings_per_commit", range: 0...Int.max)
        } catch {
            problems.append(error)
            maxFindingsPerCommit = nil
        }
        do {
            if let name = try table.string("severity") {
                if let parsed = Severity(rawValue: name) {
                    severity = parsed
                } else {
                    let allowed = Severity.allCases.map(\.rawValue).joined(separator: ", ")
                    problems.append(table.problem("severity", "expected one of \(allowed), found \"\(name)\""))
                }
            }
        } catch {
            problems.append(error)
        }
        if !problems.isEmpty { throw ConfigProblems(problems) }
    }

    /// `path` as written when absolute, otherwise relative to `baseDirectory`.
    public func resolve(path: String) -> String {
        guard !path.hasPrefix("/"), let baseDirectory, !baseDirectory.isEmpty else { return path }
        return baseDirectory.hasSuffix("/") ? baseDirectory + path : baseDirectory + "/" + path
    }

    /// Options for a check that has no table in the config.
    public static func defaults(for id: String) -> CheckOptions {
        // An empty table has no values to fail on.
        (try? CheckOptions(table: ConfigTable(path: "checks.\(id)"))) ?? CheckOptions(unchecked: id)
    }

    private init(unchecked id: String) {
        baseDirectory = nil
        enabled = true
        severity = nil
        maxFindingsPerCommit = nil
        table = ConfigTable(path: "checks.\(id)")
    }
}

/// A check built from configuration. The catalogue lists every such type; `vigil config check`
/// validates each `[checks.<id>]` table by building the check from it.
public protocol ConfigurableCheck: Check {
    /// The id used in `[checks.<id>]` and (for single checks) in alerts, e.g. `mass-deletion`;
    /// for families it is the prefix, e.g. `secrets` for `secrets.<rule>`.
    static var checkID: String { get }
    static var defaultSeverity: Severity { get }
    /// The check's own option keys, beyond `CheckOptions.commonKeys`.
    static var optionKeys: Set<String> { get }
    /// Above this many findings of one check id in one commit, the check reports one summary
    /// finding instead (`max_findings_per_commit` overrides it); `nil` when only the global
    /// `[scan] max_findings_per_check` cap applies.
    static var defaultMaxFindingsPerCommit: Int? { get }
    /// Builds the check, reporting every invalid or unknown option with key and line.
    init(options: CheckOptions) throws(ConfigProblems)
}

extension ConfigurableCheck {
    /// Most checks report each finding: one per file or line is what a reviewer wants to read.
    public static var defaultMaxFindingsPerCommit: Int? { nil }
}
