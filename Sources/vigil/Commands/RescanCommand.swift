import VigilCore

/// The part `rescan` and `attribution` share: build the policy from config, pick the output, run.
enum RescanCommand {
    static func scan(
        config: VigilConfig, repositories: [String], selection: RevisionSelection, scope: CheckScope?,
        format: OutputFormat, runChecks: Bool, workers: Int?, ignoreFile: String? = nil
    ) throws -> ScanSummary {
        let factory: AnalyzerFactory
        do {
            factory = try AnalyzerFactory(config: config)
        } catch {
            throw VigilExit.config(error)
        }
        let paths = repositories.isEmpty ? RepositoryPaths.expand(config.repos.map(\.path)) : repositories
        guard !paths.isEmpty else {
            throw VigilExit.usage(
                config.repos.isEmpty
                    ? "no repository given, and the config lists none"
                    : "no repository given, and no path matches the config's [[repos]] globs")
        }
        let targets = paths.map { path in
            (
                path: path, analyzer: factory.analyzer(forRepository: path, scope: scope, runChecks: runChecks),
                redactor: factory.redactor(forRepository: path)
            )
        }
        let output: any ScanOutput =
            switch format {
            case .json: JSONLinesOutput(includeHumanCommits: !runChecks)
            case .sarif: SARIFOutput()
            case .text: runChecks ? RescanTextOutput() : AttributionTextOutput()
            }
        var ignoreList = IgnoreList()
        if runChecks, let path = ignoreFile ?? config.alerts.ignoreFile {
            do {
                ignoreList = try IgnoreList(path: path)
            } catch {
                throw VigilExit.config(error)
            }
        }
        let session = ScanSession(
            selection: selection, source: .rescan, workers: workers ?? Scanner.defaultWorkers, ignoreList: ignoreList)
        do {
            return try session.run(repositories: targets, output: output)
        } catch {
            throw VigilExit.repository(error.description)
        }
    }
}
