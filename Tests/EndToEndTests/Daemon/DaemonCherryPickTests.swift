import Foundation
import Testing
import VigilTestSupport

/// The daemon links a change picked onto another branch to the first commit's alert: the pick's
/// finding is not queued, not logged, and shows on the first alert in `vigil queue`.
@Suite(.serialized) struct DaemonCherryPickTests {
    @Test func aPickPushedLaterIsLinkedNotRaised() throws {
        let repository = try PushedRepository()
        try repository.push("HEAD:refs/heads/release")
        let scratch = try DaemonScratch()
        try scratch.writeConfig(repos: [repoEntry(repository.path, extra: "refs = [\"refs/heads/*\"]")])
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")

        let leak = try repository.pushLeak("config/prod.py")
        #expect(
            DaemonProcess.waitUntil { !scratch.logged(commit: leak, check: "secrets.").isEmpty }, "\(daemon.stderr)")
        try repository.work.git("checkout", "-q", "-b", "release", "origin/release")
        try repository.work.commit("Release notes", files: ["NOTES.md": "1.0\n"])
        try repository.work.git("cherry-pick", leak)
        let picked = try repository.work.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        // Near miss in the same push: a second, different secret on the release branch alerts.
        let other = try repository.work.commit(
            "Staging key", files: ["config/staging.py": "aws_access_key_id = \"AKIAZXCVBNMQWERTYUI7\"\n"])
        try repository.push("HEAD:refs/heads/release")
        #expect(
            DaemonProcess.waitUntil { !scratch.logged(commit: other, check: "secrets.").isEmpty }, "\(daemon.stderr)")
        #expect(daemon.stop() == 0)

        #expect(scratch.logged(commit: picked, check: "").isEmpty, "the pick's finding is not logged")
        let queue = try VigilBinary.run(
            ["queue", "list", "--state", "all", "--format", "json", "--config", scratch.config])
        let records = try queue.jsonLines()
        #expect(!records.contains { $0["commit"] as? String == picked }, "\(queue.stdout)")
        let first = try #require(records.first { $0["commit"] as? String == leak })
        let links = try #require(first["linked"] as? [[String: Any]])
        #expect(links.map { $0["commit"] as? String } == [picked])
        #expect(links.first?["ref"] as? String == "refs/heads/release")
        #expect(links.first?["source"] as? String == "daemon")
    }
}
