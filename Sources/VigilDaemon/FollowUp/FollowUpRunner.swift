import Logging
import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Delivers new alerts to `[followup] command`: one run per alert with its JSON line on stdin,
/// retried with backoff until it exits 0 or `max_attempts` runs have failed. The delivery state
/// lives in the queue (`followUpsDue` / `recordFollowUp`), so a restart resumes where it stopped.
///
/// The daemon calls `runDue` from a task of its own: a command that fails or hangs costs its
/// timeout and its retries, never a scan.
public actor FollowUpRunner {
    private let settings: FollowUpSettings
    private let store: any AlertStore
    private let logger: Logger
    private let clock: @Sendable () -> Int64
    /// Set while a pass runs: a second call meanwhile returns at once instead of running the
    /// same alerts' commands twice.
    private var running = false

    /// Alerts taken from the queue per pass.
    static let batchSize = 100

    public init(settings: FollowUpSettings, store: any AlertStore, logger: Logger = FollowUpRunner.silentLogger) {
        self.init(settings: settings, store: store, logger: logger, clock: FollowUpRunner.secondsNow)
    }

    init(
        settings: FollowUpSettings, store: any AlertStore, logger: Logger = FollowUpRunner.silentLogger,
        clock: @escaping @Sendable () -> Int64
    ) {
        self.settings = settings
        self.store = store
        self.logger = logger
        self.clock = clock
    }

    /// Runs the command for every alert whose delivery is due, one after another, and returns
    /// how many runs it made. Does nothing without a command.
    public func runDue() async -> Int {
        guard let argv = settings.command, !running else { return 0 }
        running = true
        defer { running = false }
        let command = FollowUpCommand(argv: argv, timeout: settings.timeout)
        let due: [QueuedAlert]
        do {
            due = try await store.followUpsDue(now: Timestamp.rfc3339(seconds: clock()), limit: Self.batchSize)
        } catch {
            logger.error("follow-up queue unavailable", metadata: ["error": "\(error)"])
            return 0
        }
        var runs = 0
        for alert in due {
            if Task.isCancelled { break }
            let line = Array((alert.record.json(seq: alert.seq) + "\n").utf8)
            let outcome = await command.run(input: line)
            // Stopped by shutdown, not by its timeout: this run does not count, and the alert
            // stays due for the next start.
            if Task.isCancelled { break }
            runs += 1
            let result = judge(outcome, attempt: alert.followUp.attempts + 1)
            log(result, alert: alert)
            do {
                try await store.recordFollowUp(id: alert.record.id, result)
            } catch {
                logger.error(
                    "follow-up outcome not recorded", metadata: ["alert.id": "\(alert.record.id)", "error": "\(error)"])
            }
        }
        return runs
    }

    // MARK: - Outcomes

    /// What one run means for the alert's delivery: delivered on exit 0; otherwise another try
    /// after the backoff, or none once `max_attempts` runs have failed.
    func judge(_ outcome: FollowUpCommand.Outcome, attempt: Int) -> FollowUpOutcome {
        guard let failure = Self.failure(of: outcome, timeout: settings.timeout) else { return .delivered }
        guard attempt < settings.maxAttempts else { return .gaveUp(error: failure) }
        let retryAt = clock() + FollowUpBackoff.delay(afterAttempt: attempt)
        return .retry(error: failure, retryAt: Timestamp.rfc3339(seconds: retryAt))
    }

    /// The text kept as the queue's `last_error`, or `nil` for a delivery. Everything in it is
    /// already escaped: the command's output and the program's path may hold any bytes.
    static func failure(of outcome: FollowUpCommand.Outcome, timeout: Duration) -> String? {
        func withOutput(_ text: String, _ output: String) -> String {
            output.isEmpty ? text : text + ": " + output
        }
        switch outcome {
        case .exited(0, _): return nil
        case .exited(let code, let output): return withOutput("exit status \(code)", output)
        case .signaled(let signal, let output): return withOutput("killed by signal \(signal)", output)
        case .timedOut(let output):
            return withOutput("still running after \(timeout.configText); killed with its process group", output)
        case .couldNotStart(let reason): return "could not start: " + TerminalText.escape(reason)
        case .lost(let reason): return "failed while running: " + TerminalText.escape(reason)
        }
    }

    private func log(_ result: FollowUpOutcome, alert: QueuedAlert) {
        let metadata: Logger.Metadata = ["alert.id": "\(alert.record.id)", "alert.seq": "\(alert.seq)"]
        switch result {
        case .delivered: logger.debug("follow-up delivered", metadata: metadata)
        case .retry(let error, let retryAt):
            logger.warning(
                "follow-up failed; will retry",
                metadata: metadata.merging(["error": "\(error)", "retry_at": "\(retryAt)"]) { $1 })
        case .gaveUp(let error):
            logger.error("follow-up failed for the last time", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
    }

    /// Libraries never bootstrap logging: without the daemon's logger, nothing is logged.
    public static let silentLogger = Logger(label: "vigil.followup", factory: { _ in SwiftLogNoOpLogHandler() })

    private static let secondsNow: @Sendable () -> Int64 = {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }
}

/// How long a failed delivery waits before its next try: 10 s, doubling per failure, at most an
/// hour, so a broken command is retried soon after a blip and rarely during an outage.
enum FollowUpBackoff {
    static let first: Int64 = 10
    static let longest: Int64 = 3600

    /// Seconds to wait after failed attempt number `attempt` (1 for the first).
    static func delay(afterAttempt attempt: Int) -> Int64 {
        let doublings = min(max(attempt - 1, 0), 20)
        return min(first << Int64(doublings), longest)
    }
}

extension Duration {
    /// "30s", "500ms", as the config writes durations.
    var configText: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }
}
