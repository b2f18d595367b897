import VigilGit

/// Turns a validated configuration into the per-repository policy a scan applies: one attributor
/// for every repository, and for each repository the checks its `[[repos]]` entry (or the global
/// tables) configure. Building it builds every configured check, so it also validates them.
///
/// Checks are built once here, not per scanned repository: a gitleaks rule file compiles hundreds
/// of patterns, and a glob in `[[repos]]` may name hundreds of repositories. Repositories without
/// `[repos.checks.*]` overrides share the global build.
public struct AnalyzerFactory: Sendable {
    public let config: VigilConfig
    public let attributor: Attributor
    private let globalChecks: [ConfiguredCheck]
    /// By index in `config.repos`; only entries with their own check overrides.
    private let repositoryChecks: [Int: [ConfiguredCheck]]
    /// `config.repos` paths resolved to canonical paths, by index.
    private let repositoryPaths: [RepositoryPaths.Resolved]

    public init(config: VigilConfig, catalog: CheckCatalog = .standard) throws(ConfigProblems) {
        var problems: [ConfigProblem] = []
        var attributor: Attributor?
        do {
            attributor = try Attributor(config: config)
        } catch {
            problems += error.problems
        }
        var globalChecks: [ConfiguredCheck] = []
        var repositoryChecks: [Int: [ConfiguredCheck]] = [:]
        do {
            globalChecks = try catalog.checks(for: config, repository: nil)
            for (index, repository) in config.repos.enumerated() where !repository.checks.isEmpty {
                repositoryChecks[index] = try catalog.checks(for: config, repository: repository)
            }
        } catch {
            problems += error.problems
        }
        guard let attributor, problems.isEmpty else { throw ConfigProblems(problems) }
        self.config = config
        self.attributor = attributor
        self.globalChecks = globalChecks
        self.repositoryChecks = repositoryChecks
        self.repositoryPaths = config.repos.map { RepositoryPaths.Resolved($0.path) }
    }

    /// The configured `[[repos]]` entry that names the repository at the canonical `path`
    /// (exactly or through its glob, as `RepositoryPaths.Resolved` says), if any.
    public func settings(forRepository path: String) -> RepositorySettings? {
        settingsIndex(forRepository: path).map { config.repos[$0] }
    }

    private func settingsIndex(forRepository path: String) -> Int? {
        repositoryPaths.firstIndex { $0.matches(canonicalPath: path) }
    }

    /// What redacts repository text in this repository's alerts and reports: the secret rules of
    /// its secrets check (built-in when that check is off) and the URL and header rules. Shares the
    /// check's compiled rules, so it costs nothing to make.
    public func redactor(forRepository path: String) -> Redactor {
        Redactor(checks: settingsIndex(forRepository: path).flatMap { repositoryChecks[$0] } ?? globalChecks)
    }

    /// The policy for one repository. `scope` overrides the configured scope (`rescan --scope`);
    /// with `runChecks` false only attribution runs (`vigil attribution`), and no diff is read.
    public func analyzer(forRepository path: String, scope: CheckScope?, runChecks: Bool) -> CommitAnalyzer {
        let attributor = self.attributor
        let notesRef = attributor.readsNotes ? attributor.notesRef : nil
        guard runChecks else {
            return CommitAnalyzer(
                attribute: { attributor.verdict(for: $0, note: $1) }, wantsChecks: { _ in false },
                check: { _ in [] }, notesRef: notesRef)
        }
        let index = settingsIndex(forRepository: path)
        let checks = index.flatMap { repositoryChecks[$0] } ?? globalChecks
        let runner = CheckRunner(
            checks: checks, scope: scope ?? index.map { config.repos[$0].scope } ?? .ai,
            maxFindingsPerCheck: config.scan.maxFindingsPerCheck)
        var diffOptions = config.scan.diffOptions
        // dependency-change compares whole manifests, so their sides are kept whole.
        diffOptions.wholeSides = checks.lazy.compactMap { ($0.check as? DependencyChangeCheck)?.wholeSideRequest }.first
        return CommitAnalyzer(
            attribute: { attributor.verdict(for: $0, note: $1) },
            wantsChecks: { runner.applies(to: $0) && !runner.checks.isEmpty },
            check: { runner.run($0) },
            notesRef: notesRef, diffOptions: diffOptions, commitTimeBudget: config.scan.commitTimeBudget)
    }
}
