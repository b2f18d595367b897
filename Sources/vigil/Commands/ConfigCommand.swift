import ArgumentParser
import Foundation
import VigilCore

extension Vigil {
    struct ConfigCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Work with Vigil's configuration.",
            subcommands: [Check.self]
        )

        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Validate a config file: every problem, with its key and line; exit 2 if any.")

            @OptionGroup var options: ConfigOptions

            @Argument(help: "The file to check (default: the config Vigil would use).")
            var file: String?

            func run() throws {
                try exiting {
                    var options = options
                    if let file { options.config = file }
                    let config = try options.load()
                    do throws(ConfigProblems) {
                        _ = try AnalyzerFactory(config: config)
                    } catch {
                        throw VigilExit.config(error)
                    }
                    print("\(TerminalText.escape(config.source ?? "built-in default")): ok")
                }
            }
        }
    }
}
