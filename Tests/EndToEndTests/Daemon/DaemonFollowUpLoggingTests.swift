import Foundation
import Testing
import VigilTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// What the daemon says about work it does beside scanning.
@Suite(.serialized) struct DaemonFollowUpLoggingTests {
    /// A follow-up command that fails, times out or is given up on leaves a line in the daemon's log.
    @Test
    func aFailingFollowUpCommandIsLogged() throws {
        let repository = try PushedRepository()
        let scratch = try DaemonScratch()
        let script = try scratch.folder.write("fail.sh", "#!/bin/sh\ncat > /dev/null\nexit 3\n")
        chmod(script, 0o755)
        try scratch.writeConfig(
            repos: [repoEntry(repository.path)], extra: "\n[followup]\ncommand = [\"\(script)\"]\n")
        let daemon = try scratch.start()
        #expect(daemon.waitForStderr("ready"), "\(daemon.stderr)")
        _ = try repository.pushLeak("failing-followup.py")
        #expect(daemon.waitForStderr("follow-up failed", seconds: 60), "\(daemon.stderr)")
        #expect(daemon.stop() == 0)
    }
}
