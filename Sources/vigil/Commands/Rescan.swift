import ArgumentParser
import VigilCore

extension Vigil {
    struct Rescan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the attribution and the checks over a repository's history or a range.",
            discussion: """
                With no REPO, scans every repository in the config. With no range, scans every commit \
                reachable from branches and tags. Exit status: 0 no alert at or above --fail-on, 1 alerts, \
                2 usage, config or repository error, 3 finished but some objects or refs could not be read. \
                3 outranks 1: the alerts found are still printed, but the scan was partial (SARIF then \
                says executionSuccessful: false).
                """
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: "Repositories to scan (default: the config's repositories).")
        var repositories: [String] = []

        @Flag(help: "Every commit reachable from branches and tags (the default).")
        var all = false

        @Option(help: "Only commits not reachable from this revision.")
        var since: String?

        @Option(help: "A revision range A..B.")
        var range: String?

        @Option(help: "Check AI-written commits only (ai) or every commit (all); default: the config's scope.")
        var scope: CheckScope?

        @Option(help: "text, json (JSON lines) or sarif (SARIF 2.1.0).")
        var format: OutputFormat = .text

        @Option(name: .customLong("fail-on"), help: "Exit 1 when an alert is at least this severe.")
        var failOn: Severity = .low

        @Flag(
            name: .customLong("dry-run"),
            help: "Write neither the queue nor the alert log (without a config file, rescan never writes them).")
        var dryRun = false

        @Option(
            name: .customLong("ignore-file"), help: "Reviewed alert ids to leave out (default: [alerts] ignore_file).")
        var ignoreFile: String?

        @Option(help: .hidden)
        var workers: Int?

        func validate() throws {
            if [all, since != nil, range != nil].filter({ $0 }).count > 1 {
                throw ValidationError("--all, --since and --range exclude each other.")
            }
            if let range, !range.contains("..") {
                throw ValidationError("--range takes A..B.")
            }
            if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
        }

        func run() async throws {
            try await exiting {
                let config = try options.load()
                let selection: RevisionSelection =
                    if let since { .since(since) } else if let range { RevisionSelection.parse(range) } else { .all }
                let recording = dryRun || config.source == nil ? nil : try RescanRecording(config: config)
                let summary = try RescanCommand.scan(
                    config: config, repositories: repositories, selection: selection, scope: scope,
                    format: format, runChecks: true, workers: workers, ignoreFile: ignoreFile,
                    alertSink: recording?.sink, linkLookup: recording?.linkLookup)
                _ = try await recording?.finish()
                // A partial scan outranks its alerts: exit 1 would tell a caller the history was read.
                if summary.errors > 0 { throw VigilExit.unreadableObjects }
                if let highest = summary.highestSeverity, highest >= failOn { throw VigilExit.alerts }
            }
        }
    }
}

extension CheckScope: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
