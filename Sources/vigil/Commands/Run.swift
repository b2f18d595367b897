import ArgumentParser
import Foundation
import Logging
import VigilCore
import VigilDaemon
import VigilStore

extension Vigil {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the daemon in the foreground: watch the config's repositories until SIGTERM.",
            discussion: """
                Polls every [[repos]] repository of the config, scans new commits in child processes, \
                records alerts in the queue ([daemon] state_dir/queue.sqlite) and appends them to the \
                alert log ([daemon] alert_log). SIGHUP reloads the config (a broken config is logged and \
                the one in force keeps running); SIGTERM and SIGINT stop it cleanly. Exit status: 0 after \
                a clean stop, 2 when the config or the queue cannot be used.
                """
        )

        @OptionGroup var options: ConfigOptions

        @Option(
            name: .customLong("log-level"),
            help: "trace, debug, info, notice, warning, error or critical (default: [daemon] log_level, info).")
        var logLevel: LogLevelArgument?

        /// A test-only hook: the poll loop hangs once this file exists (see `PollHangHook`).
        @Option(name: .customLong("test-hang-poll-file"), help: .private)
        var testHangPollFile: String?

        func run() async throws {
            try await exiting {
                // Taken before anything else starts, so no child inherits systemd's socket.
                let notify = NotifyEnvironment.takeFromProcess()
                let source = ConfigLoader.source(
                    explicit: options.config, environment: ProcessInfo.processInfo.environment)
                let config = try options.load()
                let level = LogLevelControl(
                    logLevel?.level ?? Logger.Level(rawValue: config.daemon.logLevel.rawValue) ?? .info)
                let format = JournalStream.formatForStandardError()
                LoggingSystem.bootstrap { label in DaemonLogHandler(label: label, level: level, format: format) }
                let logger = Logger(label: "vigil")
                if let unusable = notify.unusableSocket {
                    logger.warning("NOTIFY_SOCKET names no socket Vigil can use", metadata: ["value": "\(unusable)"])
                }
                let notifier = ServiceNotifier(
                    socket: notify.socket, watchdogInterval: notify.watchdogInterval, logger: logger)
                let store: SQLiteAlertStore
                do {
                    store = try SQLiteAlertStore(path: QueueLocation.path(stateDirectory: config.daemon.stateDirectory))
                } catch {
                    throw VigilExit.repository("the queue cannot be opened: \(error)")
                }
                // Opening the queue created the state directory; the lock lives beside the queue.
                let lock: DaemonLock
                do {
                    lock = try DaemonLock(stateDirectory: config.daemon.stateDirectory)
                } catch {
                    throw VigilExit.repository("\(error)")
                }
                defer { withExtendedLifetime(lock) {} }
                logger.notice(
                    "starting",
                    metadata: [
                        "config": "\(source)", "version": "\(VigilVersion.string)",
                        "queue": "\(store.path)", "alert_log": "\(config.daemon.alertLog)",
                    ])
                try await Daemon(
                    configSource: source, config: config, store: store, executable: "/proc/self/exe", logger: logger,
                    notifier: notifier, logLevel: logLevel == nil ? level : nil,
                    pollHang: testHangPollFile.map(PollHangHook.init(file:))
                ).run()
                logger.notice("stopped")
            }
        }
    }
}

/// `--log-level`, in swift-log's names.
enum LogLevelArgument: String, ExpressibleByArgument, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    var level: Logger.Level { Logger.Level(rawValue: rawValue) ?? .info }
}
