import Foundation
import Logging
import Testing
import VigilTestSupport

@testable import VigilDaemon

/// `WATCHDOG=1` at most once per half `WatchdogSec`, however often the loop makes progress.
@Suite struct HeartbeatTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func progressFasterThanTheIntervalBeatsOnce() throws {
        let folder = try ScratchFolder()
        let listener = try NotifyListener(path: folder.path + "/notify")
        let socket = try #require(NotifySocket(environmentValue: listener.environmentValue))
        let heartbeat = Heartbeat(
            notifier: ServiceNotifier(socket: socket, watchdogInterval: .seconds(3600), logger: logger))
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(10))
        #expect(heartbeat.nextBeat(before: deadline) <= clock.now, "the first beat is due at once")
        for _ in 0..<100 { heartbeat.beatIfDue() }
        listener.drain()
        #expect(listener.messages == ["WATCHDOG=1"])
        #expect(heartbeat.nextBeat(before: deadline) == deadline, "the next beat is an hour away")
    }

    @Test func progressAfterTheIntervalBeatsAgain() throws {
        let folder = try ScratchFolder()
        let listener = try NotifyListener(path: folder.path + "/notify")
        let socket = try #require(NotifySocket(environmentValue: listener.environmentValue))
        let heartbeat = Heartbeat(
            notifier: ServiceNotifier(socket: socket, watchdogInterval: .milliseconds(20), logger: logger))
        heartbeat.beatIfDue()
        usleep(60_000)
        heartbeat.beatIfDue()
        listener.drain()
        #expect(listener.messages == ["WATCHDOG=1", "WATCHDOG=1"])
    }

    @Test func withoutAWatchdogNothingIsSentAndTheLoopSleepsToItsDeadline() throws {
        let folder = try ScratchFolder()
        let listener = try NotifyListener(path: folder.path + "/notify")
        let socket = try #require(NotifySocket(environmentValue: listener.environmentValue))
        let heartbeat = Heartbeat(notifier: ServiceNotifier(socket: socket, watchdogInterval: nil, logger: logger))
        let deadline = ContinuousClock().now.advanced(by: .seconds(10))
        heartbeat.beatIfDue()
        #expect(heartbeat.nextBeat(before: deadline) == deadline)
        listener.drain()
        #expect(listener.messages.isEmpty)
    }
}
