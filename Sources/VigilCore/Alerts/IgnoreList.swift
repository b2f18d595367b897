import Synchronization

/// Reviewed findings: alert fingerprints an operator has looked at and accepted, one per line.
///
/// ```
/// # vigil ignore file: one alert id per line; text after the id is the reviewer's note
/// 3f0c9a51e4b27d8806a1c2f4b9e0d713  test fixture key, not a real credential
/// ```
///
/// It lives with the operator's config, never in the scanned repository: a commit must not be able
/// to suppress its own alerts. Entries that match nothing in a full rescan are reported as stale so
/// the list does not silently outlive what it was reviewed for.
public final class IgnoreList: Sendable {
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var line: Int
        public var note: String
    }

    public let file: String?
    public let entries: [Entry]
    private let ids: Set<String>
    private let matched = Mutex<Set<String>>([])

    /// An empty list.
    public init() {
        file = nil
        entries = []
        ids = []
    }

    /// Parses the text of an ignore file; every malformed line is a problem with its line number.
    public init(text: String, file: String?) throws(ConfigProblems) {
        var entries: [Entry] = []
        var problems: [ConfigProblem] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: " \t\r")
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let id = String(line.prefix { !$0.isWhitespace })
            let note = line.dropFirst(id.count).trimmingCharacters(in: " \t")
            guard id.count == 32, id.utf8.allSatisfy({ $0.isLowercaseHex }) else {
                problems.append(
                    ConfigProblem(
                        file: file, key: "ignore", line: index + 1,
                        message: "expected an alert id (32 lowercase hex digits) at the start of the line"))
                continue
            }
            let text = note.hasPrefix("#") ? note.dropFirst().trimmingCharacters(in: " \t") : note
            entries.append(Entry(id: id, line: index + 1, note: text))
        }
        if !problems.isEmpty { throw ConfigProblems(problems) }
        self.file = file
        self.entries = entries
        self.ids = Set(entries.map(\.id))
    }

    /// Reads an ignore file; a missing, unreadable or non-text file is a problem, not an empty list.
    public convenience init(path: String) throws(ConfigProblems) {
        let text: String
        do {
            text = try ConfigFileReader.text(ofFile: path)
        } catch {
            throw ConfigProblems([error])
        }
        try self.init(text: text, file: path)
    }

    /// Whether an alert id was reviewed; records the match for stale detection.
    public func suppresses(_ id: String) -> Bool {
        guard ids.contains(id) else { return false }
        matched.withLock { _ = $0.insert(id) }
        return true
    }

    /// Entries that suppressed nothing so far.
    public var stale: [Entry] {
        let used = matched.withLock { $0 }
        return entries.filter { !used.contains($0.id) }
    }
}

extension UInt8 {
    var isLowercaseHex: Bool { (0x30...0x39).contains(self) || (0x61...0x66).contains(self) }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let start = firstIndex(where: { !characters.contains($0) }) else { return "" }
        let end = lastIndex(where: { !characters.contains($0) }) ?? start
        return String(self[start...end])
    }
}
