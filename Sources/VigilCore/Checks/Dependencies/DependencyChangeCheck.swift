import VigilGit

/// `dependency-change`: a dependency added, or its version or source changed, in a manifest —
/// Package.swift, package.json, requirements files, pyproject.toml, Pipfile, go.mod, Cargo.toml,
/// Gemfile and gemspecs, pom.xml, build.gradle(.kts) and Gradle version catalogs. AI tools add
/// packages freely, and sometimes packages that do not exist until someone registers the name.
///
/// Each manifest's removed and added lines are read into declared dependencies and compared by
/// name: a name only on the added side is new (the check's severity, default medium), one on both
/// sides with another version is changed (`low`, as routine upgrades are); removals, moves and
/// reformatting raise nothing. Lockfiles are never read, so a lockfile-only change is quiet.
/// One finding per package, titled e.g. `New dependency: left-pad 1.3.0 (package.json)`.
///
/// Options: `ignore` (globs over package names, e.g. `"@acme/*"`, for in-house packages),
/// `version_changes` (default true; false reports new packages only), `max_findings_per_file`
/// (default 100; the rest are summed up in one more finding, so a generated manifest cannot flood
/// the queue).
public struct DependencyChangeCheck: ConfigurableCheck {
    public static let checkID = "dependency-change"
    public static let defaultSeverity = Severity.medium
    public static let optionKeys: Set<String> = ["ignore", "version_changes", "max_findings_per_file"]

    public var id: String { Self.checkID }
    /// Package names never reported (in-house packages).
    public let ignored: GlobSet
    /// Whether version and source changes are reported, besides new packages.
    public let versionChanges: Bool
    /// Findings reported one by one per manifest before the rest are summed up.
    public let maxFindingsPerFile: Int

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        ignored = reader.globs("ignore", default: [])
        versionChanges = reader.bool("version_changes", default: true)
        maxFindingsPerFile = reader.integer("max_findings_per_file", default: 100, range: 1...100_000)
        try reader.finish()
    }

    public func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for file in context.diff.files where file.newContent == .text && file.status != .deleted {
            guard let kind = ManifestKind(path: file.newPath) else { continue }
            findings += changes(in: file, kind: kind)
        }
        return findings
    }

    private func changes(in file: FileChange, kind: ManifestKind) -> [Finding] {
        let added = kind.dependencies(DependencyChangeCheck.manifestLines(file.addedLines))
        guard !added.isEmpty else { return [] }
        var before: [String: DeclaredDependency] = [:]
        // A renamed manifest is read with its old name's parser (normally the same file type).
        let oldKind = ManifestKind(path: file.oldPath) ?? kind
        let removed = oldKind.dependencies(DependencyChangeCheck.manifestLines(file.removedLines))
        for dependency in removed where before[dependency.key] == nil {
            before[dependency.key] = dependency
        }
        var findings: [Finding] = []
        var seen: Set<String> = []
        var skipped = 0
        for dependency in added where seen.insert(dependency.key).inserted && !ignored.matches(dependency.name) {
            let previous = before[dependency.key]
            if let previous, previous.version == dependency.version { continue }
            if previous != nil, !versionChanges { continue }
            guard findings.count < maxFindingsPerFile else {
                skipped += 1
                continue
            }
            findings.append(finding(dependency, previous: previous, file: file))
        }
        if skipped > 0 {
            findings.append(
                Finding(
                    check: id, severity: Self.defaultSeverity,
                    title: "\(skipped) more dependency changes in \(file.newPath)", path: file.newPath,
                    evidence: "only the first \(maxFindingsPerFile) are reported one by one",
                    matchHash: SHA256Hex.digest("more:\(skipped)")
                )
            )
        }
        return findings
    }

    /// No dependency declaration is longer than this; longer lines (generated or hostile content)
    /// are skipped rather than parsed.
    static let maximumLineBytes = 4096

    static func manifestLines(_ lines: [DiffLine]) -> [DiffLine] {
        lines.allSatisfy { $0.text.utf8.count <= maximumLineBytes }
            ? lines : lines.filter { $0.text.utf8.count <= maximumLineBytes }
    }

    private func finding(_ dependency: DeclaredDependency, previous: DeclaredDependency?, file: FileChange) -> Finding {
        let path = file.newPath
        let version = dependency.version.map { " \($0)" } ?? ""
        let title: String
        var severity = Self.defaultSeverity
        if dependency.isReplacement {
            title = "Dependency replaced: \(dependency.name)\(version) (\(path))"
        } else if let previous {
            title = "Changed dependency: \(dependency.name) \(previous.version ?? "(no version)") → "
                + "\(dependency.version ?? "(no version)") (\(path))"
            severity = .low
        } else {
            title = "New dependency: \(dependency.name)\(version) (\(path))"
        }
        let text = LineText.text(ofLine: dependency.line, in: file.addedLines)
        return Finding(
            check: id, severity: severity, title: title, path: path, line: dependency.line,
            evidence: LineText.evidence(text ?? title),
            matchHash: SHA256Hex.digest("\(dependency.key)@\(dependency.version ?? "")")
        )
    }
}
