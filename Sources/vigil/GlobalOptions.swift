import ArgumentParser
import Foundation
import VigilCore

/// `--config`, which every command takes.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Config file (default: $VIGIL_CONFIG, then /etc/vigil/vigil.toml, then the built-in default).")
    var config: String?

    /// The configuration in force, check tables included, or exit 2 with every problem listed.
    func load() throws -> VigilConfig {
        do {
            return try ConfigLoader.resolve(
                explicit: config, environment: ProcessInfo.processInfo.environment, validatingChecks: .standard)
        } catch {
            throw VigilExit.config(error)
        }
    }
}

/// The output formats of `rescan` and `attribution`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}
