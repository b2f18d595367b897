import VigilGit

/// `[scan]`: what one commit may cost to scan. Everything in a scanned repository is written by
/// whoever pushed it, so a single commit must not be able to stall a scan or flood the queue. A
/// limit that is reached is never silent: it raises a `scan-limit` finding naming what was not
/// read, and the scan moves on to the next commit.
public struct ScanSettings: Sendable, Hashable {
    public static let defaultCommitTimeBudget: Duration = .seconds(30)
    public static let defaultCommitByteBudget: Int64 = 256 << 20
    public static let defaultMaxFindingsPerCheck = 100

    /// Wall time for reading one commit's diff and running its checks.
    public var commitTimeBudget: Duration
    /// Blob bytes one commit's diff may read.
    public var commitByteBudget: Int64
    /// A file side larger than this is not read as lines.
    public var maxBlobBytes: Int64
    /// Findings listed per check id and commit; the rest are summed up in one finding.
    public var maxFindingsPerCheck: Int
    /// Worker threads per scan.
    public var workers: Int
    /// Bytes the pack readers' delta base caches may hold together in one process.
    public var cacheBudget: Int

    /// Without `workers`, one per core but no more than this many: past four, more workers mostly
    /// add memory.
    public static let defaultMaxWorkers = 4
    public static var defaultWorkers: Int { min(defaultMaxWorkers, Scanner.defaultWorkers) }
    public static let largestWorkers = 256
    public static let defaultCacheBudget = 256 << 20
    /// From 1 MiB (below it the caches are of no use) to 64 GiB.
    static let cacheBudgetRange = (1 << 20)...(64 << 30)


    public init(
        commitTimeBudget: Duration = ScanSettings.defaultCommitTimeBudget,
        commitByteBudget: Int64 = ScanSettings.defaultCommitByteBudget,
        maxBlobBytes: Int64 = DiffOptions.defaultMaxBlobBytes,
        maxFindingsPerCheck: Int = ScanSettings.defaultMaxFindingsPerCheck,
        workers: Int = ScanSettings.defaultWorkers, cacheBudget: Int = ScanSettings.defaultCacheBudget
    ) {
        self.commitTimeBudget = commitTimeBudget
        self.commitByteBudget = commitByteBudget
        self.maxBlobBytes = maxBlobBytes
        self.maxFindingsPerCheck = maxFindingsPerCheck
        self.workers = workers
        self.cacheBudget = cacheBudget
    }

    /// How a commit's diff is read under these limits (the time budget starts per commit).
    var diffOptions: DiffOptions {
        DiffOptions(maxBlobBytes: maxBlobBytes, byteBudget: commitByteBudget)
    }
}

// MARK: - Reading

extension ScanSettings {
    static let configKeys: Set<String> = [
        "commit_time_budget", "commit_byte_budget", "max_blob_bytes", "max_findings_per_check", "workers",
        "cache_budget",
    ]

    /// A budget below this would stop every commit before its first file.
    static let minimumCommitTimeBudget: Duration = .milliseconds(1)
    /// libgit2 holds a blob whole in memory while it is read; a side larger than this is never read.
    static let largestMaxBlobBytes = 1 << 30

    init(config table: ConfigTable, reader: inout ConfigReader) {
        self.init()
        reader.rejectUnknownKeys(table, allowed: Self.configKeys)
        if let budget = reader.duration(table, "commit_time_budget", atLeast: Self.minimumCommitTimeBudget) {
            commitTimeBudget = budget
        }
        if let bytes = reader.integer(table, "commit_byte_budget", range: 1...Int.max) {
            commitByteBudget = Int64(bytes)
        }
        if let bytes = reader.integer(table, "max_blob_bytes", range: 1...Self.largestMaxBlobBytes) {
            maxBlobBytes = Int64(bytes)
        }
        if let count = reader.integer(table, "max_findings_per_check", range: 1...1_000_000) {
            maxFindingsPerCheck = count
        }
        if let count = reader.integer(table, "workers", range: 1...Self.largestWorkers) {
            workers = count
        }
        if let bytes = reader.size(table, "cache_budget", range: Self.cacheBudgetRange) {
            cacheBudget = bytes
        }
    }
}
