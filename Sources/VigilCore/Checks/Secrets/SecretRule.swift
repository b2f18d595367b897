/// One secret-detection rule, as gitleaks (v8) defines it, with its patterns compiled.
///
/// A rule with a `regex` finds secrets in added lines; a rule with only a `path` flags the file
/// itself (a `.p12` keystore); a rule with both looks for its regex only in matching files.
public struct SecretRule: Sendable {
    /// The rule id; findings are reported as `secrets.<id>`.
    public var id: String
    /// What the rule catches, used as the finding's title.
    public var description: String
    /// The content pattern, or `nil` for a path-only rule.
    public var regex: Regex?
    /// A pattern the file path must match, or `nil` for every file.
    public var path: Regex?
    /// The capture group that holds the secret; 0 means the first group that matched anything,
    /// or the whole match when the pattern has no groups.
    public var secretGroup: Int
    /// The secret's Shannon entropy must be above this; `nil` for no threshold.
    public var entropy: Double?
    /// Lowercased words of which at least one must occur near a match; empty means always run.
    public var keywords: [String]
    /// gitleaks' free-form tags, kept for operators' own tooling.
    public var tags: [String]
    /// Conditions under which this rule's matches are not secrets.
    public var allowlists: [SecretAllowlist]
    /// Vigil's extension: this rule's severity, when it differs from the check's default.
    public var severity: Severity?
    /// gitleaks' `skipReport`: the rule exists only as a component of others and reports nothing.
    public var skipReport: Bool
    /// Where the rule was defined (file, and line of its `id`), for messages.
    public var file: String?
    public var line: Int?

    /// A rule; a loaded rule file builds these, tests and embedders may too.
    public init(
        id: String, description: String = "", regex: Regex? = nil, path: Regex? = nil, secretGroup: Int = 0,
        entropy: Double? = nil, keywords: [String] = [], tags: [String] = [], allowlists: [SecretAllowlist] = [],
        severity: Severity? = nil, skipReport: Bool = false, file: String? = nil, line: Int? = nil
    ) {
        self.id = id
        self.description = description
        self.regex = regex
        self.path = path
        self.secretGroup = secretGroup
        self.entropy = entropy
        self.keywords = keywords
        self.tags = tags
        self.allowlists = allowlists
        self.severity = severity
        self.skipReport = skipReport
        self.file = file
        self.line = line
    }
}

/// Conditions under which a would-be finding is not a secret: gitleaks' `[[rules.allowlists]]`,
/// `[allowlist]` and `[[allowlists]]`.
public struct SecretAllowlist: Sendable {
    /// How the allowlist's checks combine.
    public enum Condition: String, Sendable {
        /// Any one check allows (gitleaks' default).
        case or = "OR"
        /// Every check that is set must allow.
        case and = "AND"
    }

    /// What `regexes` are matched against.
    public enum Target: String, Sendable {
        /// The secret (the selected group), the default.
        case secret
        /// The whole regex match.
        case match
        /// The whole line, or lines, the match is on.
        case line
    }

    /// What the allowlist is for, for people reading the file.
    public var description: String
    public var condition: Condition
    /// Commit ids (lowercased) whose findings are allowed.
    public var commits: [String]
    /// File path patterns whose findings are allowed.
    public var paths: [Regex]
    /// Patterns matched against `regexTarget`: a match allows the finding.
    public var regexes: [Regex]
    public var regexTarget: Target
    /// Lowercased words: a secret containing any of them is allowed.
    public var stopwords: [String]
    /// For a top-level `[[allowlists]]`: the rules it applies to; empty means every rule.
    public var targetRules: [String]

    /// An allowlist; empty lists mean "not checked".
    public init(
        description: String = "", condition: Condition = .or, commits: [String] = [], paths: [Regex] = [],
        regexes: [Regex] = [], regexTarget: Target = .secret, stopwords: [String] = [], targetRules: [String] = []
    ) {
        self.description = description
        self.condition = condition
        self.commits = commits
        self.paths = paths
        self.regexes = regexes
        self.regexTarget = regexTarget
        self.stopwords = stopwords
        self.targetRules = targetRules
    }
}
