import VigilGit

/// `conflict-marker`: merge conflict markers committed as content, which break builds at best and
/// ship both sides of a conflict at worst.
///
/// A start marker is an added line of exactly seven `<` followed by a space or the line's end, an
/// end marker the same with `>`. A lone `=======` (or diff3's `|||||||`) counts only between a
/// start and an end marker among the same file's added lines, because seven `=` alone are an
/// ordinary heading underline in Markdown and reStructuredText. One finding per conflict, on its
/// start line (or on an end marker whose start was not added). Binary files are skipped.
///
/// Option: `exclude_paths` (globs), for files that show conflicts on purpose, such as a guide to
/// resolving them or a test fixture.
public struct ConflictMarkerCheck: ConfigurableCheck {
    public static let checkID = "conflict-marker"
    public static let defaultSeverity = Severity.medium
    public static let optionKeys: Set<String> = ["exclude_paths"]

    public var id: String { Self.checkID }
    /// Files never checked for markers.
    public let excludedPaths: GlobSet

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        excludedPaths = reader.globs("exclude_paths", default: [])
        try reader.finish()
    }

    public func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for file in context.diff.files where !file.addedLines.isEmpty {
            guard !excludedPaths.matches(file.newPath) else { continue }
            findings += conflicts(in: file)
        }
        return findings
    }

    private func conflicts(in file: FileChange) -> [Finding] {
        var findings: [Finding] = []
        var open: (line: Int, text: String, separated: Bool)?
        for line in file.addedLines {
            guard let marker = ConflictMarker(line.text) else { continue }
            switch marker {
            case .start:
                if let previous = open {
                    findings.append(finding(file, line: previous.line, text: previous.text, note: "not closed"))
                }
                open = (line.number, line.text, false)
            case .separator:
                if open != nil { open?.separated = true }
            case .end:
                if let start = open {
                    let note = "closed at line \(line.number)" + (start.separated ? "" : ", no separator")
                    findings.append(finding(file, line: start.line, text: start.text, note: note))
                    open = nil
                } else {
                    let note = "end marker without a start"
                    findings.append(finding(file, line: line.number, text: line.text, note: note))
                }
            }
        }
        if let start = open { findings.append(finding(file, line: start.line, text: start.text, note: "not closed")) }
        return findings
    }

    private func finding(_ file: FileChange, line: Int, text: String, note: String) -> Finding {
        Finding(
            check: id, severity: Self.defaultSeverity, title: "Merge conflict marker committed in \(file.newPath)",
            path: file.newPath, line: line, evidence: "\(String(text.prefix(120))) (\(note))",
            matchHash: SHA256Hex.digest(text)
        )
    }
}

/// The kinds of conflict marker line git writes.
enum ConflictMarker {
    case start, separator, end

    /// Recognises a marker line; `nil` for anything else. Checks bytes, since almost every line
    /// is rejected by its first byte.
    init?(_ text: String) {
        let bytes = text.utf8
        guard let first = bytes.first else { return nil }
        let kind: ConflictMarker
        switch first {
        case UInt8(ascii: "<"): kind = .start
        case UInt8(ascii: ">"): kind = .end
        case UInt8(ascii: "="), UInt8(ascii: "|"): kind = .separator
        default: return nil
        }
        var count = 0
        var index = bytes.startIndex
        while index != bytes.endIndex, bytes[index] == first {
            count += 1
            index = bytes.index(after: index)
        }
        guard count == 7 else { return nil }
        let rest = bytes[index...]
        if first == UInt8(ascii: "=") {
            // The separator stands alone (trailing blanks tolerated).
            guard rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return nil }
        } else if let next = rest.first, next != 0x20, next != 0x09, next != 0x0D {
            return nil
        }
        self = kind
    }
}
