/// The signatures that read one kind of value (an author email, a trailer line, a footer line…),
/// arranged so that the common case — a value that mentions no AI tool at all — costs one JIT
/// regex run: a caseless alternation of every keyword of the keyworded signatures. Only when that
/// gate matches are the signatures tried one by one, each behind its own keyword test.
struct FieldMatcher: Sendable {
    /// Signatures with keywords, tried only past the gate.
    private let gated: [CompiledSignature]
    /// Signatures without keywords (operators' own): always tried.
    private let ungated: [CompiledSignature]
    /// Matches when the value contains any keyword of `gated`; `nil` when `gated` is empty.
    private let gate: Regex?

    init(_ signatures: [CompiledSignature]) {
        gated = signatures.filter(\.hasKeywords)
        ungated = signatures.filter { !$0.hasKeywords }
        let keywords = Set(gated.flatMap(\.signature.keywords)).sorted()
        let alternation = keywords.map(Self.literal).joined(separator: "|")
        // A gate that failed to compile would be `nil`, which lets every value through: slower, same answers.
        gate = keywords.isEmpty ? nil : try? Regex(alternation, caseInsensitive: true)
    }

    var isEmpty: Bool { gated.isEmpty && ungated.isEmpty }

    /// Calls `body` with every signature whose pattern matches `value`, in signature order within
    /// each group (keyworded first).
    func forEachMatch(in value: String, _ body: (CompiledSignature) -> Void) {
        if !gated.isEmpty, gate?.matches(value) ?? true {
            FoldedText.with(value) { folded in
                for signature in gated where signature.matches(value, folded: folded) { body(signature) }
            }
        }
        for signature in ungated where signature.regex.matches(value) { body(signature) }
    }

    /// `keyword` as a PCRE2 literal: every character that is not an ASCII letter or digit escaped.
    private static func literal(_ keyword: String) -> String {
        var pattern = ""
        for character in keyword.lowercased() {
            if !(character.isASCII && (character.isLetter || character.isNumber)) { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern
    }
}
