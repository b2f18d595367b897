import Foundation

/// The built `vigil` executable, for end-to-end tests: `$VIGIL_BINARY` when set, otherwise the one
/// SwiftPM built beside the test bundle (`.build/<config>/vigil`).
public enum VigilBinary {
    public static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["VIGIL_BINARY"], !explicit.isEmpty {
            return explicit
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("vigil").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot + "/.build/debug/vigil"
    }

    /// The package root, from this file's location.
    public static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// `Tests/Fixtures`: the files tests read (rule files, damaged repositories, schemas), kept in
    /// the repository so that a plain clone's tests need nothing beside it.
    public static var fixturesFolder: String {
        packageRoot + "/Tests/Fixtures"
    }

    /// Runs `vigil` with `arguments` and a clean environment (no `$VIGIL_CONFIG` unless given).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil, input: Data? = nil
    ) throws -> ProcessResult {
        var env = ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": NSTemporaryDirectory()]
        env.merge(environment) { $1 }
        return try ProcessResult.run(path, arguments, in: directory, environment: env, input: input)
    }
}

extension ProcessResult {
    /// Standard output split into JSON objects, one per non-empty line.
    public func jsonLines() throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw FixtureError(message: "not a JSON object: \(line)")
            }
            return object
        }
    }
}
