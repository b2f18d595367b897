import ArgumentParser
import VigilCore

/// The `vigil` command: argument parsing only; the work happens in VigilCore.
@main
struct Vigil: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "Watches git repositories for commits written by AI tools and checks them.",
        subcommands: [Rescan.self, Attribution.self, ConfigCommand.self, Version.self]
    )

    /// ArgumentParser's own entry point, except that a usage error exits 2 (DESIGN.md's contract,
    /// shared with config and repository errors) instead of sysexits' 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                TextSink.standardError.write(fullMessage(for: error) + "\n")
                exit(withError: ExitCode(VigilExit.usage("").code))
            }
            exit(withError: error)
        }
    }
}
