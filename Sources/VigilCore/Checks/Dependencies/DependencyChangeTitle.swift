/// The title of a dependency-change finding: what happened, to which package, from what to what.
enum DependencyChangeTitle {
    static func title(_ change: DependencyChange, path: String) -> String {
        let dependency = change.dependency
        let indirect = change.isIndirectOnly ? " (indirect)" : ""
        switch change.kind {
        case .added:
            return "New dependency: \(dependency.name)\(describe(change.new))\(indirect) (\(path))"
        case .removed:
            return "Removed dependency: \(dependency.name)\(describe(change.old))\(indirect) (\(path))"
        case .upgraded, .downgraded, .changed:
            let verb = change.kind == .upgraded ? "Upgraded" : change.kind == .downgraded ? "Downgraded" : "Changed"
            return "\(verb) dependency: \(dependency.name) \(change.old?.version ?? "(no version)") → "
                + "\(change.new?.version ?? "(no version)")\(indirect) (\(path))"
        case .sourceChanged:
            if dependency.isReplacement {
                guard let new = change.new else {
                    return "Dependency replacement removed: \(dependency.name) \(change.old?.version ?? "") (\(path))"
                }
                return "Dependency replaced: \(dependency.name) \(new.version ?? "")\(indirect) (\(path))"
            }
            return "Dependency source changed: \(dependency.name) \(origin(change.old)) → \(origin(change.new))"
                + " (\(path))"
        }
    }

    /// ` 1.3.0`, ` 1.3.0 at git https://…`, or nothing.
    private static func describe(_ dependency: DeclaredDependency?) -> String {
        guard let dependency else { return "" }
        let version = dependency.version.map { " \($0)" } ?? ""
        let source = dependency.source.map { " at \($0)" } ?? ""
        return version + source
    }

    /// Where a dependency comes from, for a source change: its source and version as written.
    private static func origin(_ dependency: DeclaredDependency?) -> String {
        guard let dependency else { return "(none)" }
        let source = dependency.source ?? (DependencySource.of(dependency) == nil ? "registry" : nil)
        switch (source, dependency.version) {
        case (let source?, let version?): return "\(source) \(version)"
        case (let source?, nil): return source
        case (nil, let version?): return version
        case (nil, nil): return "(unspecified)"
        }
    }
}
