import VigilGit

/// A dependency as one side of a manifest diff declares it.
struct DeclaredDependency: Sendable, Hashable {
    /// The package name as the ecosystem spells it (`left-pad`, `github.com/x/y`, `org.x:artifact`).
    var name: String
    /// The version or requirement as written (`^1.3.0`, `>=2,<3`, `v1.2.3`), a source such as a git
    /// URL or path, or `nil` when the manifest gives none.
    var version: String?
    /// The line in its file (new file for added lines, old for removed).
    var line: Int
    /// The key the comparison uses: the name, normalised where the ecosystem says names are equal
    /// (Python's `Foo_Bar` and `foo-bar`).
    var key: String
    /// True for a directive that swaps a dependency's source (go.mod `replace`).
    var isReplacement: Bool
    /// Where the package comes from when the manifest says so apart from its version (a Swift
    /// package's URL, Cargo's `git =`); `nil` when the version text alone says it (`github:x/y`).
    var source: String?
    /// True for a dependency the manifest marks as pulled in by another (go.mod `// indirect`).
    var isIndirect: Bool

    init(
        name: String, version: String?, line: Int, key: String? = nil, isReplacement: Bool = false,
        source: String? = nil, isIndirect: Bool = false
    ) {
        self.name = name
        let trimmed = version?.trimmingASCIIWhitespace()
        self.version = trimmed?.isEmpty == true ? nil : trimmed
        self.line = line
        self.key = key ?? name
        self.isReplacement = isReplacement
        self.source = source
        self.isIndirect = isIndirect
    }
}

/// Helpers shared by the manifest parsers.
enum ManifestText {
    /// Splits lines into runs of consecutive line numbers: context (a section header) carries only
    /// within a run, since the lines between two runs are unknown.
    static func runs(_ lines: [DiffLine]) -> [ArraySlice<DiffLine>] {
        var runs: [ArraySlice<DiffLine>] = []
        var start = lines.startIndex
        for index in lines.indices.dropFirst() where lines[index].number != lines[index - 1].number + 1 {
            runs.append(lines[start..<index])
            start = index
        }
        if start < lines.endIndex { runs.append(lines[start...]) }
        return runs
    }

    /// True for what reads as a version or requirement: `1.2`, `v1.2`, `^1`, `~1.2`, `>=1,<2`, `*`,
    /// `=1.0`, `!=1.1`.
    static func looksLikeVersion(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        case UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: "!"), UInt8(ascii: "*"):
            return true
        case UInt8(ascii: "v"):
            return text.utf8.dropFirst().first.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
        default: return false
        }
    }

    /// The contents of every quoted string (`"…"` or `'…'`) on a line, in order, escapes undone.
    static func quotedStrings(_ text: Substring) -> [String] {
        var strings: [String] = []
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\"" || scalar == "'" else {
                if scalar == "#" { break }  // TOML, Python, Ruby comment
                continue
            }
            var value = String.UnicodeScalarView()
            var closed = false
            while let next = iterator.next() {
                if next == scalar {
                    closed = true
                    break
                }
                if next == "\\", scalar == "\"", let escaped = iterator.next() {
                    value.append(escaped)
                } else {
                    value.append(next)
                }
            }
            guard closed else { break }
            strings.append(String(value))
        }
        return strings
    }

    /// Python's rule for equal names (PEP 503): case-insensitive, runs of `-`, `_`, `.` equal.
    static func normalizedPythonName(_ name: String) -> String {
        var result = ""
        var pendingSeparator = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                pendingSeparator = true
            } else {
                if pendingSeparator, !result.isEmpty { result.append("-") }
                pendingSeparator = false
                result.append(character)
            }
        }
        return result
    }
}
