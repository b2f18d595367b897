import ArgumentParser
import VigilCore

extension Vigil {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How much of a release AI tools wrote, line by line, per tool, author and file.",
            discussion: """
                Counts the lines in the files at B whose blame (as git blame -M -C) points at a commit \
                in A..B, and how many of them AI tools wrote. Exit status: 0 report complete, 2 usage, \
                config or repository error, a range that does not resolve, a tag pattern matching fewer \
                than two versions, 3 finished but something could not be read (the totals leave it out).
                """
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: "The repository.")
        var repository: String

        @Option(help: "The release: A..B.")
        var range: String?

        @Option(
            name: .customLong("by-tag"),
            help: "One report per consecutive pair of tags matching this glob, in version order.")
        var tagPattern: String?

        @Option(
            name: .customLong("paths"), parsing: .upToNextOption,
            help: "Count only these paths (globs; ** spans folders). The default exclusions then no longer apply.")
        var paths: [String] = []

        @Option(name: .customLong("exclude"), parsing: .upToNextOption, help: "Leave out these paths (globs).")
        var excludes: [String] = []

        @Option(help: "text or json (JSON lines).")
        var format: ReportFormat = .text

        /// The blame to run: Vigil's own, or libgit2's for comparison (`make bench`).
        @Option(help: .hidden)
        var blame: BlameEngine = .vigil

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func validate() throws {
            if (range == nil) == (tagPattern == nil) {
                throw ValidationError("give exactly one of --range A..B and --by-tag PATTERN")
            }
        }

        func run() throws {
            try exiting {
                let config = try options.load()
                let request = ReportRequest(
                    repository: repository, selection: range.map { .range($0) } ?? .tags(tagPattern ?? ""),
                    paths: paths, excludes: excludes, json: format == .json, engine: blame)
                let complete: Bool
                do {
                    complete = try ReportRun.run(request, config: config)
                } catch let failure as ReportFailure {
                    throw VigilExit.repository(failure.message)
                }
                if !complete { throw VigilExit.unreadableObjects }
            }
        }
    }
}

extension BlameEngine: ExpressibleByArgument {}
