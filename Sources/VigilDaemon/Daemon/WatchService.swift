import Logging
import ServiceLifecycle
import VigilCore

/// The poll loop and the scan scheduler: polls every `poll_interval`, or at once when inotify saw
/// a ref change, and serves scan batches until a graceful shutdown, which stops the children and
/// lets each running batch record what it finished.
///
/// Under systemd it also sends `READY=1` after its first cycle and `WATCHDOG=1` between cycles and
/// as a cycle makes progress. The keep-alive comes from this loop and no other task, so a poll
/// that hangs (a ref file on a stuck mount) stops it and systemd restarts the daemon.
struct WatchService: Service {
    let watch: RepositoryWatch
    let inotify: InotifyWatcher?
    let scanChildren: Int
    let notifier: ServiceNotifier
    let status: DaemonStatus
    /// Rung after each cycle, for `StatusService`.
    let statusChanged: Wakeup
    let pollHang: PollHangHook?
    let logger: Logger

    func run() async throws {
        let watch = self.watch
        let scheduler = ScanScheduler(children: scanChildren) { repository in
            await watch.scanBatch(repository)
        }
        await watch.attach(scheduler)
        let heartbeat = Heartbeat(notifier: notifier)
        await watch.onProgress { heartbeat.beatIfDue() }
        let wake = Wakeup()
        let wakeups = inotify.flatMap { try? InotifyWakeups(watcher: $0) }
        defer { wakeups?.stop() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await scheduler.run() }
            if let wakeups {
                group.addTask {
                    for await _ in wakeups.wakeups { wake.ring() }
                }
            }
            group.addTask {
                let clock = ContinuousClock()
                var first = true
                while !Task.isCancelled {
                    if let pollHang, await pollHang.hold(logger: logger) { break }
                    // The full cycle (globs expanded, every repository stamped) on the interval.
                    await watch.poll()
                    let due = clock.now.advanced(by: await watch.pollInterval)
                    status.polled(watched: await watch.watchedCount, at: Timestamp.now())
                    if first {
                        first = false
                        let watched = await watch.watchedCount
                        logger.notice("ready", metadata: ["repositories": "\(watched)"])
                        notifier.ready()
                    }
                    statusChanged.ring()
                    heartbeat.beatIfDue()
                    // Between full cycles, inotify wake-ups read only the repositories they name.
                    while !Task.isCancelled, clock.now < due {
                        await wake.wait(upTo: clock.now.duration(to: heartbeat.nextBeat(before: due)))
                        heartbeat.beatIfDue()
                        guard clock.now < due else { break }
                        if !(await watch.pollMarked()) { break }
                    }
                }
            }
            try? await gracefulShutdown()
            logger.notice("stopping: scan children are stopped, finished work is recorded")
            group.cancelAll()
            wake.finish()
            wakeups?.stop()
        }
    }
}

/// Writes the queue's new alerts to the alert log whenever alerts were queued, and every few
/// seconds while writing fails (a full disk, a deleted folder): they wait in the queue meanwhile.
struct AlertLogService: Service {
    let writer: AlertLogWriter
    let wakeup: Wakeup
    let logger: Logger

    func run() async throws {
        var failing: String?
        while true {
            do {
                _ = try await writer.drain()
                if failing != nil {
                    logger.notice("alert log writable again; queued alerts written")
                    failing = nil
                }
            } catch {
                let reason = "\(error)"
                if failing != reason {
                    logger.error("alert log cannot be written; alerts wait in the queue", metadata: ["reason": "\(reason)"])
                    failing = reason
                }
            }
            if Task.isShuttingDownGracefully || Task.isCancelled { break }
            await withGracefulShutdownHandler {
                await wakeup.wait(upTo: failing == nil ? .seconds(30) : .seconds(2))
            } onGracefulShutdown: {
                wakeup.ring()
            }
        }
        // One last pass: what the scan batches recorded while stopping.
        _ = try? await writer.drain()
    }
}
