/// Vigil's whole configuration, typed and validated. Built by `ConfigLoader` from TOML, or
/// `VigilConfig.builtInDefault` when there is no file. Immutable once built: a reload swaps it whole.
public struct VigilConfig: Sendable {
    public var daemon: DaemonSettings
    public var repos: [RepositorySettings]
    public var attribution: AttributionSettings
    /// `[checks.<id>]` tables, validated by the check catalogue (which knows each check's options).
    public var checks: [String: ConfigTable]
    public var alerts: AlertSettings
    public var followUp: FollowUpSettings
    /// `[scan]`: per-commit budgets and limits.
    public var scan: ScanSettings
    /// The file this came from; `nil` for the built-in default.
    public var source: String?
    /// The text it was parsed from. The daemon hands it to its scan children, so that they run on
    /// the config in force even when the file has been edited (and perhaps broken) since.
    public var sourceText: String?

    public init(
        daemon: DaemonSettings = DaemonSettings(), repos: [RepositorySettings] = [],
        attribution: AttributionSettings = AttributionSettings(), checks: [String: ConfigTable] = [:],
        alerts: AlertSettings = AlertSettings(), followUp: FollowUpSettings = FollowUpSettings(),
        scan: ScanSettings = ScanSettings(), source: String? = nil
    ) {
        self.daemon = daemon
        self.repos = repos
        self.attribution = attribution
        self.checks = checks
        self.alerts = alerts
        self.followUp = followUp
        self.scan = scan
        self.source = source
    }
}

/// `[daemon]`
public struct DaemonSettings: Sendable, Hashable {
    public var pollInterval: Duration
    /// Where `queue.sqlite` lives.
    public var stateDirectory: String
    public var alertLog: String
    /// Wall time one scan child may take for one batch before it is stopped.
    public var scanTimeout: Duration
    /// A scan child's `RLIMIT_DATA` in bytes; 0 for none.
    public var scanMemoryLimit: Int
    /// Commits one scan child scans at most, so one busy repository does not starve the others.
    public var batchCommits: Int
    /// Scan children running at a time.
    public var scanChildren: Int
    /// The least severe daemon log line written; `vigil run --log-level` overrides it.
    public var logLevel: DaemonLogLevel = .info

    public static let defaultScanTimeout: Duration = .seconds(600)
    public static let defaultScanMemoryLimit = 2 << 30
    public static let defaultBatchCommits = 1000
    public static let defaultScanChildren = 1

    public init(
        pollInterval: Duration = .seconds(30), stateDirectory: String = "/var/lib/vigil",
        alertLog: String = "/var/log/vigil/alerts.jsonl", scanTimeout: Duration = DaemonSettings.defaultScanTimeout,
        scanMemoryLimit: Int = DaemonSettings.defaultScanMemoryLimit,
        batchCommits: Int = DaemonSettings.defaultBatchCommits, scanChildren: Int = DaemonSettings.defaultScanChildren
    ) {
        self.pollInterval = pollInterval
        self.stateDirectory = stateDirectory
        self.alertLog = alertLog
        self.scanTimeout = scanTimeout
        self.scanMemoryLimit = scanMemoryLimit
        self.batchCommits = batchCommits
        self.scanChildren = scanChildren
    }
}

/// `[daemon] log_level`: swift-log's level names.
public enum DaemonLogLevel: String, Sendable, Hashable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}

/// Which commits the checks run on.
public enum CheckScope: String, Sendable, Hashable, Codable {
    /// Only commits an AI tool wrote (the default).
    case ai
    /// Every commit.
    case all
}

/// What the daemon does the first time it sees a repository.
public enum InitialScan: Sendable, Hashable {
    /// Record the current tips and check only what arrives afterwards.
    case baseline
    /// Check the whole history once.
    case full
    /// Check the last N commits reachable from the watched refs.
    case last(Int)
}

/// One `[[repos]]` table: a path or a glob of paths, and how to watch them.
public struct RepositorySettings: Sendable, Hashable {
    /// A path or a glob (`/srv/git/*.git`).
    public var path: String
    /// Ref globs to watch.
    public var refs: [String]
    /// Refs whose rewrite or deletion is an alert.
    public var protectedRefs: [String]
    public var scope: CheckScope
    public var initial: InitialScan
    public var fetch: Bool
    /// Per-repository `[repos.checks.<id>]` overrides, merged over the global tables key by key.
    public var checks: [String: ConfigTable]
    /// The line of this `[[repos]]` header, for messages.
    public var line: Int?

    public init(
        path: String, refs: [String] = ["refs/heads/*"], protectedRefs: [String] = [],
        scope: CheckScope = .ai, initial: InitialScan = .baseline, fetch: Bool = false,
        checks: [String: ConfigTable] = [:], line: Int? = nil
    ) {
        self.path = path
        self.refs = refs
        self.protectedRefs = protectedRefs
        self.scope = scope
        self.initial = initial
        self.fetch = fetch
        self.checks = checks
        self.line = line
    }
}

/// Which field of a commit a signature reads.
public enum MarkerField: String, Sendable, Hashable, Codable, CaseIterable {
    case authorName = "author-name"
    case authorEmail = "author-email"
    case committerName = "committer-name"
    case committerEmail = "committer-email"
    /// A whole trailer line `Key: value` from the trailer block.
    case trailer
    /// The message outside the trailer block.
    case message
    /// The git-ai note text.
    case note
}

/// An operator's own attribution signature (`[[attribution.signatures]]`).
public struct SignatureSpec: Sendable, Hashable {
    /// A stable id; one equal to a built-in entry's id replaces that entry.
    public var id: String
    public var tool: String
    public var field: MarkerField
    /// A PCRE2 pattern.
    public var pattern: String
    public var line: Int?

    public init(id: String, tool: String, field: MarkerField, pattern: String, line: Int? = nil) {
        self.id = id
        self.tool = tool
        self.field = field
        self.pattern = pattern
        self.line = line
    }
}

/// `[attribution]`
public struct AttributionSettings: Sendable, Hashable {
    /// Use the built-in catalogue of AI markers.
    public var builtin: Bool
    /// Built-in signature ids to switch off.
    public var disabled: [String]
    public var signatures: [SignatureSpec]
    /// Where git-ai keeps its notes.
    public var notesRef: String
    /// Whether a review bot's accepted suggestion puts a commit in `scope = "ai"`. Off by default:
    /// one accepted suggestion on a large human change does not make the change AI-written.
    public var suggestionsCountAsAI: Bool

    public init(
        builtin: Bool = true, disabled: [String] = [], signatures: [SignatureSpec] = [],
        notesRef: String = "refs/notes/ai", suggestionsCountAsAI: Bool = false
    ) {
        self.builtin = builtin
        self.disabled = disabled
        self.signatures = signatures
        self.notesRef = notesRef
        self.suggestionsCountAsAI = suggestionsCountAsAI
    }
}

/// `[alerts]`
public struct AlertSettings: Sendable, Hashable {
    /// Reviewed alert ids (`IgnoreList`), kept outside the watched repositories.
    public var ignoreFile: String?

    public init(ignoreFile: String? = nil) {
        self.ignoreFile = ignoreFile
    }
}

/// `[followup]`
public struct FollowUpSettings: Sendable, Hashable {
    /// argv of a command that receives each alert's JSON on stdin; `nil` for none.
    public var command: [String]?
    public var maxAttempts: Int
    /// How long one run may take before it is killed (with its process group) and counted failed.
    public var timeout: Duration

    public init(command: [String]? = nil, maxAttempts: Int = 5, timeout: Duration = .seconds(30)) {
        self.command = command
        self.maxAttempts = maxAttempts
        self.timeout = timeout
    }
}
