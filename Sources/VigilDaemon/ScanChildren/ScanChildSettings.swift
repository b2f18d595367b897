import VigilCore

#if canImport(Glibc)
import Glibc
#endif

/// How the daemon runs one scan child: which binary, with which config, under which limits.
public struct ScanChildSettings: Sendable, Hashable {
    /// The `vigil` binary (the daemon's own executable); tests point it at scripts.
    public var executable: String
    /// The config file the child reads (`--config`); `nil` when the daemon runs on built-in defaults.
    public var configFile: String?
    /// `[daemon] scan_timeout`: wall time for one batch.
    public var timeout: Duration
    /// `[daemon] scan_memory_limit` in bytes, the child's `RLIMIT_DATA`; 0 for none.
    public var memoryLimit: Int
    /// Between SIGTERM and SIGKILL when the child must stop.
    public var terminationGrace: Duration
    /// Bytes of the child's standard error kept for the log.
    public var standardErrorLimit: Int
    /// Bytes of alert lines held for one batch: a batch that reaches it stops after a complete
    /// commit (the rest waits for the next batch); one commit over it is a failed scan.
    public var outputBudget: Int

    public init(
        executable: String, configFile: String?, timeout: Duration = DaemonSettings.defaultScanTimeout,
        memoryLimit: Int = DaemonSettings.defaultScanMemoryLimit, terminationGrace: Duration = .seconds(3),
        standardErrorLimit: Int = 4096, outputBudget: Int = 64 << 20
    ) {
        self.executable = executable
        self.configFile = configFile
        self.timeout = timeout
        self.memoryLimit = memoryLimit
        self.terminationGrace = terminationGrace
        self.standardErrorLimit = standardErrorLimit
        self.outputBudget = outputBudget
    }

    /// The settings `[daemon]` asks for.
    public init(executable: String, config: VigilConfig) {
        self.init(
            executable: executable, configFile: config.source, timeout: config.daemon.scanTimeout,
            memoryLimit: config.daemon.scanMemoryLimit)
    }

    /// The child's argv after the executable: the hidden subcommand and its options.
    var arguments: [String] {
        ["scan-batch"] + (configFile.map { ["--config", $0] } ?? []) + ["--memory-limit", String(memoryLimit)]
    }

    /// The whole environment the child gets: nothing of the daemon's (no secrets from the unit
    /// file, no `GIT_*` that would redirect libgit2), only a fixed `PATH` and a C locale.
    static let environment: [String: String] = ["PATH": "/usr/bin:/bin", "LC_ALL": "C"]

    /// The running executable (`/proc/self/exe`): the daemon runs its children from its own binary,
    /// never from a name looked up in `PATH`. `nil` when it cannot be read.
    public static func currentExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
