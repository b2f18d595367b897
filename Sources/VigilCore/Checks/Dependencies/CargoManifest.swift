/// `Cargo.toml`: `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, their
/// `[target.'cfg(…)'.…]` forms, `[workspace.dependencies]`, and `[dependencies.<crate>]` tables.
enum CargoManifest {
    private static let sections: Set<String> = ["dependencies", "dev-dependencies", "build-dependencies"]

    static let parser = TOMLManifestParser(
        role: { header in
            let parts = header.split(separator: ".").map(String.init)
            guard let last = parts.last else { return .other }
            if sections.contains(last) { return .entries }
            // `[dependencies.serde]`, `[target.x.dependencies.serde]`
            if parts.count >= 2, sections.contains(parts[parts.count - 2]) { return .single(last) }
            return .other
        },
        settingKeys: [
            "version", "edition", "rust-version", "name", "resolver", "opt-level", "debug", "lto", "license",
            "description", "documentation", "homepage", "repository", "readme", "default-run", "build",
        ]
    )
}

/// Gradle version catalogs (`gradle/libs.versions.toml`): `[versions]`, `[libraries]`, `[plugins]`.
enum VersionCatalogManifest {
    static let parser = TOMLManifestParser(
        role: { header in header == "bundles" ? .other : .entries },
        settingKeys: [],
        entry: { key, value, line in
            if let text = TOMLManifestParser.string(value) {
                // `alias = "group:artifact:version"`, or in [versions] `kotlin = "1.9.22"`
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                if parts.count >= 2 {
                    let version = parts.count >= 3 ? parts[2...].joined(separator: ":") : nil
                    return DeclaredDependency(name: "\(parts[0]):\(parts[1])", version: version, line: line)
                }
                return DeclaredDependency(name: key, version: text, line: line)
            }
            guard value.hasPrefix("{") else { return nil }
            let name: String
            if let module = TOMLManifestParser.inlineString(value, "module") {
                name = module
            } else if let group = TOMLManifestParser.inlineString(value, "group"),
                let artifact = TOMLManifestParser.inlineString(value, "name")
            {
                name = "\(group):\(artifact)"
            } else if let plugin = TOMLManifestParser.inlineString(value, "id") {
                name = plugin
            } else {
                return nil
            }
            let version = TOMLManifestParser.inlineString(value, "version")
                ?? TOMLManifestParser.inlineString(value, "version.ref").map { "version.ref \($0)" }
            return DeclaredDependency(name: name, version: version, line: line)
        }
    )
}
