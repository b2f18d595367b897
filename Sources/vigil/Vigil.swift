import ArgumentParser
import VigilCore

/// The `vigil` command: argument parsing only; the work happens in VigilCore. Async at the root, so
/// that subcommands which drive services or child processes can be `AsyncParsableCommand`s.
@main
struct Vigil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "Watches git repositories for commits written by AI tools and checks them.",
        subcommands: [
            Run.self, Rescan.self, Attribution.self, Report.self, Queue.self, Tail.self, ConfigCommand.self, Version.self,
            ScanBatch.self, FetchRemote.self,
        ]
    )

    /// ArgumentParser's own entry point, except that a usage error exits 2 (DESIGN.md's contract,
    /// shared with config and repository errors) instead of sysexits' 64, and that its message is
    /// escaped: ArgumentParser echoes a bad value (`--format $'js\x1b[31mon'`) or an unknown option
    /// as typed, control bytes included.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                TextSink.standardError.write(usageMessage(for: error) + "\n")
                exit(withError: ExitCode(VigilExit.usage("").code))
            }
            exit(withError: error)
        }
    }

    /// ArgumentParser's message for a usage error, with every argument it quotes escaped. The
    /// arguments are parsed again escaped, so the message quotes them escaped and its only line
    /// breaks are its own (a value may hold a line feed too); each line is then escaped as well.
    static func usageMessage(for error: Error) -> String {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let escaped = arguments.map(TerminalText.escape)
        if escaped != arguments {
            do {
                _ = try parseAsRoot(escaped)
            } catch let escapedError {
                return escapedLines(fullMessage(for: escapedError))
            }
        }
        return escapedLines(fullMessage(for: error))
    }

    /// `text` with each line escaped for the terminal, the line breaks between them kept.
    static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escape(String($0)) }
            .joined(separator: "\n")
    }
}
