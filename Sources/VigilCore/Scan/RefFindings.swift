import VigilGit

/// The findings about refs rather than commit contents: a watched ref moved to a commit that does
/// not contain its old tip (`history-rewrite`), a protected ref that disappeared (`ref-deleted`).
/// Their tables take only the common options: `enabled`, and `severity`, which replaces the
/// defaults below.
enum RefFindings {
    static let historyRewrite = "history-rewrite"
    static let refDeleted = "ref-deleted"

    /// A rewrite of `ref`: `left` commits were reachable from the old tip and are not from the new
    /// one (`nil` when the old tip is no longer in the repository, so they cannot be counted).
    /// High on a protected ref, where nobody should force-push, medium elsewhere.
    static func historyRewrite(ref: String, old: ObjectID, new: ObjectID, left: Int?, protected: Bool) -> Finding {
        let what =
            switch left {
            case 1?: "1 commit left it"
            case let count?: "\(count) commits left it"
            case nil: "its old tip \(old.hex.prefix(12)) is no longer in the repository"
            }
        return Finding(
            check: historyRewrite, severity: protected ? .high : .info,
            title: "\(ref) was rewritten: \(what)",
            evidence: "\(ref) moved from \(old.hex) to \(new.hex), which does not contain it",
            matchHash: SHA256Hex.digest([ref, old.hex].joined(separator: "\u{0}")))
    }

    /// The deletion of the protected ref `ref`, whose last tip was `old`.
    static func refDeleted(ref: String, old: ObjectID) -> Finding {
        Finding(
            check: refDeleted, severity: .high, title: "\(ref) was deleted",
            evidence: "\(ref) pointed at \(old.hex) and no longer exists",
            matchHash: SHA256Hex.digest(ref))
    }
}
