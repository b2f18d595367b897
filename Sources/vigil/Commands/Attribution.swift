import ArgumentParser
import VigilCore

extension Vigil {
    struct Attribution: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List which commits AI tools wrote, with the evidence.",
            discussion: """
                With no REVRANGE, covers every commit reachable from branches and tags. Exit status: 0 \
                every commit read, 2 usage, config or repository error, 3 finished but some objects or \
                refs could not be read (the commits that were read are still listed).
                """
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: "The repository.")
        var repository: String

        @Argument(help: "A revision (everything reachable from it) or a range A..B.")
        var revisionRange: String?

        @Option(help: "text or json (JSON lines).")
        var format: AttributionFormat = .text

        @Flag(help: "List only the commits an AI tool wrote (not those with only a suggestion or a commit by one).")
        var aiOnly = false

        @Option(help: .hidden)
        var workers: Int?

        enum AttributionFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func run() throws {
            try exiting {
                let config = try options.load()
                let selection = revisionRange.map(RevisionSelection.parse) ?? .all
                let summary = try RescanCommand.scan(
                    config: config, repositories: [repository], selection: selection, scope: nil,
                    format: format == .json ? .json : .text, runChecks: false, workers: workers, aiOnly: aiOnly)
                if summary.errors > 0 { throw VigilExit.unreadableObjects }
            }
        }
    }
}
