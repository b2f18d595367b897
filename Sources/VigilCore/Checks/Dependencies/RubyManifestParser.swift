import VigilGit

/// `Gemfile` (`gem "rails", "~> 7.1"`, `gem "x", git: "…"`) and `*.gemspec`
/// (`spec.add_dependency "x", ">= 1"`, `add_runtime_dependency`, `add_development_dependency`).
/// A gem inside a `source "…" do` block comes from that server. `Gemfile.lock` is a lockfile,
/// read only as churn.
enum RubyManifestParser {
    private static let gem = try? Regex(#"^\s*gem\s*\(?\s*["']([^"']+)["'](.*)$"#)
    private static let gemspec = try? Regex(
        #"\.add_(?:runtime_|development_)?dependency\s*\(?\s*["']([^"']+)["'](.*)$"#
    )
    private static let source = try? Regex(#"\b(git|github|path)\s*(?::|=>)\s*["']([^"']+)["']"#)

    /// `source "https://gems.example" do` … `end`: gems inside come from that server.
    private static let sourceBlock = try? Regex(#"^\s*source\s*\(?\s*["']([^"']+)["']\s*\)?\s*do\b"#)
    private static let blockStart = try? Regex(#"\bdo\s*(\|[^|]*\|)?\s*(#.*)?$"#)

    static func dependencies(_ lines: [DiffLine], gemspec isGemspec: Bool) -> [DeclaredDependency] {
        guard let pattern = isGemspec ? gemspec : gem else { return [] }
        var found: [DeclaredDependency] = []
        for run in ManifestText.runs(lines) {
            // The open `do` blocks of this run, each with the gem server it names, if any.
            var blocks: [String?] = []
            for line in run {
                let text = line.text
                let code = text.trimmingASCIIWhitespace()
                if code == "end" || code.hasPrefix("end ") || code.hasPrefix("end#") {
                    if !blocks.isEmpty { blocks.removeLast() }
                    continue
                }
                if !isGemspec, LineText.contains(text, "source"), let match = sourceBlock?.firstMatch(in: text) {
                    blocks.append(match.group(1))
                    continue
                }
                if LineText.contains(text, "do"), blockStart?.firstMatch(in: text) != nil { blocks.append(nil) }
                guard LineText.contains(text, isGemspec ? "dependency" : "gem"),
                    let match = pattern.firstMatch(in: text), let name = match.group(1)
                else { continue }
                let rest = match.group(2) ?? ""
                let (version, declared) = requirement(in: rest)
                let server = blocks.last { $0 != nil } ?? nil
                let source = declared ?? server.map { "source: \($0)" }
                found.append(DeclaredDependency(name: name, version: version, line: line.number, source: source))
            }
        }
        return found
    }

    /// The requirement strings after the name (`"~> 7.1", ">= 7.1.2"`), and the source option
    /// (`git:`, `github:`, `path:`) when there is one.
    private static func requirement(in rest: String) -> (version: String?, source: String?) {
        var code = Substring(rest)
        if let comment = code.firstIndex(of: "#") { code = code[..<comment] }
        var source: String?
        if let match = self.source?.firstMatch(in: String(code)), let kind = match.group(1),
            let location = match.group(2)
        {
            source = "\(kind): \(location)"
        }
        // Only the positional strings: they come before any `key: value` option.
        var requirements: [String] = []
        for part in code.split(separator: ",") {
            let trimmed = String(part).trimmingASCIIWhitespace()
            guard trimmed.hasPrefix("\"") || trimmed.hasPrefix("'") else { break }
            if let value = ManifestText.quotedStrings(Substring(trimmed)).first { requirements.append(value) }
        }
        return (requirements.isEmpty ? nil : requirements.joined(separator: ", "), source)
    }
}
