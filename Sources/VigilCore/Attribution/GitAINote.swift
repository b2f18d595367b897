/// A git-ai authorship log (`refs/notes/ai`, schema `authorship/3.x`): attestation lines naming the
/// files and line ranges each session wrote, a `---` divider, then JSON metadata naming the sessions'
/// agents. Parsed leniently: notes are repository data, so whatever does not parse is ignored and
/// every size is capped; a broken note yields less evidence, never a crash.
struct GitAINote: Sendable, Hashable {
    /// One attestation entry: in `path`, the lines `ranges` came from the session or human `key`.
    struct Attestation: Sendable, Hashable {
        var path: String
        var key: String
        var ranges: [ClosedRange<Int>]
    }

    /// Who a key stands for.
    enum Author: Sendable, Hashable {
        /// An AI session (`s_…::t_…`, or a legacy hex key with a prompt record); `session` is the id
        /// the metadata is keyed by.
        case ai(session: String)
        /// A known human (`h_…`), or a key that cannot be resolved to a session.
        case other
    }

    var attestations: [Attestation]
    /// The JSON metadata, or `nil` when it is missing or not a JSON object.
    var metadata: GitAIMetadata?

    // MARK: - Limits

    /// Larger notes are cut here; the JSON after the cut then fails to parse and is ignored.
    static let maxBytes = 4 << 20
    /// Where git-ai kept one authorship log per commit before notes (`refs/ai/authorship/<sha>`):
    /// still present in older histories, read when a commit has no note.
    static let legacyRefPrefix = "refs/ai/authorship/"
    static let maxAttestations = 10_000
    static let maxRangesPerEntry = 10_000
    /// Line numbers above this are absurd for a source file and are dropped.
    static let maxLine = 10_000_000

    // MARK: - Parsing

    /// Parses a note; `nil` when it has no `---` divider line and so is not an authorship log.
    init?(_ text: String) {
        var text = text
        if text.utf8.count > Self.maxBytes {
            text = String(decoding: text.utf8.prefix(Self.maxBytes), as: UTF8.self)
        }
        var attestations: [Attestation] = []
        var path: String?
        var divider: Substring.Index?
        var rest = text[...]
        while !rest.isEmpty {
            let newline = rest.firstIndex(of: "\n") ?? rest.endIndex
            var line = rest[..<newline]
            rest = newline == rest.endIndex ? rest[rest.endIndex...] : rest[rest.index(after: newline)...]
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line == "---" {
                divider = rest.startIndex
                break
            }
            guard attestations.count < Self.maxAttestations, !line.isEmpty else { continue }
            if let first = line.first, first == " " || first == "\t" {
                guard let path, let entry = Self.entry(line, path: path) else { continue }
                attestations.append(entry)
            } else {
                path = Self.unquoted(line)
            }
        }
        guard let divider else { return nil }
        self.attestations = attestations
        self.metadata = GitAIMetadata(json: text[divider...])
    }

    /// `  <key> <ranges>`; `nil` when the key or every range is unusable.
    private static func entry(_ line: Substring, path: String) -> Attestation? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let key = trimmed[..<space]
        guard !key.isEmpty, key.utf8.count <= 128 else { return nil }
        let ranges = Self.ranges(trimmed[trimmed.index(after: space)...].drop { $0 == " " })
        guard !ranges.isEmpty else { return nil }
        return Attestation(path: path, key: String(key), ranges: ranges)
    }

    /// `1-4,9` → `[1...4, 9...9]`; malformed, reversed, zero or absurd parts are skipped.
    static func ranges(_ text: Substring) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            guard result.count < maxRangesPerEntry else { break }
            let bounds = part.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let lower = lineNumber(bounds[0]) else { continue }
            let upper = bounds.count == 2 ? lineNumber(bounds[1]) : lower
            guard let upper, lower <= upper else { continue }
            result.append(lower...upper)
        }
        return result
    }

    private static func lineNumber(_ text: Substring) -> Int? {
        let digits = text.trimmingSpaces
        guard !digits.isEmpty, digits.utf8.count <= 8, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int(digits), value >= 1, value <= maxLine
        else { return nil }
        return value
    }

    /// Paths with whitespace are written in double quotes.
    private static func unquoted(_ line: Substring) -> String {
        let trimmed = line.trimmingSpaces
        if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") {
            return String(trimmed.dropFirst().dropLast())
        }
        return String(trimmed)
    }

    // MARK: - Keys

    /// Resolves an attestation key. `s_<hex>::t_<hex>` is an AI session by its shape; a bare hex key
    /// (16 characters, or 7 before git-ai 1.0) is one only when the metadata has its prompt record;
    /// `h_<hex>` is a human.
    func author(of key: String) -> Author {
        if key.hasPrefix("s_") {
            let session = key.split(separator: ":", maxSplits: 1).first.map(String.init) ?? key
            return .ai(session: session)
        }
        if key.hasPrefix("h_") { return .other }
        let isHex = key.utf8.allSatisfy { $0.isLowercaseHexDigit }
        if isHex, key.utf8.count >= 7, key.utf8.count <= 64, metadata?.prompts[key] != nil {
            return .ai(session: key)
        }
        return .other
    }

    /// The agent recorded for an AI session, from `sessions` or the legacy `prompts`.
    func agent(of session: String) -> GitAIMetadata.Agent? {
        guard let metadata else { return nil }
        return metadata.sessions[session] ?? metadata.prompts[session]
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        let isSpace = { (character: Character) in character == " " || character == "\t" }
        let start = drop(while: isSpace)
        var end = start.endIndex
        while end > start.startIndex, isSpace(start[start.index(before: end)]) { end = start.index(before: end) }
        return start[..<end]
    }
}

extension UInt8 {
    fileprivate var isLowercaseHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x61...0x66).contains(self)
    }
}
