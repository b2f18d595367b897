import VigilGit

/// What a TOML table holds, as far as dependencies go.
enum TOMLTableRole: Sendable, Hashable {
    /// `name = "1.0"` or `name = { version = "1.0" }` entries (Cargo, Poetry, Pipfile, catalogs).
    case entries
    /// `key = ["requirement", …]` arrays of PEP 508 strings, for the given keys (`nil`: any key).
    case arrays(Set<String>?)
    /// `[dependencies.serde]`: the table is one dependency, its keys describe it.
    case single(String)
    case other
}

/// Reads dependencies from the lines of a TOML manifest diff. Only whole lines are seen, so a
/// table header is known only when it is among the lines of the same run; lines whose table is
/// unknown are taken for dependencies only when they could hardly be anything else (a versioned
/// entry whose key is not a known package setting, or a qualified PEP 508 string).
struct TOMLManifestParser: Sendable {
    /// The role of a table, from its header name (`tool.poetry.dependencies`).
    var role: @Sendable (String) -> TOMLTableRole
    /// Keys that, in a table of unknown role, hold versions without being dependencies.
    var settingKeys: Set<String>
    /// Array keys that hold PEP 508 requirements even when their table is unknown.
    var requirementArrayKeys: Set<String> = []
    /// Reads one entry of an `.entries` table; the default reads `name = version-or-table`.
    var entry: @Sendable (_ key: String, _ value: Substring, _ line: Int) -> DeclaredDependency? =
        TOMLManifestParser.entry
    /// Normalises names for comparison (Python's rules for pyproject and Pipfile).
    var key: @Sendable (String) -> String = { $0 }

    func dependencies(_ lines: [DiffLine]) -> [DeclaredDependency] {
        var found: [DeclaredDependency] = []
        for run in ManifestText.runs(lines) { parse(run, into: &found) }
        return found.map { dependency in
            var keyed = dependency
            keyed.key = key(dependency.name)
            return keyed
        }
    }

    private enum ArrayState { case none, requirements, ignored }

    private func parse(_ run: ArraySlice<DiffLine>, into found: inout [DeclaredDependency]) {
        var current: TOMLTableRole?
        var array = ArrayState.none
        var single: Int?
        for line in run {
            let text = TOMLManifestParser.code(line.text)
            guard !text.isEmpty else { continue }
            if array != .none {
                if array == .requirements { found += requirements(in: text, line: line.number, qualifiedOnly: false) }
                if TOMLManifestParser.closesArray(text) { array = .none }
                continue
            }
            if text.hasPrefix("[") {
                let name = TOMLManifestParser.header(text)
                current = role(name)
                single = nil
                if case .single(let dependency) = current {
                    single = found.count
                    found.append(DeclaredDependency(name: dependency, version: nil, line: line.number))
                }
                continue
            }
            guard let (key, value) = TOMLManifestParser.keyValue(text) else {
                // A bare array element: a requirement only when its array is known or it is qualified.
                if current == nil { found += requirements(in: text, line: line.number, qualifiedOnly: true) }
                continue
            }
            let opensArray = value.hasPrefix("[")
            switch current {
            case .entries:
                if let dependency = entry(key, value, line.number) { found.append(dependency) }
            case .arrays(let keys) where opensArray && (keys?.contains(key) ?? true):
                found += requirements(in: value, line: line.number, qualifiedOnly: false)
                array = TOMLManifestParser.closesArray(value) ? .none : .requirements
                continue
            case .single:
                if let index = single, let text = TOMLManifestParser.string(value) {
                    if key == "version" { found[index].version = text }
                    if ["git", "path", "url", "registry"].contains(key) { found[index].source = "\(key) \(text)" }
                }
            case nil:
                if opensArray, requirementArrayKeys.contains(key) {
                    found += requirements(in: value, line: line.number, qualifiedOnly: false)
                    array = TOMLManifestParser.closesArray(value) ? .none : .requirements
                    continue
                }
                // Unknown table: a versioned entry, or an inline table naming a version or source.
                if !opensArray, !settingKeys.contains(key), let dependency = entry(key, value, line.number),
                    let version = dependency.version, ManifestText.looksLikeVersion(version) || value.hasPrefix("{")
                {
                    found.append(dependency)
                }
            default: break
            }
            if opensArray, !TOMLManifestParser.closesArray(value) { array = .ignored }
        }
    }

    private func requirements(in text: Substring, line: Int, qualifiedOnly: Bool) -> [DeclaredDependency] {
        ManifestText.quotedStrings(text).compactMap { element in
            guard let requirement = PythonRequirement(element), !qualifiedOnly || requirement.isQualified else {
                return nil
            }
            return DeclaredDependency(name: requirement.name, version: requirement.version, line: line)
        }
    }

    // MARK: - Lines

    /// The default entry reader: `name = "1.0"`, `name = { version = "1.0", … }`, `name.workspace = true`.
    static func entry(_ key: String, _ value: Substring, _ line: Int) -> DeclaredDependency? {
        if key.hasSuffix(".workspace") {
            return DeclaredDependency(name: String(key.dropLast(".workspace".count)), version: "workspace", line: line)
        }
        guard !key.contains("."), !key.isEmpty else { return nil }
        if let version = string(value) { return DeclaredDependency(name: key, version: version, line: line) }
        guard value.hasPrefix("{") else { return nil }
        // Where it comes from is kept apart from its version, so a move to a fork is seen as such.
        let source = ["git", "path", "url", "registry"].lazy.compactMap { field in
            inlineString(value, field).map { "\(field) \($0)" }
        }.first
        if let version = inlineString(value, "version") {
            return DeclaredDependency(name: key, version: version, line: line, source: source)
        }
        if source == nil, value.contains("workspace") {
            return DeclaredDependency(name: key, version: "workspace", line: line)
        }
        return DeclaredDependency(name: key, version: nil, line: line, source: source)
    }

    /// The line without its comment and surrounding blanks.
    static func code(_ text: String) -> Substring {
        var inString: Character?
        var end = text.endIndex
        for index in text.indices {
            let character = text[index]
            if let quote = inString {
                if character == quote { inString = nil }
            } else if character == "\"" || character == "'" {
                inString = character
            } else if character == "#" {
                end = index
                break
            }
        }
        return Substring(String(text[..<end]).trimmingASCIIWhitespace())
    }

    /// `[tool.poetry.dependencies]` → `tool.poetry.dependencies`, quotes and blanks removed.
    static func header(_ text: Substring) -> String {
        String(text.filter { $0 != "[" && $0 != "]" && $0 != " " && $0 != "\t" && $0 != "\"" })
    }

    /// `key = value` with a bare or quoted key; `nil` for other lines.
    static func keyValue(_ text: Substring) -> (String, Substring)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        let rawKey = String(text[..<equals]).trimmingASCIIWhitespace()
        // A bare key (letters, digits, `-`, `_`, dots) or one quoted whole: `"requests>=2",` is no key.
        let quoted = rawKey.count >= 2 && (rawKey.first == "\"" || rawKey.first == "'") && rawKey.last == rawKey.first
        let bare = rawKey.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ")
        }
        guard quoted || bare else { return nil }
        let key = rawKey.filter { $0 != "\"" && $0 != "'" }.replacingASCII(" ", with: "")
        guard !key.isEmpty else { return nil }
        let value = Substring(String(text[text.index(after: equals)...]).trimmingASCIIWhitespace())
        return (key, value)
    }

    /// The string a value is, if it is one.
    static func string(_ value: Substring) -> String? {
        guard value.hasPrefix("\"") || value.hasPrefix("'") else { return nil }
        return ManifestText.quotedStrings(value).first
    }

    /// The string field `name` of an inline table value (`{ version = "1", features = [...] }`).
    static func inlineString(_ value: Substring, _ name: String) -> String? {
        var rest = value
        while let range = rest.firstRange(of: name) {
            let before = range.lowerBound == value.startIndex ? nil : value[value.index(before: range.lowerBound)]
            var after = rest[range.upperBound...].drop { $0 == " " || $0 == "\t" }
            if before.map({ $0 == "{" || $0 == "," || $0 == " " || $0 == "\t" }) ?? true, after.first == "=" {
                after = after.dropFirst().drop { $0 == " " || $0 == "\t" }
                return string(after)
            }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    static func closesArray(_ text: Substring) -> Bool {
        var depth = 0
        var inString: Character?
        for character in text {
            if let quote = inString {
                if character == quote { inString = nil }
            } else if character == "\"" || character == "'" {
                inString = character
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
            }
        }
        return depth < 0 || (depth == 0 && text.contains("]"))
    }
}
