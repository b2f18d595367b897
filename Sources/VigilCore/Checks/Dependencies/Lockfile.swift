/// Lockfiles: files that record what a resolver chose from the manifests. A change to one alone
/// (a refresh, `go mod tidy`, a bot's transitive bump) is churn nobody chose, reported at `info`;
/// with its manifest changed in the same commit it follows from that change and says nothing more.
enum Lockfile {
    /// Lockfile names, each with the manifests it follows from.
    static let manifests: [String: Set<String>] = [
        "package-lock.json": ["package.json"], "npm-shrinkwrap.json": ["package.json"],
        "yarn.lock": ["package.json"], "pnpm-lock.yaml": ["package.json"], "bun.lock": ["package.json"],
        "bun.lockb": ["package.json"], "Cargo.lock": ["Cargo.toml"], "go.sum": ["go.mod"],
        "Package.resolved": ["Package.swift"], "poetry.lock": ["pyproject.toml"], "uv.lock": ["pyproject.toml"],
        "pdm.lock": ["pyproject.toml"], "Pipfile.lock": ["Pipfile"], "Gemfile.lock": ["Gemfile", "gems.rb"],
        "gems.locked": ["Gemfile", "gems.rb"], "gradle.lockfile": ["build.gradle", "build.gradle.kts"],
    ]

    /// The manifests `path` follows from, when it is a lockfile outside vendored trees.
    static func manifests(forPath path: String) -> Set<String>? {
        let segments = path.split(separator: "/")
        guard let name = segments.last,
            !segments.dropLast().contains(where: { $0 == "node_modules" || $0 == "vendor" })
        else { return nil }
        return manifests[String(name)]
    }

    /// The folder part of a path (`web/package.json` → `web`), for pairing a lockfile with its manifest.
    static func folder(of path: String) -> Substring {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return path[..<slash]
    }
}
