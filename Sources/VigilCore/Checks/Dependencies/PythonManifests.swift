import VigilGit

/// Python manifests: requirements files, `pyproject.toml` (PEP 621, PEP 735, Poetry, PDM, uv) and
/// `Pipfile`. Names compare by PEP 503 (`Django` and `django` are one package).
enum PythonManifests {
    /// `requirements*.txt` and friends: one requirement per line; options (`-r`, `--hash`) ignored,
    /// editable and URL requirements named by their `#egg=`.
    static func requirements(_ lines: [DiffLine]) -> [DeclaredDependency] {
        lines.compactMap { line in
            var text = line.text.trimmingASCIIWhitespace()
            // A comment starts at `#` at the line start or after a blank (a URL may hold `#egg=`).
            if text.hasPrefix("#") { return nil }
            if let comment = text.firstRange(of: " #") ?? text.firstRange(of: "\t#") {
                text = String(text[..<comment.lowerBound])
            }
            if let option = text.firstRange(of: " --") { text = String(text[..<option.lowerBound]) }
            text = text.trimmingASCIIWhitespace()
            if text.hasSuffix("\\") { text = String(text.dropLast()).trimmingASCIIWhitespace() }
            guard !text.isEmpty else { return nil }
            if text.hasPrefix("-e ") || text.hasPrefix("--editable") {
                let target = String(text.drop { $0 != " " && $0 != "=" }.dropFirst()).trimmingASCIIWhitespace()
                guard let name = PythonRequirement.eggName(in: target) else { return nil }
                return dependency(name: name, version: target, line: line.number)
            }
            if text.hasPrefix("-") { return nil }
            if text.contains("://"), !text.contains("@"), let name = PythonRequirement.eggName(in: text) {
                return dependency(name: name, version: text, line: line.number)
            }
            guard let requirement = PythonRequirement(text) else { return nil }
            return dependency(name: requirement.name, version: requirement.version, line: line.number)
        }
    }

    private static func dependency(name: String, version: String?, line: Int) -> DeclaredDependency {
        DeclaredDependency(name: name, version: version, line: line, key: ManifestText.normalizedPythonName(name))
    }

    // MARK: - pyproject.toml

    static let pyproject = TOMLManifestParser(
        role: { header in
            switch header {
            case "project": .arrays(["dependencies"])
            case "build-system": .arrays(["requires"])
            case "project.optional-dependencies", "dependency-groups", "tool.pdm.dev-dependencies": .arrays(nil)
            case "tool.uv": .arrays(["dev-dependencies", "constraint-dependencies", "override-dependencies"])
            case "tool.poetry.dependencies", "tool.poetry.dev-dependencies": .entries
            case _ where header.hasPrefix("tool.poetry.group.") && header.hasSuffix(".dependencies"): .entries
            default: .other
            }
        },
        settingKeys: [
            "version", "requires-python", "python", "python_version", "python-version", "minversion",
            "min_version", "target-version", "target_version", "fail_under", "required_plugins",
        ],
        requirementArrayKeys: ["dependencies", "requires", "dev-dependencies", "optional-dependencies"],
        entry: { key, value, line in
            // Poetry's `python = "^3.9"` is the interpreter, not a package.
            key == "python" ? nil : TOMLManifestParser.entry(key, value, line)
        },
        key: ManifestText.normalizedPythonName
    )

    // MARK: - Pipfile

    static let pipfile = TOMLManifestParser(
        role: { header in
            switch header {
            case "requires", "source", "scripts", "pipenv": .other
            default: .entries  // `packages`, `dev-packages` and custom categories
            }
        },
        settingKeys: ["python_version", "python_full_version", "verify_ssl", "name", "url"],
        key: ManifestText.normalizedPythonName
    )
}
