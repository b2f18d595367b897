/// Gathers the evidence for one commit and turns it into a `Verdict`: a tool with any evidence
/// other than being the committer wrote the change, unless its marker only records an accepted
/// review suggestion; a tool seen only as committer merely committed it.
struct EvidenceCollector {
    /// Evidence kept per commit; a hostile commit with thousands of trailers still yields a short list.
    static let maxEvidence = 64

    private var evidence: [Evidence] = []
    private var authored: [String] = []
    private var suggested: [String] = []
    private var committed: [String] = []
    private var lines: [AttributedLines] = []

    /// Records that `signature` matched `text` (the whole trailer line, identity or footer line).
    mutating func add(_ signature: AttributionSignature, text: String) {
        add(
            tool: signature.tool, kind: signature.kind, role: signature.role, signature: signature.id,
            text: EvidenceText.clip(text))
    }

    /// Records the AI sessions of a git-ai note: one piece of evidence per tool, and the lines
    /// each tool wrote per file.
    mutating func add(_ note: GitAINote, signature: AttributionSignature) {
        var tools: [String] = []
        var summaries: [String: NoteSummary] = [:]
        var ranges: [FileTool: [ClosedRange<Int>]] = [:]
        var order: [FileTool] = []
        for attestation in note.attestations {
            guard case .ai(let session) = note.author(of: attestation.key) else { continue }
            let agent = note.agent(of: session)
            let tool = agent?.catalogueTool ?? "unknown"
            if summaries[tool] == nil {
                tools.append(tool)
                summaries[tool] = NoteSummary(agent: agent, schema: note.metadata?.schemaVersion)
            }
            let key = FileTool(path: attestation.path, tool: tool)
            if ranges[key] == nil { order.append(key) }
            ranges[key, default: []].append(contentsOf: attestation.ranges)
        }
        for key in order {
            let merged = Self.merged(ranges[key] ?? [])
            summaries[key.tool]?.files += 1
            summaries[key.tool]?.lines += merged.reduce(0) { $0 + $1.count }
            lines.append(AttributedLines(path: key.path, ranges: merged, tool: key.tool))
        }
        for tool in tools {
            guard let summary = summaries[tool] else { continue }
            add(
                tool: tool, kind: signature.kind, role: .wrote, signature: signature.id,
                text: EvidenceText.clip(summary.text))
        }
    }

    /// Records the AI authors of a legacy git-ai log (`refs/ai/authorship/<sha>`): one piece of
    /// evidence per tool, and the lines it wrote per file.
    mutating func add(_ log: GitAILegacyLog, signature: AttributionSignature) {
        var tools: [String] = []
        var totals: [String: (author: String, files: Int, lines: Int)] = [:]
        for entry in log.entries {
            let merged = Self.merged(entry.ranges)
            lines.append(AttributedLines(path: entry.path, ranges: merged, tool: entry.tool))
            if totals[entry.tool] == nil {
                tools.append(entry.tool)
                totals[entry.tool] = (entry.author, 0, 0)
            }
            totals[entry.tool]?.files += 1
            totals[entry.tool]?.lines += merged.reduce(0) { $0 + $1.count }
        }
        for tool in tools {
            guard let total = totals[tool] else { continue }
            let author = String(String.UnicodeScalarView(total.author.unicodeScalars.prefix(64)))
            let text = "\(log.schemaVersion.prefix(32)): \(author) wrote \(total.lines) line"
                + (total.lines == 1 ? "" : "s") + " in \(total.files) file" + (total.files == 1 ? "" : "s")
            add(tool: tool, kind: signature.kind, role: .wrote, signature: signature.id, text: EvidenceText.clip(text))
        }
    }

    private mutating func add(tool: String, kind: MarkerKind, role: AttributionRole, signature: String, text: String) {
        if kind == .committer {
            if !committed.contains(tool) { committed.append(tool) }
        } else if role == .suggested {
            if !suggested.contains(tool) { suggested.append(tool) }
        } else if !authored.contains(tool) {
            authored.append(tool)
        }
        let item = Evidence(tool: tool, marker: kind, text: text, signature: signature)
        if evidence.count < Self.maxEvidence, !evidence.contains(item) { evidence.append(item) }
    }

    /// The verdict; `suggestionsCountAsAI` is the operator's setting, carried for `isInAIScope`.
    func verdict(suggestionsCountAsAI: Bool) -> Verdict {
        let suggestedOnly = suggested.filter { !authored.contains($0) }
        return Verdict(
            authoredBy: authored, suggestedBy: suggestedOnly,
            committedBy: committed.filter { !authored.contains($0) && !suggestedOnly.contains($0) },
            evidence: evidence, attributedLines: lines, suggestionsCountAsAI: suggestionsCountAsAI)
    }

    // MARK: - Ranges

    /// Sorted, with overlapping and adjacent ranges joined.
    static func merged(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    private struct FileTool: Hashable {
        var path: String
        var tool: String
    }

    /// `authorship/3.0.0: claude claude-sonnet-4-5 wrote 50 lines in 1 file`
    private struct NoteSummary {
        var agent: GitAIMetadata.Agent?
        var schema: String?
        var files = 0
        var lines = 0

        var text: String {
            var text = Self.short(schema ?? "git-ai note") + ":"
            text += " " + Self.short(agent?.tool ?? "unknown agent")
            if let model = agent?.model { text += " " + Self.short(model) }
            text += " wrote \(lines) line\(lines == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
            return text
        }

        private static func short(_ text: String) -> String {
            String(String.UnicodeScalarView(text.unicodeScalars.prefix(64)))
        }
    }
}

/// Evidence text is shown to people and stored in alerts: long enough to recognise, never huge.
enum EvidenceText {
    /// The longest evidence text kept, in Unicode scalars.
    static let limit = 200

    /// `text` cut to `limit` scalars with an ellipsis. Cutting by scalar, not by `Character`,
    /// keeps the cost bounded even for a hostile run of combining marks.
    static func clip(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var count = 0
        while index != scalars.endIndex, count < limit {
            scalars.formIndex(after: &index)
            count += 1
        }
        if index == scalars.endIndex { return text }
        var clipped = String(String.UnicodeScalarView(scalars[..<index]))
        clipped.append("…")
        return clipped
    }
}
