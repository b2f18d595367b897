import ArgumentParser
import VigilCore
import VigilDaemon

#if canImport(Glibc)
import Glibc
#endif

extension Vigil {
    /// `vigil fetch-remote`: the child the daemon runs to fetch a repository's `origin` for
    /// `fetch = true`, so that what a remote sends is parsed outside the daemon. Hidden: people run
    /// `git fetch`. The contract (argv, exit status, output) is `FetchRemoteChild`'s.
    struct FetchRemote: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fetch-remote",
            abstract: "Fetch a repository's origin remote (run by the daemon).",
            shouldDisplay: false
        )

        @Option(help: "The repository.")
        var repo: String

        @Option(help: "Give up after this many seconds (1 to 86400).")
        var timeout: Int = Int(FetchRemoteChild.defaultTimeout.components.seconds)

        func validate() throws {
            guard (1...86_400).contains(timeout) else {
                throw ValidationError("--timeout must be between 1 and 86400 seconds")
            }
        }

        func run() throws {
            // libgit2 calls nothing back while it connects or waits on a silent remote; the alarm
            // ends the process then, with the timed-out status, whatever libgit2 is doing.
            // A blocked SIGALRM is inherited across exec (a parent's threads often block signals),
            // and would make the limit silently absent.
            var alarmOnly = sigset_t()
            sigemptyset(&alarmOnly)
            sigaddset(&alarmOnly, SIGALRM)
            pthread_sigmask(SIG_UNBLOCK, &alarmOnly, nil)
            signal(SIGALRM) { _ in _exit(FetchRemoteChild.Status.timedOut.rawValue) }
            alarm(UInt32(timeout) + UInt32(FetchRemoteChild.hardLimitGrace.components.seconds))
            let result = FetchRemoteChild.run(repository: repo, timeout: .seconds(timeout))
            alarm(0)
            if result.status == .fetched {
                TextSink.standardOutput.write(result.output + "\n")
                return
            }
            TextSink.standardError.write("vigil: \(TerminalText.escape(result.output))\n")
            throw ExitCode(result.status.rawValue)
        }
    }
}
