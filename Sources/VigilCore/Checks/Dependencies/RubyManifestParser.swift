import VigilGit

/// `Gemfile` (`gem "rails", "~> 7.1"`, `gem "x", git: "…"`) and `*.gemspec`
/// (`spec.add_dependency "x", ">= 1"`, `add_runtime_dependency`, `add_development_dependency`).
/// `Gemfile.lock` is a lockfile and never read.
enum RubyManifestParser {
    private static let gem = try? Regex(#"^\s*gem\s*\(?\s*["']([^"']+)["'](.*)$"#)
    private static let gemspec = try? Regex(
        #"\.add_(?:runtime_|development_)?dependency\s*\(?\s*["']([^"']+)["'](.*)$"#
    )
    private static let source = try? Regex(#"\b(git|github|path)\s*(?::|=>)\s*["']([^"']+)["']"#)

    static func dependencies(_ lines: [DiffLine], gemspec isGemspec: Bool) -> [DeclaredDependency] {
        guard let pattern = isGemspec ? gemspec : gem else { return [] }
        return lines.compactMap { line in
            let text = line.text
            guard LineText.contains(text, isGemspec ? "dependency" : "gem"), let match = pattern.firstMatch(in: text),
                let name = match.group(1)
            else { return nil }
            let rest = match.group(2) ?? ""
            return DeclaredDependency(name: name, version: version(in: rest), line: line.number)
        }
    }

    /// The requirement strings after the name (`"~> 7.1", ">= 7.1.2"`), or the source option.
    private static func version(in rest: String) -> String? {
        var code = Substring(rest)
        if let comment = code.firstIndex(of: "#") { code = code[..<comment] }
        if let match = source?.firstMatch(in: String(code)), let kind = match.group(1), let location = match.group(2) {
            return "\(kind): \(location)"
        }
        // Only the positional strings: they come before any `key: value` option.
        var requirements: [String] = []
        for part in code.split(separator: ",") {
            let trimmed = String(part).trimmingASCIIWhitespace()
            guard trimmed.hasPrefix("\"") || trimmed.hasPrefix("'") else { break }
            if let value = ManifestText.quotedStrings(Substring(trimmed)).first { requirements.append(value) }
        }
        return requirements.isEmpty ? nil : requirements.joined(separator: ", ")
    }
}
