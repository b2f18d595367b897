import Foundation
import VigilTestSupport

/// Python's sqlite3 as a second process on a queue file: what another Vigil process (or an
/// operator's `sqlite3` shell) does to it, from outside this process's SQLite connections.
enum SQLiteHelper {
    /// Runs `body` (Python, with `db` an open connection in autocommit-off mode) and waits for it.
    static func run(path: String, _ body: String) throws {
        let result = try ProcessResult.run("/usr/bin/python3", ["-c", script(body), path])
        guard result.status == 0 else { throw HelperFailed(message: result.stderr) }
    }

    /// Starts `body` in the background; the returned process is running it.
    static func start(path: String, _ body: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script(body), path]
        process.standardOutput = Pipe()
        process.standardInput = Pipe()
        try process.run()
        return process
    }

    private static func script(_ body: String) -> String {
        "import sqlite3, sys, time\ndb = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)\n" + body
    }
}

struct HelperFailed: Error, CustomStringConvertible {
    var message: String
    var description: String { "python3 failed: \(message)" }
}
