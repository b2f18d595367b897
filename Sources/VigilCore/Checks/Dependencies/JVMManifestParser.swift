import VigilGit

/// Maven `pom.xml` and Gradle build scripts (`build.gradle`, `build.gradle.kts`).
enum JVMManifestParser {
    // MARK: - Maven

    private static let element = try? Regex(#"<([A-Za-z][\w.\-]*)>\s*([^<]*?)\s*</\1>"#)
    private static let blockTags: Set<String> = ["dependency", "plugin", "parent", "extension"]

    /// `<dependency>` (and `<plugin>`, `<parent>`, `<extension>`) blocks with their `groupId`,
    /// `artifactId` and `version`, plus `<…version>` properties (`<jackson.version>2.17.0</…>`),
    /// which is how most poms pin versions. A version line changed alone, outside a block seen in
    /// the same run, cannot be tied to an artifact and is not reported.
    static func pom(_ lines: [DiffLine]) -> [DeclaredDependency] {
        var found: [DeclaredDependency] = []
        for run in ManifestText.runs(lines) {
            // The block being read; `started` is false for one whose start tag is not in the run.
            var block: (line: Int, fields: [String: String], started: Bool)?
            for line in run {
                let text = line.text.trimmingASCIIWhitespace()
                if isBlockTag(text, closing: false) {
                    block = (line.number, [:], true)
                    continue
                }
                if isBlockTag(text, closing: true) {
                    if let current = block, let dependency = mavenDependency(current.fields, line: current.line) {
                        found.append(dependency)
                    }
                    block = nil
                    continue
                }
                guard text.hasPrefix("<"), let match = element?.firstMatch(in: text), let tag = match.group(1),
                    let value = match.group(2)
                else { continue }
                if block != nil {
                    block?.fields[tag] = value
                } else if tag.hasSuffix(".version") || tag.hasSuffix("-version") || tag.hasSuffix("Version") {
                    found.append(DeclaredDependency(name: tag, version: value, line: line.number))
                } else if tag == "artifactId" || tag == "groupId" {
                    // Perhaps inside a block whose start is unchanged; kept only if its end tag follows.
                    block = (line.number, [tag: value], false)
                }
            }
            if let current = block, current.started,
                let dependency = mavenDependency(current.fields, line: current.line)
            {
                found.append(dependency)
            }
        }
        return found
    }

    private static func isBlockTag(_ text: String, closing: Bool) -> Bool {
        let prefix = closing ? "</" : "<"
        guard text.hasPrefix(prefix), text.hasSuffix(">") else { return false }
        return blockTags.contains(String(text.dropFirst(prefix.count).dropLast()).trimmingASCIIWhitespace())
    }

    private static func mavenDependency(_ fields: [String: String], line: Int) -> DeclaredDependency? {
        guard let artifact = fields["artifactId"], !artifact.isEmpty else { return nil }
        let name = fields["groupId"].map { "\($0):\(artifact)" } ?? artifact
        return DeclaredDependency(name: name, version: fields["version"], line: line, key: artifact)
    }

    // MARK: - Gradle

    private static let configuration =
        #"\b(?:\w*(?:[iI]mplementation|[aA]pi|[cC]ompileOnly|[rR]untimeOnly|[cC]ompile|[rR]untime"#
        + #"|[aA]nnotationProcessor|[dD]evelopmentOnly)|kapt|ksp|classpath)\b"#
    private static let coordinates = try? Regex(
        configuration + #"\s*\(?\s*(?:(?:enforcedPlatform|platform)\s*\(\s*)?"#
            + #"["']([^"':\s]+):([^"':\s]+)(?::([^"'\s]+))?["']"#
    )
    private static let mapNotation = try? Regex(
        configuration + #"\s*\(?\s*group\s*[:=]\s*["']([^"']+)["']\s*,\s*name\s*[:=]\s*["']([^"']+)["']"#
            + #"(?:\s*,\s*version\s*[:=]\s*["']([^"']+)["'])?"#
    )
    private static let plugin = try? Regex(#"\bid\s*\(?\s*["']([\w.\-]+)["']\s*\)?\s+version\s*\(?\s*["']([^"']+)["']"#)

    /// `implementation("group:artifact:version")`, `api 'g:a:v'`, `platform(…)`, the
    /// `group: …, name: …, version: …` form, and `id("plugin") version "x"`.
    static func gradle(_ lines: [DiffLine]) -> [DeclaredDependency] {
        lines.compactMap { line in
            let text = line.text
            for pattern in [coordinates, mapNotation].compactMap({ $0 }) {
                if let match = pattern.firstMatch(in: text), let group = match.group(1), let artifact = match.group(2) {
                    let name = "\(group):\(artifact)"
                    return DeclaredDependency(name: name, version: match.group(3), line: line.number)
                }
            }
            if LineText.contains(text, "version"), let match = plugin?.firstMatch(in: text), let id = match.group(1) {
                return DeclaredDependency(name: "plugin \(id)", version: match.group(2), line: line.number)
            }
            return nil
        }
    }
}
