#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON half of a git-ai authorship log, reduced to what attribution needs: which agent each
/// session or legacy prompt record names. Decoded leniently — a field of the wrong type is treated
/// as absent rather than failing the whole note.
struct GitAIMetadata: Sendable, Hashable {
    /// `agent_id`: the tool (`claude`, `cursor`, …) and model, when present and strings.
    struct Agent: Sendable, Hashable {
        var tool: String?
        var model: String?
    }

    var schemaVersion: String?
    /// `sessions` (v3 and later): session id (`s_…`) → its agent.
    var sessions: [String: Agent]
    /// `prompts` (legacy records): prompt hash → its agent. A record without `agent_id` is kept
    /// with an empty agent: the record itself says an AI session wrote the lines.
    var prompts: [String: Agent]

    /// Decodes `json`; `nil` when it is not a JSON object (broken, truncated or hostile). The
    /// decoder limits nesting depth, so deeply nested input fails instead of exhausting the stack.
    init?(json: Substring) {
        guard let decoded = try? JSONDecoder().decode(Document.self, from: Data(json.utf8)) else { return nil }
        schemaVersion = decoded.schemaVersion
        sessions = decoded.sessions
        prompts = decoded.prompts
    }

    // MARK: - Decoding

    private struct Document: Decodable {
        var schemaVersion: String?
        var sessions: [String: Agent] = [:]
        var prompts: [String: Agent] = [:]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case sessions, prompts
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            schemaVersion = try? container.decodeIfPresent(String.self, forKey: .schemaVersion)
            sessions = Self.records(container, .sessions)
            prompts = Self.records(container, .prompts)
        }

        private static func records(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys)
            -> [String: Agent]
        {
            guard let records = try? container.decodeIfPresent([String: Record].self, forKey: key) else { return [:] }
            var result: [String: Agent] = [:]
            for (id, record) in records.prefix(GitAINote.maxAttestations) {
                result[id] = record.agent
            }
            return result
        }
    }

    /// One session or prompt record; never fails, whatever its shape.
    private struct Record: Decodable {
        var agent: Agent

        enum CodingKeys: String, CodingKey {
            case agentID = "agent_id"
        }

        enum AgentKeys: String, CodingKey {
            case tool, model
        }

        init(from decoder: any Decoder) {
            agent = Agent()
            guard let container = try? decoder.container(keyedBy: CodingKeys.self),
                let agentID = try? container.nestedContainer(keyedBy: AgentKeys.self, forKey: .agentID)
            else { return }
            agent.tool = try? agentID.decodeIfPresent(String.self, forKey: .tool)
            agent.model = try? agentID.decodeIfPresent(String.self, forKey: .model)
        }
    }
}

// MARK: - Tool names

extension GitAIMetadata.Agent {
    /// git-ai's `agent_id.tool` names, mapped to Vigil's catalogue tool ids.
    static let catalogueTools: [String: String] = [
        "claude": "claude-code", "claude-code": "claude-code", "claude-web": "claude-code",
        "cursor": "cursor", "copilot": "copilot", "github-copilot": "copilot", "codex": "codex",
        "codex-cloud": "codex", "gemini": "gemini-cli", "gemini-cli": "gemini-cli", "windsurf": "windsurf",
        "amp": "amp", "droid": "factory-droid", "factory": "factory-droid", "opencode": "opencode",
        "pi": "pi", "qwen": "qwen-code", "qwen-code": "qwen-code", "aider": "aider", "cline": "cline",
        "continue": "continue", "devin": "devin", "jules": "jules", "roo": "roo-code", "roo-code": "roo-code",
        "amazon-q": "amazon-q", "goose": "goose", "crush": "crush", "openhands": "openhands",
    ]

    /// The catalogue tool id for this agent. An unknown name is kept, cleaned to lowercase letters,
    /// digits, `.`, `_` and `-` and cut short, since it is repository data; nothing usable gives
    /// `unknown`.
    var catalogueTool: String {
        let raw = String(String.UnicodeScalarView((tool ?? "").unicodeScalars.prefix(64))).lowercased()
        if let known = Self.catalogueTools[raw] { return known }
        let allowed = raw.unicodeScalars.lazy.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
        }
        let cleaned = String(String.UnicodeScalarView(allowed.prefix(40)))
        return cleaned.isEmpty ? "unknown" : cleaned
    }
}
