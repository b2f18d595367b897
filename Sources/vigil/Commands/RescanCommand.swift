import VigilCore

/// The part `rescan` and `attribution` share: the engine's run setup, the output, the run.
enum RescanCommand {
    static func scan(
        config: VigilConfig, repositories: [String], selection: RevisionSelection, scope: CheckScope?,
        format: OutputFormat, runChecks: Bool, workers: Int?, ignoreFile: String? = nil, aiOnly: Bool = false,
        alertSink: (@Sendable (Alert) -> Void)? = nil, linkLookup: FindingLinker.Lookup? = nil
    ) throws -> ScanSummary {
        let setup: RunSetup
        do {
            setup = try RunSetup(
                config: config, repositories: repositories, scope: scope, runChecks: runChecks,
                ignoreFile: ignoreFile, workers: workers, discover: true)
        } catch {
            throw VigilExit(error)
        }
        let output: any ScanOutput =
            switch format {
            case .json: runChecks ? JSONLinesOutput(includeHumanCommits: false) : JSONLinesOutput.attribution(aiOnly: aiOnly)
            case .sarif: SARIFOutput()
            case .text:
                runChecks
                    ? RescanTextOutput(namesRepositories: setup.targets.count > 1)
                    : AttributionTextOutput(aiOnly: aiOnly)
            }
        do {
            var session = setup.session(selection: selection)
            session.alertSink = alertSink
            session.linkLookup = linkLookup
            return try session.run(targets: setup.targets, output: output)
        } catch {
            throw VigilExit.repository(error.description)
        }
    }
}

extension VigilExit {
    /// The exit for a run that could not start.
    init(_ failure: RunSetup.Failure) {
        switch failure {
        case .config(let problems): self = .config(problems)
        case .usage(let message): self = .usage(message)
        case .repository(_, let message): self = .repository(message)
        }
    }
}
