import Testing
import VigilCore
import VigilGit

/// Which findings may be linked across commits with the same patch, and to what.
@Suite struct FindingLinkerTests {
    static let patch = String(repeating: "a", count: 40)

    static func commit(_ digit: Character, message: String = "Fix\n") -> Commit {
        let signature = Signature(name: "Dana", email: "dana@example.com", time: 1_700_000_000, offsetMinutes: 0)
        return Commit(
            id: ObjectID(hex: String(repeating: digit, count: 40))!, parents: [], author: signature,
            committer: signature, rawMessage: Array(message.utf8), trailers: [])
    }

    static func finding(
        _ check: String = "secrets.aws-access-key-id", path: String = "config/prod.py", line: Int = 12,
        evidence: String = "AKIA…(redacted)", matchHash: String = "h1"
    ) -> Finding {
        Finding(
            check: check, severity: .critical, title: "AWS access key ID", path: path, line: line,
            evidence: evidence, matchHash: matchHash)
    }

    static func alert(_ finding: Finding, on commit: Commit, patchID: String? = patch) -> Alert {
        var alert = Alert(
            finding: finding, commit: commit, verdict: .human, repository: "/srv/git/app", ref: nil, source: .rescan,
            time: "2026-12-01T00:00:00Z")
        alert.patchID = alert.linkKey == nil ? nil : patchID
        return alert
    }

    @Test func onlyChecksThatReadTheDiffAloneAreLinkable() {
        for check in ["secrets.aws-access-key-id", "risky-pattern.rm-rf", "large-file", "protected-path", "ci-change"] {
            #expect(LinkKey.isLinkable(check: check), "\(check)")
        }
        for check in ["review-required", "history-rewrite", "ref-deleted", "scan-limit", "scan-failed", "secrets.", "x"] {
            #expect(!LinkKey.isLinkable(check: check), "\(check)")
            #expect(LinkKey.make(Self.finding(check)) == nil)
        }
    }

    @Test func theKeyIgnoresTheLineButNothingElse() {
        let base = Self.finding()
        #expect(LinkKey.make(base) == LinkKey.make(Self.finding(line: 40)))
        #expect(LinkKey.make(base) != LinkKey.make(Self.finding(path: "config/staging.py")))
        #expect(LinkKey.make(base) != LinkKey.make(Self.finding(evidence: "AKIB…")))
        #expect(LinkKey.make(base) != LinkKey.make(Self.finding(matchHash: "h2")))
        var severe = base
        severe.severity = .info
        #expect(LinkKey.make(base) != LinkKey.make(severe))
    }

    @Test func aLaterCommitWithTheSamePatchIsLinkedToTheFirst() {
        let linker = FindingLinker()
        let first = linker.link([
            Self.alert(Self.finding("review-required"), on: Self.commit("1")),
            Self.alert(Self.finding(), on: Self.commit("1")),
        ]).dropFirst().map { $0 }
        #expect(first.allSatisfy { $0.linkedTo == nil })
        let picked = linker.link([
            Self.alert(Self.finding(line: 30), on: Self.commit("2")),
            Self.alert(Self.finding(matchHash: "other"), on: Self.commit("2")),
            Self.alert(Self.finding("review-required"), on: Self.commit("2")),
        ])
        #expect(picked[0].linkedTo == AlertLink(id: first[0].id, commit: String(repeating: "1", count: 40)))
        #expect(picked[1].linkedTo == nil, "near miss: another matched text")
        #expect(picked[2].linkedTo == nil, "near miss: a finding from the commit's metadata")
        let third = linker.link([Self.alert(Self.finding(matchHash: "other"), on: Self.commit("3"))])
        #expect(third[0].linkedTo == nil, "links go to the first commit only")
    }

    @Test func aCommitWithAnotherPatchOrNoneIsNotLinked() {
        let linker = FindingLinker()
        _ = linker.link([Self.alert(Self.finding(), on: Self.commit("1"))])
        let other = linker.link([Self.alert(Self.finding(), on: Self.commit("2"), patchID: String(repeating: "b", count: 40))])
        #expect(other[0].linkedTo == nil)
        let none = linker.link([Self.alert(Self.finding(), on: Self.commit("3"), patchID: nil)])
        #expect(none[0].linkedTo == nil)
        let again = linker.link([Self.alert(Self.finding(), on: Self.commit("1"))])
        #expect(again[0].linkedTo == nil, "a commit is never linked to itself")
    }

    @Test func theQueuesFirstCommitComesBeforeThisRuns() {
        let queued = AlertLink(id: "q1", commit: String(repeating: "9", count: 40))
        let linker = FindingLinker { _, patchID in
            patchID == Self.patch ? LinkableCommit(commit: queued.commit, alerts: [(LinkKey.make(Self.finding())!, "q1")]) : nil
        }
        let first = linker.link([Self.alert(Self.finding(), on: Self.commit("1"))])
        #expect(first[0].linkedTo == queued)
    }
}
