/// One difference between the dependencies a manifest declared before and after a commit.
struct DependencyChange: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case added, removed, upgraded, downgraded
        /// The version text changed but the two cannot be ordered (`^1` → `1.x`, a tag to a branch).
        case changed
        /// Where it comes from changed: registry to a git URL or path, one repository to a fork, a
        /// go.mod `replace` added, changed or dropped.
        case sourceChanged
    }

    var kind: Kind
    var old: DeclaredDependency?
    var new: DeclaredDependency?

    /// The side that names the dependency: the new one, or the old one for a removal.
    var dependency: DeclaredDependency { (new ?? old)! }

    /// True when every side involved is marked indirect (go.mod `// indirect`): the module graph
    /// moved, nobody chose a new package. A dependency turning direct is not indirect.
    var isIndirectOnly: Bool {
        (old?.isIndirect ?? true) && (new?.isIndirect ?? true)
    }
}

/// Compares two sides' dependency sets by key.
enum DependencyComparison {
    static func changes(old: [DeclaredDependency], new: [DeclaredDependency]) -> [DependencyChange] {
        var before: [String: DeclaredDependency] = [:]
        for dependency in old where before[dependency.key] == nil { before[dependency.key] = dependency }
        var seen: Set<String> = []
        var changes: [DependencyChange] = []
        for dependency in new where seen.insert(dependency.key).inserted {
            guard let previous = before[dependency.key] else {
                let kind: DependencyChange.Kind = dependency.isReplacement ? .sourceChanged : .added
                changes.append(DependencyChange(kind: kind, new: dependency))
                continue
            }
            if let kind = difference(previous, dependency) {
                changes.append(DependencyChange(kind: kind, old: previous, new: dependency))
            }
        }
        var gone: Set<String> = []
        for dependency in old where !seen.contains(dependency.key) && gone.insert(dependency.key).inserted {
            let kind: DependencyChange.Kind = dependency.isReplacement ? .sourceChanged : .removed
            changes.append(DependencyChange(kind: kind, old: dependency))
        }
        return changes
    }

    /// How one dependency changed, or `nil` when it did not.
    static func difference(_ old: DeclaredDependency, _ new: DeclaredDependency) -> DependencyChange.Kind? {
        if old.isReplacement || new.isReplacement {
            return old.version == new.version ? nil : .sourceChanged
        }
        if DependencySource.of(old) != DependencySource.of(new) { return .sourceChanged }
        guard old.version != new.version else { return nil }
        switch VersionOrder.compare(old.version, new.version) {
        case .some(.orderedAscending): return .upgraded
        case .some(.orderedDescending): return .downgraded
        default: return .changed
        }
    }
}

/// Where a dependency comes from, as far as its manifest says: `nil` for the ecosystem's registry.
enum DependencySource {
    private static let prefixes = [
        "git+", "git:", "git@", "github:", "gitlab:", "bitbucket:", "gist:", "http://", "https://", "file:",
        "link:", "portal:", "path ", "path:", "../", "./", "/", "=> ",
    ]

    static func of(_ dependency: DeclaredDependency) -> String? {
        if let source = dependency.source { return normalized(source) }
        guard let version = dependency.version else { return nil }
        if version.hasPrefix("npm:") {
            // `npm:other-name@1.2`: an alias to another package is another source.
            let target = version.dropFirst(4)
            let nameEnd = target.dropFirst().firstIndex(of: "@") ?? target.endIndex
            return "npm:" + target[..<nameEnd]
        }
        if prefixes.contains(where: { version.hasPrefix($0) }) || version.contains("://") {
            return normalized(version)
        }
        return nil
    }

    /// One spelling per location: `https://github.com/x/y.git/` and `https://github.com/x/y` are one.
    private static func normalized(_ source: String) -> String {
        var text = Substring(source.lowercased())
        while text.hasSuffix("/") { text = text.dropLast() }
        if text.hasSuffix(".git") { text = text.dropLast(4) }
        return String(text)
    }
}
