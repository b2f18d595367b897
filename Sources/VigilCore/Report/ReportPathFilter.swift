/// Which files at the end of a range the report counts.
///
/// By default every text file except vendored trees and generated files (`defaultExcludes`). With
/// `--paths`, only files matching one of those globs count and the default list no longer applies:
/// naming what to count is taken at its word, `vendor/**` included. `--exclude` globs always apply.
/// Binary files are never counted (blame has no lines to give them).
public struct ReportPathFilter: Sendable {
    /// Vendored dependencies and generated files: lockfiles, minified bundles, source maps.
    public static let defaultExcludes = [
        "vendor/", "node_modules/", "third_party/", "bower_components/", "Pods/",
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "Cargo.lock",
        "Gemfile.lock", "poetry.lock", "Pipfile.lock", "uv.lock", "composer.lock", "go.sum", "Package.resolved",
        "flake.lock", "*.min.js", "*.min.css", "*.map",
    ]

    let paths: GlobSet
    let excludes: GlobSet

    /// Throws for a glob that does not parse (empty, or an unclosed `[`).
    public init(paths: [String] = [], excludes: [String] = []) throws(GlobError) {
        self.paths = try GlobSet(patterns: paths)
        self.excludes = try GlobSet(patterns: (paths.isEmpty ? Self.defaultExcludes : []) + excludes)
    }

    public func counts(_ path: String) -> Bool {
        if !paths.isEmpty, !paths.matches(path) { return false }
        return !excludes.matches(path)
    }
}
