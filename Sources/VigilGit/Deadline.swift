/// The end of a time budget: reading a commit's diff and running its checks stop once it passes.
///
/// Work that loops (blobs, lines) asks `hasPassed` between units of work; each ask reads the clock,
/// so hot loops ask only every so often. The clock can be replaced, so that tests decide when the
/// budget runs out instead of timing real work.
public struct Deadline: Sendable {
    /// The budget this deadline ends, for messages.
    public let budget: Duration
    private let end: ContinuousClock.Instant
    private let now: @Sendable () -> ContinuousClock.Instant

    /// A deadline `budget` from now. A budget of zero has passed at once.
    public init(budget: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.budget = budget
        self.now = now
        end = now().advanced(by: budget)
    }

    /// True once the budget is spent.
    public var hasPassed: Bool { now() >= end }
}
