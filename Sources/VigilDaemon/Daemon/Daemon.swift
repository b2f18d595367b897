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

    public init(
        configSource: ConfigSource, config: VigilConfig, store: any AlertStore, executable: String, logger: Logger
    ) {
        self.configSource = configSource
        self.config = config
        self.store = store
        self.executable = executable
        self.logger = logger
    }

    /// Runs until a graceful shutdown signal; returns once every service has stopped and the
    /// state is committed.
    public func run() async throws {
        let inotify: InotifyWatcher?
        do {
            inotify = try InotifyWatcher()
        } catch {
            logger.warning("inotify unavailable; polling only", metadata: ["reason": "\(error)"])
            inotify = nil
        }
        let logWakeup = Wakeup()
        let followUpWakeup = Wakeup()
        let watch = RepositoryWatch(
            config: config, store: store, executable: executable, inotify: inotify,
            alertsQueued: {
                logWakeup.ring()
                followUpWakeup.ring()
            }, logger: logger)
        let logWriter = AlertLogWriter(path: config.daemon.alertLog, store: store)
        let followUps = FollowUpService(settings: config.followUp, store: store, wakeup: followUpWakeup, logger: logger)
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(
                service: WatchService(
                    watch: watch, inotify: inotify, scanChildren: config.daemon.scanChildren, logger: logger),
                serviceName: "watch"),
            .init(
                service: AlertLogService(writer: logWriter, wakeup: logWakeup, logger: logger),
                serviceName: "alert-log"),
            .init(service: followUps, serviceName: "follow-up"),
            .init(
                service: ReloadService(source: configSource, watch: watch, followUps: followUps, logger: logger),
                serviceName: "reload"),
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
