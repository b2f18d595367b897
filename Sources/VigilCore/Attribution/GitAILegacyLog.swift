#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// git-ai's first authorship format (`authorship/0.0.1`), which it kept in one reference per commit,
/// `refs/ai/authorship/<sha>`, before notes:
/// `{"files":{"src/a.rs":{"authors":[{"author":"Claude","lines":[22,[30,41]]}]}},"schema_version":…}`.
/// An author is the agent's display name (`Claude`, `ClaudeCode`, `Cursor`) for lines an AI wrote,
/// or a person's name for the rest; only names the catalogue knows as tools count.
///
/// Decoded leniently and bounded: entries of the wrong shape are skipped, line spans are capped,
/// and the caller passes at most `GitAINote.maxBytes` of text.
struct GitAILegacyLog: Sendable, Hashable {
    /// Lines one tool wrote in one file.
    struct Entry: Sendable, Hashable {
        var path: String
        var tool: String
        /// The name the log gives the agent, for the evidence text.
        var author: String
        var ranges: [ClosedRange<Int>]
    }

    var schemaVersion: String
    var entries: [Entry]

    /// Line spans kept per author entry; a hostile log cannot make the verdict large.
    static let maxSpans = 10_000

    /// `nil` unless `text` is a JSON object whose `schema_version` is `authorship/0.x`.
    init?(_ text: String) {
        guard text.utf8.first == UInt8(ascii: "{"),
            let document = try? JSONDecoder().decode(Document.self, from: Data(text.utf8)),
            let schema = document.schemaVersion, schema.hasPrefix("authorship/0.")
        else { return nil }
        schemaVersion = schema
        var entries: [Entry] = []
        for path in document.files.keys.sorted() {
            for author in document.files[path]?.authors ?? [] {
                guard let name = author.author, let tool = Self.tool(named: name) else { continue }
                let ranges = author.lines.prefix(Self.maxSpans).compactMap(\.range)
                guard !ranges.isEmpty else { continue }
                entries.append(Entry(path: path, tool: tool, author: name, ranges: ranges))
            }
        }
        self.entries = entries
    }

    /// The catalogue tool an agent display name stands for, matched whole and without regard to
    /// case or spaces (`ClaudeCode` and `Claude Code` alike).
    static func tool(named name: String) -> String? {
        guard name.utf8.count <= 128 else { return nil }
        let squeezed = name.lowercased().filter { $0 != " " && $0 != "-" && $0 != "_" }
        return toolByName[squeezed]
    }

    /// Agent display names git-ai wrote, squeezed as `tool(named:)` does.
    private static let toolByName: [String: String] = [
        "claude": "claude-code", "claudecode": "claude-code", "cursor": "cursor", "codex": "codex",
        "copilot": "copilot", "githubcopilot": "copilot", "gemini": "gemini-cli", "geminicli": "gemini-cli",
        "windsurf": "windsurf", "amp": "amp", "opencode": "opencode", "droid": "factory-droid",
    ]

    // MARK: - Decoding

    private struct Document: Decodable {
        var files: [String: File] = [:]
        var schemaVersion: String?

        enum CodingKeys: String, CodingKey {
            case files
            case schemaVersion = "schema_version"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            files = (try? container.decode([String: File].self, forKey: .files)) ?? [:]
            schemaVersion = try? container.decode(String.self, forKey: .schemaVersion)
        }
    }

    private struct File: Decodable {
        var authors: [Author] = []

        enum CodingKeys: String, CodingKey { case authors }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            authors = (try? container.decode([Author].self, forKey: .authors)) ?? []
        }
    }

    private struct Author: Decodable {
        var author: String?
        var lines: [Span] = []

        enum CodingKeys: String, CodingKey { case author, lines }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            author = try? container.decode(String.self, forKey: .author)
            lines = (try? container.decode([Span].self, forKey: .lines)) ?? []
        }
    }

    /// A line number `22` or a span `[30, 41]`; anything else decodes to no range.
    private struct Span: Decodable {
        var range: ClosedRange<Int>?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let line = try? container.decode(Int.self) {
                range = line >= 1 ? line...line : nil
            } else if let pair = try? container.decode([Int].self), pair.count == 2, pair[0] >= 1, pair[0] <= pair[1] {
                range = pair[0]...pair[1]
            } else {
                range = nil
            }
        }
    }
}
