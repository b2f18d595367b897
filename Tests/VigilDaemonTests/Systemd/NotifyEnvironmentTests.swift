import Foundation
import Testing
import VigilTestSupport

@testable import VigilDaemon

/// `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` as systemd sets them, and as a broken or
/// hostile environment might.
@Suite struct NotifyEnvironmentTests {
    @Test func aPathAndAnAbstractNameAreSockets() throws {
        let path = try #require(NotifySocket(environmentValue: "/run/systemd/notify"))
        #expect(!path.isAbstract)
        #expect(path.address == Array("/run/systemd/notify".utf8))
        let abstract = try #require(NotifySocket(environmentValue: "@vigil/notify"))
        #expect(abstract.isAbstract)
        #expect(abstract.address == [0] + Array("vigil/notify".utf8))
    }

    @Test(arguments: [
        "", "@", "/", "relative/notify", "vsock:2:1234", "/run/\u{0}notify", "@\u{0}",
        "/" + String(repeating: "a", count: 107), "@" + String(repeating: "a", count: 108),
    ])
    func valuesThatNameNoUsableSocketAreRefused(_ value: String) {
        #expect(NotifySocket(environmentValue: value) == nil)
    }

    @Test func theLongestPathsThatFitAreKept() {
        #expect(NotifySocket(environmentValue: "/" + String(repeating: "a", count: 106)) != nil)
        #expect(NotifySocket(environmentValue: "@" + String(repeating: "a", count: 107)) != nil)
    }

    @Test func theWatchdogIsHalfOfWatchdogUSecForThisProcess() {
        let own = NotifyEnvironment(
            environment: ["NOTIFY_SOCKET": "/run/n", "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "42"], pid: 42)
        #expect(own.watchdogTimeout == .seconds(30))
        #expect(own.watchdogInterval == .seconds(15))
        let unnamed = NotifyEnvironment(environment: ["NOTIFY_SOCKET": "/run/n", "WATCHDOG_USEC": "1000"], pid: 42)
        #expect(unnamed.watchdogInterval == .microseconds(500))
    }

    @Test(arguments: [
        ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "43"],
        ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "forty-two"],
        ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": ""],
        ["WATCHDOG_USEC": "0"],
        ["WATCHDOG_USEC": "-5"],
        ["WATCHDOG_USEC": "1e6"],
        ["WATCHDOG_USEC": "99999999999999999999999"],
        ["WATCHDOG_USEC": "18446744073709551615"],
        ["WATCHDOG_USEC": " 1000"],
        ["WATCHDOG_PID": "42"],
    ])
    func aWatchdogForAnotherProcessOrMalformedIsOff(_ variables: [String: String]) {
        let environment = NotifyEnvironment(environment: variables.merging(["NOTIFY_SOCKET": "/run/n"]) { $1 }, pid: 42)
        #expect(environment.watchdogInterval == nil)
    }

    @Test func anUnusableSocketIsReportedAndNoneIsUsed() {
        let environment = NotifyEnvironment(environment: ["NOTIFY_SOCKET": "vsock:2:1"], pid: 1)
        #expect(environment.socket == nil)
        #expect(environment.unusableSocket == "vsock:2:1")
        #expect(NotifyEnvironment(environment: [:], pid: 1).unusableSocket == nil)
    }
}
