import Logging
import ServiceLifecycle
import UnixSignals
import VigilCore

/// `vigil run`: the long-running service. It polls the configured repositories, runs scan children
/// for what is new, records alerts in the queue, writes the alert log from the queue and runs the
/// follow-up command, until SIGTERM or SIGINT; SIGHUP reloads the config.
///
/// The process stays small and trusted: it reads ref files, keeps state, and writes the queue and
/// the log. Everything that parses objects runs in a child (`vigil scan-batch`), so a hostile
/// repository costs one `scan-failed` alert, never the service.
public struct Daemon: Sendable {
    /// Where the config came from, to read it again on SIGHUP.
    public var configSource: ConfigSource
    public var config: VigilConfig
    public var store: any AlertStore
    /// The binary scan children run (the daemon's own).
    public var executable: String
    public var logger: Logger
    /// systemd's notify socket and watchdog; a disabled notifier outside systemd.
    public var notifier: ServiceNotifier
    /// The level `[daemon] log_level` sets on reload; `nil` when the command line fixed it.
    public var logLevel: LogLevelControl?
    /// The hidden test hook that makes the poll loop hang.
    public var pollHang: PollHangHook?

    public init(
        configSource: ConfigSource, config: VigilConfig, store: any AlertStore, executable: String, logger: Logger,
        notifier: ServiceNotifier? = nil, logLevel: LogLevelControl? = nil, pollHang: PollHangHook? = nil
    ) {
        self.configSource = configSource
        self.config = config
        self.store = store
        self.executable = executable
        self.logger = logger
        self.notifier = notifier ?? .disabled(logger: logger)
        self.logLevel = logLevel
        self.pollHang = pollHang
    }

    /// Runs until a graceful shutdown signal; returns once every service has stopped and the
    /// state is committed.
    public func run() async throws {
        let status = DaemonStatus()
        // Every error line also becomes the status's "last error".
        let base = logger
        let logger = Logger(label: base.label) { _ in StatusErrorLogHandler(inner: base.handler, status: status) }
        let inotify: InotifyWatcher?
        do {
            inotify = try InotifyWatcher()
        } catch {
            logger.warning("inotify unavailable; polling only", metadata: ["reason": "\(error)"])
            inotify = nil
        }
        let logWakeup = Wakeup()
        let followUpWakeup = Wakeup()
        let statusWakeup = Wakeup()
        let watch = RepositoryWatch(
            config: config, store: store, executable: executable, inotify: inotify,
            alertsQueued: {
                logWakeup.ring()
                followUpWakeup.ring()
                statusWakeup.ring()
            }, logger: logger)
        let logWriter = AlertLogWriter(path: config.daemon.alertLog, store: store)
        let followUps = FollowUpService(settings: config.followUp, store: store, wakeup: followUpWakeup, logger: logger)
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(
                service: WatchService(
                    watch: watch, inotify: inotify, scanChildren: config.daemon.scanChildren, notifier: notifier,
                    status: status, statusChanged: statusWakeup, pollHang: pollHang, logger: logger),
                serviceName: "watch"),
            .init(
                service: AlertLogService(writer: logWriter, wakeup: logWakeup, logger: logger),
                serviceName: "alert-log"),
            .init(service: followUps, serviceName: "follow-up"),
            .init(
                service: ReloadService(
                    source: configSource, watch: watch, followUps: followUps, notifier: notifier,
                    reopenLog: logWakeup, statusChanged: statusWakeup, logLevel: logLevel, logger: logger),
                serviceName: "reload"),
            // Last, so that it is the first to hear of a shutdown: systemd gets STOPPING=1 at once,
            // not after the scan children have stopped.
            .init(
                service: StatusService(notifier: notifier, status: status, store: store, wakeup: statusWakeup),
                serviceName: "status"),
        ]
        var configuration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // SIGTERM must end the daemon within 10 s (systemd's default stop timeout is 90 s, but an
        // operator's `systemctl restart` should not wait): children get SIGTERM, then SIGKILL.
        configuration.maximumGracefulShutdownDuration = .seconds(8)
        configuration.maximumCancellationDuration = .seconds(1)
        try await ServiceGroup(configuration: configuration).run()
    }
}
