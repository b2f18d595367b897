/// Building one `[[repos]]` entry, and the ref, scope and initial-scan values it holds.
extension RepositorySettings {
    static let configKeys: Set<String> = ["path", "refs", "protected_refs", "scope", "initial", "fetch", "checks"]

    /// Reads one `[[repos]]` table; `nil` when it has no usable `path` (already reported).
    init?(config table: ConfigTable, reader: inout ConfigReader) {
        reader.rejectUnknownKeys(table, allowed: Self.configKeys)
        let path = reader.nonEmptyString(table, "path")
        if path == nil, table.entries["path"] == nil, !reader.hasProblem(forKey: table.key("path")) {
            reader.report(table.problem("path", "required: the repository's path, or a glob such as /srv/git/*.git"))
        }
        var settings = RepositorySettings(path: path ?? "", line: table.line)
        if let refs = Self.refNames(table, "refs", reader: &reader) {
            if refs.isEmpty {
                reader.report(table.problem("refs", "must list at least one ref or glob, e.g. [\"refs/heads/*\"]"))
            } else {
                settings.refs = refs
            }
        }
        if let protected = Self.refNames(table, "protected_refs", reader: &reader) {
            settings.protectedRefs = protected
        }
        if let name = reader.string(table, "scope") {
            if let scope = CheckScope(rawValue: name) {
                settings.scope = scope
            } else {
                reader.report(table.problem("scope", "expected \"ai\" or \"all\", found \"\(name)\""))
            }
        }
        if let text = reader.string(table, "initial") {
            if let initial = InitialScan(configText: text) {
                settings.initial = initial
            } else {
                reader.report(
                    table.problem(
                        "initial", "expected \"baseline\", \"full\" or \"last:N\" with N at least 1, found \"\(text)\"")
                )
            }
        }
        if let fetch = reader.bool(table, "fetch") { settings.fetch = fetch }
        if let checks = reader.checkTables(table, "checks") { settings.checks = checks }
        guard path != nil else { return nil }
        self = settings
    }

    /// An array of full ref names or globs; each must start with `refs/` so that a bare `main`
    /// (which matches nothing) is caught here rather than leaving a branch unwatched.
    static func refNames(_ table: ConfigTable, _ name: String, reader: inout ConfigReader) -> [String]? {
        guard let refs = reader.strings(table, name) else { return nil }
        var valid = true
        for (index, ref) in refs.enumerated() where !ref.hasPrefix("refs/") || ref == "refs/" {
            valid = false
            let hint = ref.contains("/") || ref.isEmpty ? "" : " (did you mean \"refs/heads/\(ref)\"?)"
            reader.report(
                table.problem(
                    name,
                    "element \(index + 1) must be a ref name or glob starting with \"refs/\", "
                        + "found \"\(ref)\"\(hint)"))
        }
        return valid ? refs : nil
    }
}

// MARK: - initial

extension InitialScan {
    /// `baseline`, `full` or `last:N` (N ≥ 1), exactly as written in the config.
    init?(configText text: String) {
        switch text {
        case "baseline": self = .baseline
        case "full": self = .full
        default:
            guard text.hasPrefix("last:") else { return nil }
            let digits = text.dropFirst("last:".count)
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let count = Int(digits), count >= 1
            else { return nil }
            self = .last(count)
        }
    }
}
