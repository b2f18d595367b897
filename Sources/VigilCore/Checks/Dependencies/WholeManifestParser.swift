import VigilGit

/// Reads a whole manifest. Structured formats go through a real parser (JSON, TOML, XML); the
/// line-oriented ones (go.mod, requirements, Gemfile, Package.swift, Gradle) through their line
/// readers given every line, so each section header is known. Nothing in a manifest is run.
extension ManifestKind {
    /// The deepest nesting of brackets accepted before a structured parser is called: real
    /// manifests stay under 10; deeper input is hostile and could exhaust a recursive parser.
    static let maximumNesting = 64

    func wholeDependencies(_ bytes: [UInt8]) throws(ManifestProblem) -> [DeclaredDependency] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ManifestProblem(reason: "not valid UTF-8")
        }
        let lines = ManifestText.lines(of: text)
        switch self {
        case .packageJSON:
            try ManifestText.checkNesting(bytes, limit: Self.maximumNesting)
            return try PackageJSONDocument.dependencies(bytes, lines: lines)
        case .cargo, .pyproject, .pipfile, .versionCatalog:
            try ManifestText.checkNesting(bytes, limit: Self.maximumNesting)
            try TOMLValidation.validate(text)
            return dependencies(lines)
        case .pom:
            return try PomDocument.dependencies(bytes, lines: lines)
        case .swiftPackage, .requirements, .goMod, .gemfile, .gemspec, .gradle:
            return dependencies(lines)
        }
    }
}

extension ManifestText {
    /// A whole file's lines, numbered from 1, without their line endings.
    static func lines(of text: String) -> [DiffLine] {
        var lines: [DiffLine] = []
        var number = 0
        // Split on scalars: as Characters, `\r\n` is one grapheme and would not split on `\n`.
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var body = line
            if body.last == "\r" { body = body.dropLast() }
            lines.append(DiffLine(number: number, text: String(String.UnicodeScalarView(body))))
        }
        if lines.last?.text.isEmpty == true, text.unicodeScalars.last == "\n" { lines.removeLast() }
        return lines
    }

    /// Throws when `[` and `{` outside strings nest deeper than `limit`.
    static func checkNesting(_ bytes: [UInt8], limit: Int) throws(ManifestProblem) {
        var depth = 0
        var quote: UInt8?
        var escaped = false
        for byte in bytes {
            if let open = quote {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\"), open == UInt8(ascii: "\"") {
                    escaped = true
                } else if byte == open {
                    quote = nil
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { throw ManifestProblem(reason: "nested deeper than \(limit) levels") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
    }

    /// The first line that holds `needle`, for placing a dependency a structured parser found.
    static func firstLine(containing needle: String, in lines: [DiffLine]) -> Int? {
        lines.first { $0.text.contains(needle) }?.number
    }
}
