import Logging
import ServiceLifecycle
import UnixSignals
import VigilCore

/// SIGHUP: read the config again. A config with any problem is not applied: the one in force
/// keeps running and every problem is logged, so a typo in an edit never stops the guardrail.
///
/// systemd hears `RELOADING=1` before and `READY=1` after, whether the new config was applied or
/// not. SIGHUP also has the alert log writer look at its file at once, so after logrotate moved
/// the log (its `postrotate` reloads) the new file is started without waiting for the next alert.
struct ReloadService: Service {
    let source: ConfigSource
    let watch: RepositoryWatch
    let followUps: FollowUpService
    let notifier: ServiceNotifier
    /// Rung after a reload: the alert log writer reopens a moved log, the status is sent again.
    let reopenLog: Wakeup
    let statusChanged: Wakeup
    /// The log level to follow `[daemon] log_level`; `nil` when `--log-level` fixed it.
    let logLevel: LogLevelControl?
    let logger: Logger

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            notifier.reloading()
            await reload()
            reopenLog.ring()
            notifier.ready()
            statusChanged.ring()
        }
    }

    func reload() async {
        logger.notice("reloading config", metadata: ["config": "\(source)"])
        let config: VigilConfig
        do {
            config = try ConfigLoader.load(source, validatingChecks: .standard)
        } catch {
            for problem in error.problems {
                logger.error("config problem; keeping the config in force", metadata: ["problem": "\(problem)"])
            }
            return
        }
        let before = await watch.daemonSettings
        if before.stateDirectory != config.daemon.stateDirectory || before.alertLog != config.daemon.alertLog {
            logger.warning("state_dir and alert_log changes take effect on restart")
        }
        await watch.replace(config)
        followUps.replace(config.followUp)
        if let logLevel, let level = Logger.Level(rawValue: config.daemon.logLevel.rawValue) {
            logLevel.level = level
        }
        logger.notice("config reloaded", metadata: ["repos": "\(config.repos.count)"])
    }
}
