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
}
