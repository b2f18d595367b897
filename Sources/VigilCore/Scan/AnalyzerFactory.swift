import VigilGit

/// Turns a validated configuration into the per-repository policy a scan applies: one attributor
/// for every repository, and for each repository the checks its `[[repos]]` entry (or the global
/// tables) configure. Building it validates the whole config, so `vigil config check` is this.
public struct AnalyzerFactory: Sendable {
    public let config: VigilConfig
    public let attributor: Attributor
    public let catalog: CheckCatalog

    public init(config: VigilConfig, catalog: CheckCatalog = .standard) throws(ConfigProblems) {
        var problems: [ConfigProblem] = []
        var attributor: Attributor?
        do {
            attributor = try Attributor(config: config)
        } catch {
            problems += error.problems
        }
        do {
            try catalog.validate(config)
        } catch {
            problems += error.problems
        }
        guard let attributor, problems.isEmpty else { throw ConfigProblems(problems) }
        self.config = config
        self.attributor = attributor
        self.catalog = catalog
    }

    /// The configured `[[repos]]` entry that names `path` (exactly or through its glob), if any.
    public func settings(forRepository path: String) -> RepositorySettings? {
        config.repos.first { RepositoryPaths.matches($0.path, path: path) }
    }

    /// The policy for one repository. `scope` overrides the configured scope (`rescan --scope`);
    /// with `runChecks` false only attribution runs (`vigil attribution`), and no diff is read.
    public func analyzer(forRepository path: String, scope: CheckScope?, runChecks: Bool) throws(ConfigProblems)
        -> CommitAnalyzer
    {
        let attributor = self.attributor
        let notesRef = attributor.readsNotes ? attributor.notesRef : nil
        guard runChecks else {
            return CommitAnalyzer(
                attribute: { attributor.verdict(for: $0, note: $1) }, wantsChecks: { _ in false },
                check: { _ in [] }, notesRef: notesRef)
        }
        let runner = try CheckRunner(config: config, repository: settings(forRepository: path), scope: scope)
        return CommitAnalyzer(
            attribute: { attributor.verdict(for: $0, note: $1) },
            wantsChecks: { runner.applies(to: $0) && !runner.checks.isEmpty },
            check: { runner.run($0) },
            notesRef: notesRef)
    }
}
