import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A `vigil run` daemon started from the built binary for one end-to-end test, with its state, its
/// alert log and its own stderr file in the test's scratch folder.
///
/// Waiting is by polling an observable effect (a line in the log, text on stderr) with a generous
/// deadline; the deadline only bounds a hang, it never judges speed.
public final class DaemonProcess: @unchecked Sendable {
    // @unchecked: one test drives one daemon from one task.

    public let configPath: String
    public let stderrPath: String
    private let process = Process()

    /// Starts `vigil run --config configPath`, appending stderr to `stderrPath`.
    public init(
        configPath: String, stderrPath: String, environment: [String: String] = [:], extraArguments: [String] = []
    ) throws {
        self.configPath = configPath
        self.stderrPath = stderrPath
        if !FileManager.default.fileExists(atPath: stderrPath) {
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        }
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        errors.seekToEndOfFile()
        process.executableURL = URL(fileURLWithPath: VigilBinary.path)
        process.arguments = ["run", "--config", configPath] + extraArguments
        var env = ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": NSTemporaryDirectory()]
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? errors.close()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Everything the daemon (and earlier daemons sharing the file) wrote on stderr.
    public var stderr: String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    /// Sends `signal`.
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the daemon to exit and returns its status, or `nil` if it is still running after
    /// `seconds` (then it is killed).
    @discardableResult
    public func waitForExit(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// SIGTERM, then the exit status within `seconds` (`nil`: it had to be killed).
    @discardableResult
    public func stop(seconds: Double = 10) -> Int32? {
        send(SIGTERM)
        return waitForExit(seconds: seconds)
    }

    /// Polls `condition` every 50 ms until it holds or `seconds` pass; returns whether it held.
    @discardableResult
    public static func waitUntil(seconds: Double = 60, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }

    /// `waitUntil` for async tests: sleeps between looks instead of blocking its thread, so that a
    /// test waiting for a daemon does not hold one of the few threads the async tests share.
    public static func eventually(seconds: Double = 60, _ condition: () throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }

    /// `waitForStderr` for async tests.
    public func eventuallyStderr(_ text: String, count: Int = 1, seconds: Double = 60) async -> Bool {
        await DaemonProcess.eventually(seconds: seconds) {
            stderr.components(separatedBy: text).count - 1 >= count
        }
    }

    /// Waits until stderr contains `text` `count` times (the daemon's log lines).
    @discardableResult
    public func waitForStderr(_ text: String, count: Int = 1, seconds: Double = 60) -> Bool {
        DaemonProcess.waitUntil(seconds: seconds) {
            stderr.components(separatedBy: text).count - 1 >= count
        }
    }
}

/// The JSON lines of an alert log, parsed; lines that are not JSON objects are returned as `nil`
/// entries so a test can tell a torn line from a missing one.
public enum AlertLogFile {
    public static func lines(_ path: String) -> [[String: Any]?] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// The alert records of the log (lines that parse).
    public static func records(_ path: String) -> [[String: Any]] {
        lines(path).compactMap { $0 }
    }
}
