import VigilGit

/// `protected-path`: a change under paths where a mistake is expensive — schema migrations, billing
/// and payment code, CI workflows, ownership rules, infrastructure definitions.
///
/// Options: `paths` (globs, replacing the defaults below) and `extra_paths` (added to them). Every
/// kind of change counts — added, modified, deleted, mode or type changes — and a rename or copy
/// counts when either side is protected, so moving a migration out of `migrations/` is seen too.
/// One finding per changed file.
public struct ProtectedPathCheck: ConfigurableCheck {
    public static let checkID = "protected-path"
    public static let defaultSeverity = Severity.medium
    public static let optionKeys: Set<String> = ["paths", "extra_paths"]

    /// The default protected globs; `review-required` starts from the same list.
    public static let defaultPaths = [
        "**/migrations/**", "db/migrate/**", "**/billing/**", "**/payments/**",
        ".github/workflows/**", "CODEOWNERS",
        "**/infra/**", "**/terraform/**", "*.tf", "*.tfvars",
    ]

    public var id: String { Self.checkID }
    /// The protected globs in force.
    public let paths: GlobSet

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        paths = reader.globs("paths", extra: "extra_paths", default: Self.defaultPaths)
        try reader.finish()
    }

    public func run(_ context: CheckContext) -> [Finding] {
        context.diff.files.compactMap { file in
            guard let match = ProtectedPathCheck.match(file, in: paths) else { return nil }
            return Finding(
                check: id, severity: Self.defaultSeverity,
                title: "Protected path \(ProtectedPathCheck.verb(file.status)): \(match.path)", path: match.path,
                evidence: ProtectedPathCheck.describe(file) + " (matches \(match.glob.pattern))"
            )
        }
    }

    /// The side of `file` under a protected glob (the new path first), and the glob.
    static func match(_ file: FileChange, in paths: GlobSet) -> (path: String, glob: Glob)? {
        if file.status != .deleted, let glob = paths.firstMatch(file.newPath) { return (file.newPath, glob) }
        if file.status == .deleted || file.oldPath != file.newPath, let glob = paths.firstMatch(file.oldPath) {
            return (file.oldPath, glob)
        }
        return nil
    }

    static func verb(_ status: FileChange.Status) -> String {
        switch status {
        case .added: "added"
        case .deleted: "deleted"
        case .modified: "changed"
        case .renamed: "renamed"
        case .copied: "copied"
        case .typeChanged: "changed type"
        }
    }

    static func describe(_ file: FileChange) -> String {
        switch file.status {
        case .renamed, .copied: "\(verb(file.status)) \(file.oldPath) → \(file.newPath)"
        default: "\(verb(file.status)) \(file.path), +\(file.addedLines.count) −\(file.removedLineCount) lines"
        }
    }
}
