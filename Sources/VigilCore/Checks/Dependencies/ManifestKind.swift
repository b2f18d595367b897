import VigilGit

/// A dependency manifest Vigil reads, recognised by file name. Lockfiles (`package-lock.json`,
/// `yarn.lock`, `pnpm-lock.yaml`, `Cargo.lock`, `go.sum`, `Package.resolved`, `poetry.lock`,
/// `Pipfile.lock`, `uv.lock`, `Gemfile.lock`, `gradle.lockfile`) are deliberately not manifests: they
/// follow from the manifest, so a lockfile-only change adds no dependency anyone chose.
enum ManifestKind: String, Sendable, CaseIterable {
    case swiftPackage = "Package.swift"
    case packageJSON = "package.json"
    case requirements = "requirements"
    case pyproject = "pyproject.toml"
    case pipfile = "Pipfile"
    case goMod = "go.mod"
    case cargo = "Cargo.toml"
    case gemfile = "Gemfile"
    case gemspec = "gemspec"
    case pom = "pom.xml"
    case gradle = "build.gradle"
    case versionCatalog = "versions.toml"

    /// The kind of manifest at `path`, or `nil` for any other file (lockfiles included).
    init?(path: String) {
        let segments = path.split(separator: "/")
        guard let name = segments.last else { return nil }
        // Vendored third-party trees carry their own manifests, which are not this project's choices.
        if segments.dropLast().contains(where: { $0 == "node_modules" || $0 == "vendor" }) { return nil }
        switch name {
        case "Package.swift": self = .swiftPackage
        case "package.json": self = .packageJSON
        case "pyproject.toml": self = .pyproject
        case "Pipfile": self = .pipfile
        case "go.mod": self = .goMod
        case "Cargo.toml": self = .cargo
        case "Gemfile", "gems.rb": self = .gemfile
        case "pom.xml": self = .pom
        case "build.gradle", "build.gradle.kts": self = .gradle
        default:
            if name.hasPrefix("Package@swift"), name.hasSuffix(".swift") {
                self = .swiftPackage
            } else if name.hasSuffix(".gemspec") {
                self = .gemspec
            } else if name.hasSuffix(".versions.toml") {
                self = .versionCatalog
            } else if ManifestKind.isRequirementsFile(name, in: segments.dropLast()) {
                self = .requirements
            } else {
                return nil
            }
        }
    }

    /// `requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`, `requirements/base.txt`,
    /// `constraints.txt`, and pip-tools' `requirements.in`.
    private static func isRequirementsFile(_ name: Substring, in folders: ArraySlice<Substring>) -> Bool {
        let isText = name.hasSuffix(".txt") || name.hasSuffix(".in")
        guard isText else { return false }
        if name.contains("requirements") || name.hasPrefix("constraints") { return true }
        return folders.last == "requirements" && name.hasSuffix(".txt")
    }

    /// The dependencies one side of a diff declares.
    func dependencies(_ lines: [DiffLine]) -> [DeclaredDependency] {
        switch self {
        case .swiftPackage: SwiftPackageParser.dependencies(lines)
        case .packageJSON: PackageJSONParser.dependencies(lines)
        case .requirements: PythonManifests.requirements(lines)
        case .pyproject: PythonManifests.pyproject.dependencies(lines)
        case .pipfile: PythonManifests.pipfile.dependencies(lines)
        case .goMod: GoModParser.dependencies(lines)
        case .cargo: CargoManifest.parser.dependencies(lines)
        case .gemfile: RubyManifestParser.dependencies(lines, gemspec: false)
        case .gemspec: RubyManifestParser.dependencies(lines, gemspec: true)
        case .pom: JVMManifestParser.pom(lines)
        case .gradle: JVMManifestParser.gradle(lines)
        case .versionCatalog: VersionCatalogManifest.parser.dependencies(lines)
        }
    }
}
