import Foundation
import Testing
import VigilTestSupport

/// The units in `systemd/`: the daemon's contract with systemd, and one sandbox shared by the
/// daemon and its rescans. (`make test` also runs `systemd-analyze verify` on each.)
@Suite struct SystemdUnitTests {
    static func unit(_ name: String) throws -> [String] {
        try String(contentsOfFile: VigilBinary.packageRoot + "/systemd/" + name, encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    /// The `[Service]` settings from `User=` on: who the service runs as, and its sandbox.
    static func sandbox(_ lines: [String]) -> [String] {
        let start = lines.firstIndex { $0.hasPrefix("User=") } ?? lines.endIndex
        let end = lines[start...].firstIndex { $0.hasPrefix("[") } ?? lines.endIndex
        return lines[start..<end].filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    @Test func theDaemonIsANotifyServiceWithAWatchdogAndReload() throws {
        let lines = try Self.unit("vigil.service")
        for setting in [
            "Type=notify", "NotifyAccess=main", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure",
            "ExecStart=@bindir@/vigil run --config /etc/vigil/vigil.toml",
        ] {
            #expect(lines.contains(setting), "\(setting)")
        }
        #expect(lines.contains { $0.hasPrefix("WatchdogSec=") })
    }

    @Test func theDaemonIsSandboxed() throws {
        let sandbox = Self.sandbox(try Self.unit("vigil.service"))
        for setting in [
            "User=vigil", "StateDirectory=vigil", "LogsDirectory=vigil", "ConfigurationDirectory=vigil",
            "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes", "NoNewPrivileges=yes",
            "CapabilityBoundingSet=", "RestrictAddressFamilies=AF_UNIX", "SystemCallFilter=@system-service",
            "ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes", "ProtectClock=yes",
            "LockPersonality=yes", "RestrictNamespaces=yes", "UMask=0027", "MemoryDenyWriteExecute=yes",
        ] {
            #expect(sandbox.contains(setting), "\(setting)")
        }
        #expect(!sandbox.contains { $0.hasPrefix("ReadWritePaths=") }, "the watched repositories stay read-only")
    }

    @Test(arguments: ["vigil-rescan@.service", "vigil-rescan-all.service"])
    func rescansRunUnderTheDaemonsSandbox(_ name: String) throws {
        let lines = try Self.unit(name)
        #expect(Self.sandbox(lines) == Self.sandbox(try Self.unit("vigil.service")))
        #expect(lines.contains("Type=oneshot"))
        #expect(lines.contains("SuccessExitStatus=1"), "finding alerts is what a rescan is for")
    }

    @Test func theTimerStartsTheFullRescan() throws {
        let lines = try Self.unit("vigil-rescan-all.timer")
        #expect(lines.contains { $0.hasPrefix("OnCalendar=") })
        #expect(lines.contains("Persistent=true"))
        #expect(try Self.unit("vigil-rescan-all.service").contains {
            $0 == "ExecStart=@bindir@/vigil rescan --config /etc/vigil/vigil.toml --all"
        })
    }
}
