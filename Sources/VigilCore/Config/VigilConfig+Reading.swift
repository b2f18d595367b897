/// Building the typed configuration from a parsed document: the top level, `[daemon]` and
/// `[followup]`. Repositories, attribution and `[scan]` have their own files.
extension VigilConfig {
    /// The top-level keys; anything else is a mistake worth stopping for.
    static let configKeys: Set<String> = [
        "daemon", "repos", "attribution", "checks", "alerts", "followup", "scan",
    ]

    /// Reads every section of `root`, recording problems in `reader`; missing keys keep the defaults
    /// of `VigilConfig.builtInDefault`.
    init(root: ConfigTable, source: String?, reader: inout ConfigReader) {
        self.init(source: source)
        reader.rejectUnknownKeys(root, allowed: Self.configKeys)
        if let table = reader.table(root, "daemon") {
            daemon = DaemonSettings(config: table, reader: &reader)
        }
        if case .table = root.entries["repos"]?.value {
            reader.report(
                root.problem(
                    "repos", "expected an array of tables, found a table: write each as [[repos]], not [repos]"))
        } else if let tables = reader.tables(root, "repos") {
            repos = tables.compactMap { RepositorySettings(config: $0, reader: &reader) }
        }
        if let table = reader.table(root, "attribution") {
            attribution = AttributionSettings(config: table, reader: &reader)
        }
        if let tables = reader.checkTables(root, "checks") {
            checks = tables
        }
        if let table = reader.table(root, "alerts") {
            alerts = AlertSettings(config: table, reader: &reader)
        }
        if let table = reader.table(root, "followup") {
            followUp = FollowUpSettings(config: table, reader: &reader)
        }
        if let table = reader.table(root, "scan") {
            scan = ScanSettings(config: table, reader: &reader)
        }
    }
}

// MARK: - [alerts]

extension AlertSettings {
    static let configKeys: Set<String> = ["ignore_file"]

    init(config table: ConfigTable, reader: inout ConfigReader) {
        self.init()
        reader.rejectUnknownKeys(table, allowed: Self.configKeys)
        ignoreFile = reader.nonEmptyString(table, "ignore_file")
    }
}

// MARK: - [daemon]

extension DaemonSettings {
    static let configKeys: Set<String> = [
        "poll_interval", "state_dir", "alert_log", "scan_timeout", "scan_memory_limit", "batch_commits",
        "scan_children", "log_level",
    ]

    /// Polling more often than this buys nothing and costs every repository a ref read.
    static let minimumPollInterval: Duration = .milliseconds(100)
    /// A scan child needs this long to start and open a repository; less fails every batch.
    static let minimumScanTimeout: Duration = .seconds(1)
    /// Below this a scan child cannot map its own runtime and libgit2.
    static let minimumScanMemoryLimit = 64 << 20
    /// A plan of more commits would not fit in one protocol line (1 MiB).
    static let largestBatch = 5000
    /// Each child can use `scan_memory_limit`; more than this many at once is a mistake, not a plan.
    static let mostScanChildren = 64

    /// `state_dir` and `alert_log` are kept as written: a relative path is relative to the working
    /// directory of the process that uses it (systemd runs Vigil in `/`).
    init(config table: ConfigTable, reader: inout ConfigReader) {
        self.init()
        reader.rejectUnknownKeys(table, allowed: Self.configKeys)
        if let interval = reader.duration(table, "poll_interval", atLeast: Self.minimumPollInterval) {
            pollInterval = interval
        }
        if let directory = reader.nonEmptyString(table, "state_dir") { stateDirectory = directory }
        if let log = reader.nonEmptyString(table, "alert_log") { alertLog = log }
        if let timeout = reader.duration(table, "scan_timeout", atLeast: Self.minimumScanTimeout) {
            scanTimeout = timeout
        }
        if let limit = reader.byteSize(table, "scan_memory_limit") {
            if limit == 0 || limit >= Self.minimumScanMemoryLimit {
                scanMemoryLimit = limit
            } else {
                reader.report(
                    table.problem(
                        "scan_memory_limit",
                        "must be \"0\" (no limit) or at least \(ByteSize.describe(Self.minimumScanMemoryLimit))"))
            }
        }
        if let count = reader.integer(table, "batch_commits", range: 1...Self.largestBatch) { batchCommits = count }
        if let count = reader.integer(table, "scan_children", range: 1...Self.mostScanChildren) { scanChildren = count }
        if let name = reader.string(table, "log_level") {
            if let level = DaemonLogLevel(rawValue: name) {
                logLevel = level
            } else {
                let names = DaemonLogLevel.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                reader.report(table.problem("log_level", "expected one of \(names), found \"\(name)\""))
            }
        }
    }
}

// MARK: - [followup]

extension FollowUpSettings {
    static let configKeys: Set<String> = ["command", "max_attempts", "timeout"]

    /// A shorter run cannot even start most programs.
    static let minimumTimeout: Duration = .milliseconds(100)

    init(config table: ConfigTable, reader: inout ConfigReader) {
        self.init()
        reader.rejectUnknownKeys(table, allowed: Self.configKeys)
        if let argv = reader.strings(table, "command") {
            if argv.isEmpty {
                reader.report(table.problem("command", "must name a program, e.g. [\"/usr/local/bin/notify-team\"]"))
            } else if argv[0].isEmpty {
                reader.report(table.problem("command", "the program (first element) must not be empty"))
            } else {
                command = argv
            }
        }
        if let attempts = reader.integer(table, "max_attempts", range: 1...100) { maxAttempts = attempts }
        if let limit = reader.duration(table, "timeout", atLeast: Self.minimumTimeout) { timeout = limit }
    }
}
