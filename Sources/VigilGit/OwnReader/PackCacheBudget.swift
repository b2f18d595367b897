import Synchronization

/// The bytes every pack reader's delta base cache may hold together, for the whole process.
///
/// Each scan worker opens its own repository handle, and each handle has its own pack reader and
/// cache (libgit2 handles never cross threads). A fixed cache per handle made memory grow with the
/// worker count: 96 MiB a worker and one worker per core is 6 GiB on a 64-core host. Instead the
/// process has one budget, and each live reader may fill an equal share of it: with four workers
/// and 256 MiB, 64 MiB each. A reader opened later shrinks the others' share; they evict down to
/// it on their next insert, so the total exceeds the budget at most briefly, by what the older
/// readers held beyond their new share.
public enum PackCacheBudget {
    /// 256 MiB: what four workers used to share with a full cache each in the benchmarks' largest
    /// history, without a measurable loss of speed.
    public static let defaultBytes = 256 << 20
    /// No share goes below this: a reader needs room for a few bases of a chain to be of use.
    static let minimumShareBytes = 1 << 20

    private static let budget = Atomic<Int>(defaultBytes)
    private static let liveReaders = Atomic<Int>(0)

    /// The process's budget in bytes.
    public static var bytes: Int { budget.load(ordering: .relaxed) }

    /// Sets the process's budget (`[scan] cache_budget`); applies to inserts from now on.
    public static func set(bytes: Int) {
        budget.store(max(0, bytes), ordering: .relaxed)
    }

    /// The share one reader may fill now.
    static var shareBytes: Int {
        share(of: bytes, among: liveReaders.load(ordering: .relaxed))
    }

    /// An equal share of `budget` for each of `readers`, but never less than the minimum.
    static func share(of budget: Int, among readers: Int) -> Int {
        max(minimumShareBytes, budget / max(1, readers))
    }

    static func readerOpened() {
        liveReaders.add(1, ordering: .relaxed)
    }

    static func readerClosed() {
        liveReaders.subtract(1, ordering: .relaxed)
    }

    /// Readers alive now (for tests and diagnostics).
    static var readers: Int { liveReaders.load(ordering: .relaxed) }
}
