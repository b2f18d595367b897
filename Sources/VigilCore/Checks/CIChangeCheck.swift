import VigilGit

/// `ci-change`: a change to a CI definition. Pipelines run with deploy keys and secrets, so a
/// changed workflow is a changed trust boundary, whoever wrote it.
///
/// Options: `paths` (globs, replacing the defaults) and `extra_paths` (added to them). The
/// defaults cover GitHub Actions (workflows and local actions), GitLab, Jenkins, CircleCI, Azure
/// Pipelines, Buildkite, Travis, Bitbucket, Drone, Woodpecker, AppVeyor, Cloud Build, Tekton and
/// a generic `.ci/` folder. Renames count when either side matches; one finding per changed file.
/// Files under `vendored_paths` (default `**/vendor/**`, `**/third_party/**`, `**/node_modules/**`)
/// are not read: a vendored crate's `.travis.yml` never runs for this project, and vendoring a
/// few dozen crates raised one alert per crate.
public struct CIChangeCheck: ConfigurableCheck {
    public static let checkID = "ci-change"
    public static let defaultSeverity = Severity.medium
    public static let optionKeys: Set<String> = ["paths", "extra_paths", "vendored_paths"]

    /// Where the common CI systems keep their definitions.
    public static let defaultPaths = [
        ".github/workflows/**", ".github/actions/**",
        ".gitlab-ci.yml", ".gitlab-ci.yaml", ".gitlab/ci/**",
        "Jenkinsfile", "Jenkinsfile.*", "*.jenkinsfile",
        ".ci/**", ".circleci/**",
        "azure-pipelines.yml", "azure-pipelines.yaml", ".azure-pipelines/**", ".azuredevops/**",
        ".buildkite/**", ".travis.yml", "bitbucket-pipelines.yml",
        ".drone.yml", ".woodpecker.yml", ".woodpecker/**",
        "appveyor.yml", ".appveyor.yml", "cloudbuild.yaml", "cloudbuild.yml", ".tekton/**",
    ]

    public var id: String { Self.checkID }
    /// The CI definition globs in force.
    public let paths: GlobSet
    /// Vendored trees whose CI definitions are not the project's.
    public let vendoredPaths: GlobSet

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        paths = reader.globs("paths", extra: "extra_paths", default: Self.defaultPaths)
        vendoredPaths = reader.globs("vendored_paths", default: VendoredTrees.defaultGlobs)
        try reader.finish()
    }

    public func run(_ context: CheckContext) -> [Finding] {
        context.diff.files.compactMap { file in
            guard let match = ProtectedPathCheck.match(file, in: paths), !vendoredPaths.matches(match.path) else {
                return nil
            }
            return Finding(
                check: id, severity: Self.defaultSeverity,
                title: "CI definition \(ProtectedPathCheck.verb(file.status)): \(match.path)", path: match.path,
                evidence: ProtectedPathCheck.describe(file) + " (matches \(match.glob.pattern))"
            )
        }
    }
}
