import VigilGit

/// Asks a deadline whether it has passed only every so often, so that a loop over millions of
/// lines pays one clock read per `interval` bytes of work instead of one per line. The first ask
/// always reads the clock, so a budget already spent stops the loop before its first line.
struct DeadlineGate {
    /// Work between two clock reads: bytes of line text, plus `lineCost` per line.
    static let interval = 256 * 1024
    static let lineCost = 64

    private let deadline: Deadline?
    private var untilNextLook = 0
    /// True once a look found the deadline passed; it stays true.
    private(set) var hasPassed = false

    init(_ deadline: Deadline?) {
        self.deadline = deadline
    }

    /// Counts one line of `bytes` bytes about to be worked on; true when the deadline has passed
    /// and the loop should stop before it.
    mutating func passed(beforeLineOf bytes: Int) -> Bool {
        guard let deadline else { return false }
        guard !hasPassed else { return true }
        untilNextLook -= bytes + Self.lineCost
        guard untilNextLook < 0 else { return false }
        untilNextLook = Self.interval
        hasPassed = deadline.hasPassed
        return hasPassed
    }
}
