import VigilGit

/// `go.mod`: `require` lines and blocks, and `replace` directives (a replaced module is a changed
/// source, so it is reported as `module => replacement`), and `// indirect` marks. `go.sum` is a
/// lockfile, read only as churn.
enum GoModParser {
    private enum Block { case require, replace, other }

    static func dependencies(_ lines: [DiffLine]) -> [DeclaredDependency] {
        var found: [DeclaredDependency] = []
        for run in ManifestText.runs(lines) {
            // `nil`: not known to be inside or outside a block.
            var block: Block?
            var knownTopLevel = false
            for line in run {
                var text = Substring(line.text)
                var indirect = false
                if let comment = text.firstRange(of: "//") {
                    indirect = String(text[comment.upperBound...]).trimmingASCIIWhitespace().hasPrefix("indirect")
                    text = text[..<comment.lowerBound]
                }
                let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard let first = words.first else { continue }
                if first == ")" {
                    block = nil
                    knownTopLevel = true
                    continue
                }
                switch first {
                case "require", "replace":
                    let kind: Block = first == "require" ? .require : .replace
                    if words.count == 2, words[1] == "(" {
                        block = kind
                    } else if let dependency = parse(
                        Array(words.dropFirst()), kind: kind, line: line.number, indirect: indirect)
                    {
                        found.append(dependency)
                    }
                    continue
                case "module", "go", "toolchain", "exclude", "retract", "tool", "godebug", "ignore":
                    if words.last == "(" { block = .other } else { knownTopLevel = true }
                    continue
                default: break
                }
                switch block {
                case .require, .replace:
                    if let block,
                        let dependency = parse(Array(words), kind: block, line: line.number, indirect: indirect)
                    {
                        found.append(dependency)
                    }
                case .other: continue
                case nil:
                    // Unknown position: only a `domain/path vX` pair, the shape of a require entry.
                    guard !knownTopLevel, words.count == 2, first.split(separator: "/").first?.contains(".") ?? false,
                        let dependency = parse(Array(words), kind: .require, line: line.number, indirect: indirect)
                    else { continue }
                    found.append(dependency)
                }
            }
        }
        return found
    }

    private static func parse(_ words: [Substring], kind: Block, line: Int, indirect: Bool) -> DeclaredDependency? {
        switch kind {
        case .require:
            guard words.count >= 2, words[1].hasPrefix("v") else { return nil }
            return DeclaredDependency(
                name: String(words[0]), version: String(words[1]), line: line, isIndirect: indirect)
        case .replace:
            guard let arrow = words.firstIndex(of: "=>"), arrow > 0, arrow + 1 < words.count else { return nil }
            let target = words[(arrow + 1)...].joined(separator: " ")
            let old = words[..<arrow].joined(separator: " ")
            return DeclaredDependency(
                name: String(words[0]), version: "=> \(target)", line: line, key: "replace \(old)", isReplacement: true
            )
        case .other:
            return nil
        }
    }
}
