import Logging
import ServiceLifecycle
import UnixSignals
import VigilCore

/// SIGHUP: read the config again. A config with any problem is not applied: the one in force
/// keeps running and every problem is logged, so a typo in an edit never stops the guardrail.
struct ReloadService: Service {
    let source: ConfigSource
    let watch: RepositoryWatch
    let followUps: FollowUpService
    let logger: Logger

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            await reload()
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
        logger.notice("config reloaded", metadata: ["repos": "\(config.repos.count)"])
    }
}
