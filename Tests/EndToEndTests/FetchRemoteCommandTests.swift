import Foundation
import Testing
import VigilTestSupport

/// `vigil fetch-remote`, the child the daemon runs for `fetch = true`, against `file://` remotes
/// built per test: what a push to the remote brings, and each way a fetch fails.
@Suite("fetch-remote command")
struct FetchRemoteCommandTests {
    /// A bare remote with one commit on `main`, and a helper clone that pushes to it.
    private func makeRemote() throws -> (remote: FixtureRepository, pusher: FixtureRepository) {
        let remote = try FixtureRepository(bare: true, name: "remote.git")
        let pusher = try FixtureRepository(name: "pusher")
        try pusher.commit("c0", files: ["a.txt": "a\n"])
        try pusher.git("remote", "add", "origin", "file://" + remote.path)
        try pusher.git("push", "-q", "origin", "main")
        return (remote, pusher)
    }

    private func pushNewCommit(_ pusher: FixtureRepository) throws -> String {
        let commit = try pusher.commit("c1", files: ["b.txt": "b\n"])
        try pusher.git("push", "-q", "origin", "main")
        return commit
    }

    private func clone(_ remote: FixtureRepository, mirror: Bool = false) throws -> FixtureRepository {
        let root = try FixtureRepository.makeTemporaryFolder()
        let path = root + "/watched"
        let arguments = ["clone", "-q"] + (mirror ? ["--mirror"] : []) + ["file://" + remote.path, path]
        try remote.git(arguments, in: root)
        return FixtureRepository(existing: path, root: root)
    }

    @Test func commitPushedToTheRemoteAppearsInRemoteTrackingRefs() throws {
        let (remote, pusher) = try makeRemote()
        let watched = try clone(remote)
        let commit = try pushNewCommit(pusher)
        let result = try VigilBinary.run(["fetch-remote", "--repo", watched.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try watched.git("rev-parse", "refs/remotes/origin/main").trimmed == commit)
        let line = try #require(try result.jsonLines().first)
        #expect(line["remote"] as? String == "origin")
        #expect((line["updated_refs"] as? Int ?? 0) >= 1)
        #expect((line["received_objects"] as? Int ?? 0) >= 1)
        #expect(result.stderr.isEmpty)
        // The work tree and its branch are untouched: a fetch only moves remote-tracking refs.
        #expect(try watched.git("rev-parse", "refs/heads/main").trimmed != commit)
    }

    @Test func mirrorUpdatesItsBranchesAndSeesDeletions() throws {
        let (remote, pusher) = try makeRemote()
        let mirror = try clone(remote, mirror: true)
        try pusher.git("push", "-q", "origin", "main:doomed")
        _ = try VigilBinary.run(["fetch-remote", "--repo", mirror.path])
        #expect(try mirror.git("branch", "--list", "doomed").contains("doomed"))
        let commit = try pushNewCommit(pusher)
        try pusher.git("push", "-q", "origin", ":doomed")
        let result = try VigilBinary.run(["fetch-remote", "--repo", mirror.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try mirror.git("rev-parse", "refs/heads/main").trimmed == commit)
        // `git clone --mirror` sets remote.origin.mirror, not prune: the deleted branch stays
        // until the repository's own config asks for pruning, as with `git fetch`.
        try mirror.git("config", "remote.origin.prune", "true")
        #expect(try VigilBinary.run(["fetch-remote", "--repo", mirror.path]).status == 0)
        #expect(try mirror.git("branch", "--list", "doomed").isEmpty)
    }

    @Test func nothingNewIsASuccessThatUpdatesNothing() throws {
        let (remote, _) = try makeRemote()
        let watched = try clone(remote)
        let result = try VigilBinary.run(["fetch-remote", "--repo", watched.path])
        #expect(result.status == 0)
        #expect(try result.jsonLines().first?["updated_refs"] as? Int == 0)
    }

    @Test func repositoryWithoutOriginExitsTwo() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("c0")
        let result = try VigilBinary.run(["fetch-remote", "--repo", fixture.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no remote named origin"))
        #expect(result.stdout.isEmpty)
    }

    @Test func pathThatIsNotARepositoryExitsTwo() throws {
        let scratch = try ScratchFolder()
        #expect(try VigilBinary.run(["fetch-remote", "--repo", scratch.path]).status == 2)
        #expect(try VigilBinary.run(["fetch-remote", "--repo", scratch.path + "/missing"]).status == 2)
    }

    @Test func unreachableRemoteExitsFourWithTheMessageEscaped() throws {
        let (remote, _) = try makeRemote()
        let watched = try clone(remote)
        try watched.git("remote", "set-url", "origin", "file:///nonexistent/\u{1b}[31mred.git")
        let result = try VigilBinary.run(["fetch-remote", "--repo", watched.path])
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("vigil: fetch-remote: "))
        #expect(!result.stderr.contains("\u{1b}"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func remoteThatHangsIsEndedByTheTimeout() throws {
        let (remote, _) = try makeRemote()
        let watched = try clone(remote)
        // A FIFO where the remote keeps its refs: libgit2's local transport opens it and waits
        // for a writer that never comes, calling nothing back meanwhile.
        try? FileManager.default.removeItem(atPath: remote.path + "/packed-refs")
        #expect(mkfifo(remote.path + "/packed-refs", 0o644) == 0)
        let result = try VigilBinary.run(["fetch-remote", "--repo", watched.path, "--timeout", "1"])
        #expect(result.status == 5)
    }

    @Test func badTimeoutsAreUsageErrors() throws {
        for value in ["0", "-1", "abc", "100000", "99999999999999999999"] {
            let result = try VigilBinary.run(["fetch-remote", "--repo", "/nonexistent", "--timeout", value])
            #expect(result.status == 2, "--timeout \(value)")
        }
    }

    @Test func isHiddenFromHelp() throws {
        let help = try VigilBinary.run(["--help"])
        #expect(!help.stdout.contains("fetch-remote"))
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
