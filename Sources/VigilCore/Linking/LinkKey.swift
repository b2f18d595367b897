/// What makes a finding on one commit *the same finding* as one on another commit with the same
/// patch id, so that the second is linked to the first instead of raised again.
///
/// A patch id covers only the diff, with whitespace ignored, so equal patch ids say nothing about
/// a commit's message, author or ref, and little about the exact bytes of its lines. A finding is
/// linkable only when its check reads the diff alone; and two findings are the same only when
/// their check, path, severity, title, evidence and matched text all agree. The line number is
/// left out on purpose: a cherry-pick onto a branch where the file has moved on lands on other
/// line numbers, while the patch id already pins the hunk's lines and their context.
public enum LinkKey {
    /// Checks whose findings follow from a commit's diff alone. Anything else (`review-required`,
    /// which reads the message's trailers and the author; `history-rewrite` and `ref-deleted`, which
    /// are about the ref; `scan-limit` and `scan-failed`, which are about this scan) is always
    /// raised. A check not listed here is never linked, so a new check is safe by default.
    static let diffChecks: Set<String> = [
        "mass-deletion", "protected-path", "test-weakening", "dependency-change", "ci-change", "large-file",
        "conflict-marker",
    ]
    static let diffCheckFamilies = ["secrets.", "risky-pattern."]

    /// Whether findings of `check` may be linked across commits with the same patch.
    public static func isLinkable(check: String) -> Bool {
        diffChecks.contains(check) || diffCheckFamilies.contains { check.hasPrefix($0) && check.count > $0.count }
    }

    /// The key of a raw finding (before redaction, as ids are), or `nil` when it is never linked.
    public static func make(_ finding: Finding) -> String? {
        guard isLinkable(check: finding.check) else { return nil }
        let parts = [
            finding.check, finding.path ?? "", finding.severity.rawValue, finding.title, finding.evidence,
            finding.matchHash,
        ]
        // NUL cannot occur in a path or check id; in titles and evidence it would only make two
        // findings differ that might have matched, never the reverse.
        return SHA256Hex.digest(parts.joined(separator: "\u{0}"))
    }
}
