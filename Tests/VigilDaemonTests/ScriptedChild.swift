import Foundation
import VigilCore
import VigilDaemon
import VigilTestSupport

/// A shell script that plays the scan child.
struct ScriptedChild {
    let path: String
    let folder: ScratchFolder

    /// `body` runs after the request was read from stdin into `$dir/request.json`.
    init(_ body: String, readRequest: Bool = true) throws {
        folder = try ScratchFolder()
        let read = readRequest ? "cat > \"$dir/request.json\"\n" : ""
        path = try folder.write("child.sh", "#!/bin/sh\ndir='\(folder.path)'\n\(read)\(body)\n")
        chmod(path, 0o755)
    }

    /// A child that prints `lines` and exits with `status`.
    init(printing lines: [String], status: Int = 0, then extra: String = "") throws {
        let folder = try ScratchFolder()
        let output = try folder.write("output.jsonl", lines.map { $0 + "\n" }.joined())
        try self.init("cat '\(output)'\n\(extra)\nexit \(status)")
    }

    /// The request the child got, as the daemon sent it.
    func request() throws -> ScanBatchRequest {
        try JSONDecoder().decode(
            ScanBatchRequest.self, from: Data(contentsOf: URL(fileURLWithPath: folder.path + "/request.json")))
    }

    func runner(timeout: Duration = .seconds(30), memoryLimit: Int = 0, grace: Duration = .seconds(1))
        -> ScanChildRunner
    {
        ScanChildRunner(
            settings: ScanChildSettings(
                executable: path, configFile: "/etc/vigil/test.toml", timeout: timeout, memoryLimit: memoryLimit,
                terminationGrace: grace))
    }
}
