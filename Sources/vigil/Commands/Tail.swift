import ArgumentParser
import VigilCore

extension Vigil {
    struct Tail: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the alert log ([daemon] alert_log), one alert per line.",
            discussion: """
                --follow keeps printing alerts as they are written, through log rotation, until \
                interrupted (exit 0); it waits for a log that does not exist yet. Without --follow, a \
                missing log exits 2. A line that is not a JSON object is skipped with a warning on stderr.
                """
        )

        @OptionGroup var options: ConfigOptions

        @Flag(name: [.short, .long], help: "Keep printing alerts as they are written.")
        var follow = false

        @Option(help: "text (one readable line per alert) or json (the log's lines as they are).")
        var format: TailFormat = .text

        func run() throws {
            try exiting {
                let config = try options.load()
                try TailCommand(path: config.daemon.alertLog, format: format).run(following: follow)
            }
        }
    }
}

/// The output formats of `tail`.
enum TailFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
