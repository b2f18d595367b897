import VigilGit

/// Where repositories enter the engine: the repositories of a run, each resolved to its one
/// identity (`RepositoryIdentity.canonicalPath`) with the policy its configuration gives it, the
/// ignore list, and the worker count. `rescan`, `attribution` and the scan child all start here,
/// so alert ids, the queue and the ignore file only ever see canonical paths.
public struct RunSetup: Sendable {
    public let factory: AnalyzerFactory
    /// The repositories to scan, de-duplicated by identity, in the order given.
    public let targets: [ScanTarget]
    public let ignoreList: IgnoreList
    /// Canonical paths of every existing repository the config names (globs expanded): the
    /// repositories an ignore file written for this config could cover.
    public let configuredRepositories: [String]
    public let workers: Int

    /// Why a run cannot start; each maps to exit 2.
    public enum Failure: Error, Sendable {
        case config(ConfigProblems)
        case usage(String)
        /// A repository path that does not exist, as it was typed.
        case repository(path: String, message: String)
    }

    /// Resolves `repositories` (or, when empty, the config's `[[repos]]`, globs expanded) and
    /// builds each one's policy. `scope` overrides the configured scope; with `runChecks` false
    /// only attribution runs. `ignoreFile` overrides `[alerts] ignore_file`; `workers` overrides
    /// `[scan] workers`. Sets the process's pack cache budget from `[scan] cache_budget`. With
    /// `discover`, each of `repositories` may be any path inside a repository, found upward as git
    /// finds it (`RepositoryIdentity.discover`); the config's paths are always taken exactly.
    public init(
        config: VigilConfig, repositories: [String], scope: CheckScope? = nil, runChecks: Bool = true,
        ignoreFile: String? = nil, workers: Int? = nil, discover: Bool = false
    ) throws(Failure) {
        let factory: AnalyzerFactory
        do {
            factory = try AnalyzerFactory(config: config)
        } catch {
            throw .config(error)
        }
        let configured = RepositoryPaths.expand(config.repos.map(\.path))
        let given = repositories.isEmpty ? configured : repositories
        guard !given.isEmpty else {
            throw .usage(
                config.repos.isEmpty
                    ? "no repository given, and the config lists none"
                    : "no repository given, and no path matches the config's [[repos]] globs")
        }
        var seen: Set<String> = []
        var targets: [ScanTarget] = []
        for typed in given {
            let path: String
            if discover, !repositories.isEmpty {
                switch RepositoryIdentity.discover(typed) {
                case .success(let found): path = found
                case .failure(let failure): throw .repository(path: typed, message: failure.description)
                }
            } else {
                guard let canonical = RepositoryIdentity.canonicalPath(typed) else {
                    throw .repository(path: typed, message: "\(typed): no such repository (the path does not exist)")
                }
                path = canonical
            }
            guard seen.insert(path).inserted else { continue }
            targets.append(
                ScanTarget(
                    path: path, analyzer: factory.analyzer(forRepository: path, scope: scope, runChecks: runChecks),
                    redactor: factory.redactor(forRepository: path)))
        }
        var ignoreList = IgnoreList()
        if runChecks, let path = ignoreFile ?? config.alerts.ignoreFile {
            do {
                ignoreList = try IgnoreList(path: path)
            } catch {
                throw .config(error)
            }
        }
        self.factory = factory
        self.targets = targets
        self.ignoreList = ignoreList
        self.configuredRepositories = RepositoryPaths.canonical(configured)
        self.workers = workers ?? config.scan.workers
        PackCacheBudget.set(bytes: config.scan.cacheBudget)
    }

    /// A session over these targets. Stale ignore entries are reported only when the run covers
    /// every configured repository (and whole histories: see `ScanSession`), so a rescan of one
    /// repository out of three cannot call the other two's reviewed findings stale.
    public func session(selection: RevisionSelection, source: AlertSource = .rescan) -> ScanSession {
        let scanned = Set(targets.map(\.path))
        return ScanSession(
            selection: selection, source: source, workers: workers, ignoreList: ignoreList,
            scansEveryIgnoredRepository: configuredRepositories.allSatisfy(scanned.contains))
    }
}
