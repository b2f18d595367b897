import Foundation
import VigilTestSupport

/// A watched bare repository and the clone that pushes into it, as commits reach a build host.
final class PushedRepository: @unchecked Sendable {
    // @unchecked: one test drives it from one task.
    let bare: FixtureRepository
    let work: FixtureRepository
    static let awsKey = "AKIAQYLPMN5HHHFPZAM2"

    /// A bare repository at `folder/name` with one pushed commit on main.
    init(name: String = "app.git") throws {
        bare = try FixtureRepository(bare: true, name: name)
        // The clone gets a temporary folder of its own: a fixture keeps its scratch files (commit
        // messages) in its root, and removes that root when released.
        let workRoot = try FixtureRepository.makeTemporaryFolder()
        let clone = workRoot + "/work"
        try bare.git(["clone", "-q", bare.path, clone], in: workRoot)
        work = FixtureRepository(existing: clone, root: workRoot)
        try work.git("checkout", "-q", "-b", "main")
        try work.commit("Initial", files: ["README.md": "app\n"])
        try push()
    }

    var path: String { bare.path }

    /// Pushes the clone's current branch (forced when asked).
    func push(_ refspec: String = "HEAD:refs/heads/main", force: Bool = false) throws {
        try work.git(["push", "-q"] + (force ? ["--force"] : []) + ["origin", refspec])
    }

    /// Commits a file holding an AWS key and pushes it; returns the commit.
    @discardableResult
    func pushLeak(_ file: String, branch: String = "main") throws -> String {
        let commit = try work.commit(
            "Add \(file)", files: [file: "aws_access_key_id = \"\(Self.awsKey)\"\n"])
        try push("HEAD:refs/heads/\(branch)")
        return commit
    }
}

/// The scratch folder of one daemon test: its config, state and alert log.
struct DaemonScratch {
    let folder: ScratchFolder
    var state: String { folder.path + "/state" }
    var log: String { folder.path + "/log/alerts.jsonl" }
    var stderr: String { folder.path + "/daemon.stderr" }
    var config: String { folder.path + "/vigil.toml" }

    init() throws {
        folder = try ScratchFolder()
    }

    /// Writes the config: a fast poll, state and log here, and one `[[repos]]` table per entry.
    @discardableResult
    func writeConfig(repos: [String], extra: String = "", pollInterval: String = "200ms") throws -> String {
        var text = """
            [daemon]
            poll_interval = "\(pollInterval)"
            state_dir = "\(state)"
            alert_log = "\(log)"

            """
        for repo in repos {
            text += """

                [[repos]]
                \(repo)

                """
        }
        text += extra
        return try folder.write("vigil.toml", text)
    }

    func start() throws -> DaemonProcess {
        try DaemonProcess(configPath: config, stderrPath: stderr)
    }

    /// `vigil queue list --state all --format json` on this daemon's queue.
    func queue() throws -> [[String: Any]] {
        let result = try VigilBinary.run(["queue", "list", "--state", "all", "--format", "json", "--config", config])
        guard result.status == 0 else { throw FixtureError(message: "queue list: \(result.stderr)") }
        return try result.jsonLines()
    }

    var logRecords: [[String: Any]] { AlertLogFile.records(log) }

    /// Log records about `commit` with a check starting with `check`.
    func logged(commit: String, check: String) -> [[String: Any]] {
        logRecords.filter { $0["commit"] as? String == commit && ($0["check"] as? String)?.hasPrefix(check) == true }
    }
}

/// A `[[repos]]` body for `path`.
func repoEntry(_ path: String, initial: String = "baseline", extra: String = "") -> String {
    """
    path = "\(path)"
    scope = "all"
    initial = "\(initial)"
    protected_refs = ["refs/heads/main"]
    \(extra)
    """
}
