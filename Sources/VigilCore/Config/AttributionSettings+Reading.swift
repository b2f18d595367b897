/// Building `[attribution]` and its `[[attribution.signatures]]`.
extension AttributionSettings {
    static let configKeys: Set<String> = [
        "builtin", "disabled", "signatures", "notes_ref", "suggestions_count_as_ai",
    ]

    init(config table: ConfigTable, reader: inout ConfigReader) {
        self.init()
        reader.rejectUnknownKeys(table, allowed: Self.configKeys)
        if let builtin = reader.bool(table, "builtin") { self.builtin = builtin }
        if let suggestions = reader.bool(table, "suggestions_count_as_ai") { suggestionsCountAsAI = suggestions }
        if let disabled = reader.strings(table, "disabled") {
            self.disabled = disabled
            for id in disabled {
                if let message = Self.unknownDisabledID(id) { reader.report(table.problem("disabled", message)) }
            }
        }
        if let notesRef = reader.string(table, "notes_ref") {
            if notesRef.hasPrefix("refs/"), notesRef != "refs/" {
                self.notesRef = notesRef
            } else {
                reader.report(
                    table.problem("notes_ref", "must be a ref name starting with \"refs/\", found \"\(notesRef)\""))
            }
        }
        if let tables = reader.tables(table, "signatures") {
            var firstLineOfID: [String: Int?] = [:]
            for (index, entry) in tables.enumerated() {
                guard let signature = SignatureSpec(config: entry, index: index, reader: &reader) else { continue }
                if let earlier = firstLineOfID[signature.id] {
                    let whereEarlier = earlier.map { " (first defined on line \($0))" } ?? ""
                    reader.report(entry.problem("id", "duplicate signature id \"\(signature.id)\"\(whereEarlier)"))
                    continue
                }
                firstLineOfID[signature.id] = entry.line
                signatures.append(signature)
            }
        }
    }
}

// MARK: - disabled

extension AttributionSettings {
    /// The ids `disabled` may name.
    static let builtinIDs = Set(BuiltinSignatures.all.map(\.id))

    /// Why `id` may not be in `disabled`, or `nil` when it names a built-in signature: a misspelt id
    /// would leave the signature on while the operator believes it off.
    static func unknownDisabledID(_ id: String) -> String? {
        guard !builtinIDs.contains(id) else { return nil }
        return "no built-in signature has the id \"\(id)\"" + hint(for: id)
    }

    /// ` (built-in ids for claude-code: …)` when some built-in id shares the typo's tool prefix.
    private static func hint(for id: String) -> String {
        let tool = id.split(separator: ".").first.map(String.init) ?? id
        let candidates = builtinIDs.filter { $0.hasPrefix(tool + ".") }.sorted()
        guard !candidates.isEmpty else { return "" }
        return " (built-in ids for \(tool): " + candidates.prefix(8).joined(separator: ", ") + ")"
    }
}

// MARK: - [[attribution.signatures]]

extension SignatureSpec {
    static let configKeys: Set<String> = ["id", "tool", "field", "pattern"]

    /// Reads one signature; `nil` when a required key is missing or wrong (already reported). Without
    /// an explicit `id` the signature is `custom.<tool>.<index>`, index counting from 0 in file order.
    init?(config table: ConfigTable, index: Int, reader: inout ConfigReader) {
        reader.rejectUnknownKeys(table, allowed: Self.configKeys)
        let explicitID = reader.nonEmptyString(table, "id")
        let tool = Self.required(table, "tool", reader: &reader, hint: "the AI tool's name, e.g. \"acme-agent\"")
        let fieldName = Self.required(table, "field", reader: &reader, hint: "the commit field the pattern reads")
        let pattern = Self.required(table, "pattern", reader: &reader, hint: "a PCRE2 regular expression")
        var field: MarkerField?
        if let fieldName {
            field = MarkerField(rawValue: fieldName)
            if field == nil {
                let allowed = MarkerField.allCases.map(\.rawValue).joined(separator: ", ")
                reader.report(table.problem("field", "expected one of \(allowed), found \"\(fieldName)\""))
            }
        }
        if let pattern {
            do {
                _ = try Regex(pattern)
            } catch {
                reader.report(table.problem("pattern", error.description))
            }
        }
        guard let tool, let field, let pattern, table.entries["id"] == nil || explicitID != nil else { return nil }
        self.init(
            id: explicitID ?? "custom.\(tool).\(index)", tool: tool, field: field, pattern: pattern, line: table.line)
    }

    /// A non-empty string the signature cannot do without; reports its absence.
    private static func required(
        _ table: ConfigTable, _ name: String, reader: inout ConfigReader, hint: String
    ) -> String? {
        if let value = reader.nonEmptyString(table, name) { return value }
        if table.entries[name] == nil, !reader.hasProblem(forKey: table.key(name)) {
            reader.report(table.problem(name, "required: \(hint)"))
        }
        return nil
    }
}
