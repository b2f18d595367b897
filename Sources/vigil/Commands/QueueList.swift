import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil.Queue {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List queued alerts, oldest first.")

        @OptionGroup var options: QueueOptions

        @Option(help: "open, acked, resolved, dismissed or all.")
        var state: StateChoice = .open

        @Option(help: "Only this repository (any path naming it).")
        var repo: String?

        @Option(help: "Only this check id; a family such as 'secrets' covers every rule in it.")
        var check: String?

        @Option(help: "At least this severe: info, low, medium, high or critical.")
        var severity: Severity?

        @Option(help: "Only commits written by this AI tool.")
        var tool: String?

        @Option(help: "Raised at or after this time: RFC 3339 (2026-11-29T19:00:00Z) or a duration back (24h, 7d).")
        var since: String?

        @Option(help: "At most this many alerts (the oldest).")
        var limit: Int?

        @Option(help: "text or json (one JSON object per line).")
        var format: QueueFormat = .text

        enum StateChoice: String, ExpressibleByArgument, CaseIterable {
            case open, acked, resolved, dismissed, all
        }

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
            if let since, QueueSince.parse(since, nowSeconds: 0) == nil {
                throw ValidationError(
                    "--since expects an RFC 3339 time such as 2026-11-29T19:00:00Z or a duration such as 24h")
            }
        }

        func run() throws {
            try exiting {
                let store = try options.openStore()
                let filter = AlertFilter(
                    states: state == .all ? nil : [AlertState(rawValue: state.rawValue) ?? .open],
                    repository: repo.map { RepositoryIdentity.canonicalPath($0) ?? $0 }, check: check,
                    minimumSeverity: severity, tool: tool,
                    since: since.flatMap { QueueSince.parse($0, nowSeconds: Int64(Date().timeIntervalSince1970)) },
                    limit: limit)
                let alerts: [QueuedAlert]
                do throws(AlertStoreError) {
                    alerts = try store.blocking.alerts(matching: filter)
                } catch {
                    throw VigilExit.usage(error.description)
                }
                let output =
                    switch format {
                    case .json: alerts.map { QueuedAlertJSON.line($0) + "\n" }.joined()
                    case .text: QueuedAlertText.list(alerts)
                    }
                TextSink.standardOutput.write(output)
            }
        }
    }
}
