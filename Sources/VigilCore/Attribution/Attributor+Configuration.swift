/// Building an `Attributor` from `[attribution]`: the catalogue (unless `builtin = false`) minus
/// `disabled`, with operator signatures replacing built-ins of the same id and the rest appended.
extension Attributor {
    /// Builds the attributor, checking the settings whole so every problem is reported at once.
    ///
    /// - Parameter file: the config file, named in problems.
    /// - Throws: `ConfigProblems` naming the key (`attribution.signatures[N].pattern`, 0-based like
    ///   the config loader's paths, or `attribution.disabled`) and the line when known.
    public init(settings: AttributionSettings, file: String? = nil) throws(ConfigProblems) {
        var problems: [ConfigProblem] = []
        for id in settings.disabled {
            guard let message = AttributionSettings.unknownDisabledID(id) else { continue }
            problems.append(ConfigProblem(file: file, key: "attribution.disabled", line: nil, message: message))
        }
        var operatorSignatures: [CompiledSignature] = []
        var seenIDs: [String: Int] = [:]
        for (index, spec) in settings.signatures.enumerated() {
            let key = "attribution.signatures[\(index)]"
            func problem(_ name: String, _ message: String) {
                problems.append(ConfigProblem(file: file, key: key + "." + name, line: spec.line, message: message))
            }
            if spec.id.isEmpty { problem("id", "must not be empty") }
            if spec.tool.isEmpty { problem("tool", "must not be empty") }
            if let earlier = seenIDs[spec.id] {
                problem("id", "duplicate signature id \"\(spec.id)\" (also attribution.signatures[\(earlier)])")
                continue
            }
            seenIDs[spec.id] = index
            do {
                let compiled = try CompiledSignature(AttributionSignature(spec))
                if compiled.regex.matches("") {
                    problem("pattern", "matches empty text, so it would mark every commit as AI-written")
                } else if !spec.id.isEmpty, !spec.tool.isEmpty {
                    operatorSignatures.append(compiled)
                }
            } catch {
                problem("pattern", error.description)
            }
        }
        var active: [CompiledSignature] = []
        var replaced: Set<String> = []
        if settings.builtin {
            let operatorByID = Dictionary(operatorSignatures.map { ($0.signature.id, $0) }) { first, _ in first }
            let disabled = Set(settings.disabled)
            for (index, signature) in BuiltinSignatures.all.enumerated() {
                if let replacement = operatorByID[signature.id] {
                    active.append(replacement)
                    replaced.insert(signature.id)
                } else if !disabled.contains(signature.id) {
                    guard let compiled = Self.compiledBuiltins[index] else {
                        problems.append(
                            ConfigProblem(
                                file: file, key: "attribution.builtin", line: nil,
                                message: "built-in signature \"\(signature.id)\" does not compile"))
                        continue
                    }
                    active.append(compiled)
                }
            }
        }
        active += operatorSignatures.filter { !replaced.contains($0.signature.id) }
        guard problems.isEmpty else { throw ConfigProblems(problems) }
        self.init(
            compiled: active, notesRef: settings.notesRef, suggestionsCountAsAI: settings.suggestionsCountAsAI)
    }

    /// Builds the attributor for a whole configuration, naming its file in problems.
    public init(config: VigilConfig) throws(ConfigProblems) {
        try self.init(settings: config.attribution, file: config.source)
    }

    /// The catalogue compiled once per process, in catalogue order; `nil` where a pattern does not
    /// compile (a defect the catalogue tests catch, reported rather than trapped on).
    static let compiledBuiltins: [CompiledSignature?] = BuiltinSignatures.all.map { try? CompiledSignature($0) }
}
