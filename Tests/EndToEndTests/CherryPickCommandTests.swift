import Foundation
import Testing
import VigilCore
import VigilStore
import VigilTestSupport

/// A change picked onto a release branch is linked to the first commit's alerts, not raised again;
/// what comes from the pick's own metadata, or differs in its text, still alerts.
@Suite struct CherryPickCommandTests {
    static let claude = "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>"
    static let awsKey = "AKIAQYLPMN5HHHFPZAM2"

    let repository: FixtureRepository
    let base: String
    /// On main: an AI commit adding a secret and changing a workflow without review.
    let original: String
    /// The same change picked onto `release`, whose files moved on meanwhile.
    let picked: String

    init() throws {
        repository = try FixtureRepository()
        let settings = (1...10).map { "SETTING_\($0) = \($0)\n" }.joined()
        base = try repository.commit(
            "Initial", files: ["config/prod.py": settings, ".github/workflows/deploy.yml": "on: push\n"])
        try repository.git("branch", "release")
        original = try repository.commit(
            "Wire up storage\n\n\(Self.claude)\n",
            files: [
                "config/prod.py": settings + "aws_access_key_id = \"\(Self.awsKey)\"\n",
                ".github/workflows/deploy.yml": "on: push\njobs: {}\n",
            ])
        try repository.git("checkout", "-q", "release")
        try repository.commit("Release notes", files: ["NOTES.md": "1.0\n"])
        try repository.git("cherry-pick", original)
        picked = try repository.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try repository.git("checkout", "-q", "main")
    }

    private func records(_ result: ProcessResult, kind: String) throws -> [[String: Any]] {
        try result.jsonLines().filter { $0["kind"] as? String == kind }
    }

    @Test func aPickInTheSameRunIsLinkedToTheFirstCommitsAlert() throws {
        let result = try VigilBinary.run(["rescan", repository.path, "--format", "json", "--dry-run"])
        #expect(result.status == 1, "\(result.stderr)")
        let alerts = try records(result, kind: "alert")
        let firstSecret = try #require(
            alerts.first { $0["commit"] as? String == original && ($0["check"] as? String)?.hasPrefix("secrets.") == true })
        let linked = try records(result, kind: "linked")
        #expect(linked.count == 1)
        let link = try #require(linked.first)
        #expect(link["commit"] as? String == picked)
        #expect(link["check"] as? String == firstSecret["check"] as? String)
        let target = try #require(link["linked_to"] as? [String: Any])
        #expect(target["id"] as? String == firstSecret["id"] as? String)
        #expect(target["commit"] as? String == original)
        #expect(link["id"] as? String != firstSecret["id"] as? String, "the linked finding keeps its own id")
        // Near miss: review-required comes from the pick's own message (no review trailer), so the
        // pick raises it again.
        let review = alerts.filter { $0["check"] as? String == "review-required" }
        #expect(Set(review.compactMap { $0["commit"] as? String }) == [original, picked])
        #expect(!alerts.contains { $0["commit"] as? String == picked && ($0["check"] as? String)?.hasPrefix("secrets.") == true })
        let summary = try #require(result.jsonLines().last)
        #expect(summary["alerts"] as? Int == alerts.count)
        #expect(summary["linked"] as? Int == 1)
    }

    @Test func textOutputShowsTheLink() throws {
        let result = try VigilBinary.run(["rescan", repository.path, "--dry-run"])
        #expect(result.stdout.contains("LINKED"), "\(result.stdout)")
        #expect(result.stdout.contains("on \(original.prefix(12)) (same patch)"), "\(result.stdout)")
        #expect(result.stdout.contains("1 linked to earlier commits"))
    }

    /// Near miss: whitespace is outside the patch id, so `rm -rf $DIR /cache` (which also wipes
    /// `/cache`) has the patch id of `rm -rf $DIR/cache`; its evidence differs, so it is another
    /// finding and alerts.
    @Test func aSamePatchWithDifferentMatchedTextStillAlerts() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("Initial", files: ["build.sh": "set -e\nmake\n"])
        try fixture.git("branch", "other")
        let harmless = try fixture.commit(
            "Clean up\n\n\(Self.claude)\n", files: ["build.sh": "set -e\nmake\nrm -rf $DIR/cache\n"])
        try fixture.git("checkout", "-q", "other")
        let hostile = try fixture.commit(
            "Clean up\n\n\(Self.claude)\n", files: ["build.sh": "set -e\nmake\nrm -rf $DIR /cache\n"])
        let patchIDs = try [harmless, hostile].map { commit in
            let patch = try fixture.git(["show", "--format=", "--full-index", commit])
            return try fixture.git(["patch-id", "--stable"], input: Data(patch.utf8)).split(separator: " ").first
        }
        try #require(patchIDs[0] != nil && patchIDs[0] == patchIDs[1], "git gives both one patch id")
        let result = try VigilBinary.run(["rescan", fixture.path, "--format", "json", "--dry-run"])
        let alerts = try records(result, kind: "alert").filter { ($0["check"] as? String) == "risky-pattern.rm-rf" }
        #expect(Set(alerts.compactMap { $0["commit"] as? String }) == [harmless, hostile], "\(result.stdout)")
        #expect(try records(result, kind: "linked").isEmpty)
    }

    @Test func aPickScannedInALaterRunIsLinkedThroughTheQueue() throws {
        let scratch = try ScratchFolder()
        let config = try scratch.write(
            "vigil.toml",
            "[daemon]\nstate_dir = \"\(scratch.path)/state\"\nalert_log = \"\(scratch.path)/alerts.jsonl\"\n")
        let first = try VigilBinary.run(
            ["rescan", repository.path, "--range", "\(base)..main", "--format", "json", "--config", config])
        #expect(first.status == 1, "\(first.stderr)")
        let firstSecret = try #require(
            try records(first, kind: "alert").first { ($0["check"] as? String)?.hasPrefix("secrets.") == true })
        let second = try VigilBinary.run(
            ["rescan", repository.path, "--range", "\(base)..release", "--format", "json", "--config", config])
        let linked = try records(second, kind: "linked")
        #expect(linked.count == 1, "\(second.stdout)")
        let linkedID = try #require(linked.first?["id"] as? String)
        #expect((linked.first?["linked_to"] as? [String: Any])?["id"] as? String == firstSecret["id"] as? String)

        let queue = try VigilBinary.run(["queue", "list", "--state", "all", "--format", "json", "--config", config])
        let queued = try queue.jsonLines()
        #expect(!queued.contains { $0["id"] as? String == linkedID }, "a linked finding is not queued")
        let secret = try #require(queued.first { $0["id"] as? String == firstSecret["id"] as? String })
        let links = try #require(secret["linked"] as? [[String: Any]])
        #expect(links.map { $0["commit"] as? String } == [picked])
        #expect(links.first?["id"] as? String == linkedID)
        #expect(queued.contains { $0["commit"] as? String == picked && $0["check"] as? String == "review-required" })
        let log = try String(contentsOfFile: scratch.path + "/alerts.jsonl", encoding: .utf8)
        #expect(!log.contains(linkedID), "a linked finding is not written to the alert log")

        let text = try VigilBinary.run(["queue", "list", "--config", config])
        #expect(text.stdout.contains("also on \(picked.prefix(12))"), "\(text.stdout)")
        let show = try VigilBinary.run(["queue", "show", linkedID, "--config", config])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains(firstSecret["id"] as? String ?? "-"))
        #expect(show.stdout.contains(picked))
    }

    /// The daemon's path: scan children in two batches (main, then release), each batch recorded
    /// as the daemon records it; the queue links the pick's secret to the first alert.
    @Test func theDaemonsRecorderLinksAcrossBatches() async throws {
        let path = URL(fileURLWithPath: repository.path).resolvingSymlinksInPath().path
        let mainTip = try repository.git("rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines)
        func batch(_ tips: [(String, String)], seen: [String]) throws -> [AlertRecord] {
            let object: [String: Any] = [
                "repository": path, "tips": tips.map { ["name": $0.0, "target": $0.1] }, "seen": seen,
                "moved": [], "deleted": [], "limit": 100, "workers": 1,
            ]
            let result = try VigilBinary.run(["scan-batch"], input: try JSONSerialization.data(withJSONObject: object))
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").compactMap { line in
                guard case .alert(let record)? = ScanBatchRecord(line: line) else { return nil }
                return record
            }
        }
        let scratch = try ScratchFolder()
        let store = try SQLiteAlertStore(path: scratch.path + "/queue.sqlite")
        let first = try batch([("refs/heads/main", mainTip)], seen: [base])
        _ = try await store.record(first, progress: nil, followUp: false)
        let second = try batch([("refs/heads/release", picked)], seen: [mainTip, base])
        let pickSecret = try #require(second.first { $0.commit == picked && $0.check.hasPrefix("secrets.") })
        #expect(pickSecret.patchID != nil && pickSecret.linkKey != nil)
        #expect(second.first { $0.check == "review-required" }?.linkKey == nil, "metadata findings carry no key")
        let queued = try await store.record(second, progress: nil, followUp: false)
        #expect(!queued.contains { $0.record.id == pickSecret.id })
        #expect(queued.contains { $0.record.commit == picked && $0.record.check == "review-required" })
        let all = try await store.alerts(matching: AlertFilter(states: nil))
        let firstSecret = try #require(all.first { $0.record.commit == original && $0.record.check.hasPrefix("secrets.") })
        #expect(firstSecret.links.map(\.commit) == [picked])
        #expect(firstSecret.links.first?.ref == "refs/heads/release")
    }
}
