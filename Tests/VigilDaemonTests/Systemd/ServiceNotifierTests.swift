import Foundation
import Logging
import Testing
import VigilTestSupport

@testable import VigilDaemon

/// What the notifier writes to a socket the test owns.
@Suite struct ServiceNotifierTests {
    let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    func notifier(_ listener: NotifyListener, watchdog: Duration? = nil) throws -> ServiceNotifier {
        let socket = try #require(NotifySocket(environmentValue: listener.environmentValue))
        return ServiceNotifier(socket: socket, watchdogInterval: watchdog, logger: logger)
    }

    @Test func eachMessageIsOneDatagramToAPathOrAnAbstractSocket() throws {
        let folder = try ScratchFolder()
        for listener in [
            try NotifyListener(path: folder.path + "/notify"),
            try NotifyListener(abstractName: "vigil-unit-\(UUID().uuidString)"),
        ] {
            let notifier = try notifier(listener, watchdog: .seconds(1))
            notifier.ready()
            notifier.status("watching 2 repositories")
            notifier.watchdog()
            notifier.reloading()
            notifier.stopping()
            listener.drain()
            #expect(listener.messages.count == 5)
            #expect(listener.messages[0] == "READY=1")
            #expect(listener.messages[1] == "STATUS=watching 2 repositories")
            #expect(listener.messages[2] == "WATCHDOG=1")
            #expect(listener.messages[3].hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
            #expect(listener.messages[4] == "STOPPING=1")
        }
    }

    @Test func statusTextCannotStartAnotherAssignmentOrReachATerminal() throws {
        let folder = try ScratchFolder()
        let listener = try NotifyListener(path: folder.path + "/notify")
        try notifier(listener).status("repo /srv/x\nREADY=1\nMAINPID=1 \u{1b}[2J\u{202e}")
        listener.drain()
        #expect(listener.lines.count == 1, "\(listener.lines)")
        let line = try #require(listener.lines.first)
        #expect(line.hasPrefix("STATUS=repo /srv/x"))
        #expect(!line.contains("\u{1b}"))
        #expect(!line.contains("\u{202e}"))
    }

    @Test func aLongStatusIsCutOnACharacter() {
        let line = ServiceNotifier.statusLine(String(repeating: "é", count: 1000))
        #expect(line.utf8.count <= ServiceNotifier.longestStatus)
        #expect(line.hasSuffix("..."))
        #expect(line.dropLast(3).allSatisfy { $0 == "é" })
    }

    @Test func aSocketNobodyListensOnIsLoggedOnceAndNeverThrows() throws {
        let folder = try ScratchFolder()
        let recorder = LogRecorder()
        let socket = try #require(NotifySocket(environmentValue: folder.path + "/nobody"))
        let notifier = ServiceNotifier(
            socket: socket, watchdogInterval: nil, logger: Logger(label: "test") { _ in recorder })
        notifier.ready()
        notifier.watchdog()
        notifier.stopping()
        #expect(recorder.messages == ["systemd notification cannot be sent"], "\(recorder.messages)")
    }

    @Test func aDisabledNotifierSendsNothingAndAsksNoWatchdog() {
        let notifier = ServiceNotifier(socket: nil, watchdogInterval: .seconds(5), logger: logger)
        #expect(!notifier.isEnabled)
        #expect(notifier.watchdogInterval == nil)
        notifier.ready()
    }

    @Test func afterStoppingOnlyKeepAlivesAreSent() throws {
        let folder = try ScratchFolder()
        let listener = try NotifyListener(path: folder.path + "/notify")
        let notifier = try notifier(listener, watchdog: .seconds(1))
        notifier.stopping()
        notifier.status("watching 1 repository")
        notifier.ready()
        notifier.watchdog()
        listener.drain()
        #expect(listener.messages == ["STOPPING=1", "WATCHDOG=1"])
    }
}
