import VigilGit

/// `Package.swift`: `.package(url:…, from:…)` and its forms (`exact:`, `branch:`, `revision:`,
/// `.upToNextMajor(from:)`, ranges, `path:`, registry `id:`). A call may span lines; it is read
/// from its `.package(` to its closing parenthesis within the same run of lines; comments and
/// string literals are skipped (`SwiftCodeMask`), since the file is lexed, never run.
/// `Package.resolved` is a lockfile and never read.
enum SwiftPackageParser {
    /// The longest call read, in lines.
    private static let maximumCallLines = 12

    private static let source = try? Regex(#"\b(url|path|id)\s*:\s*"([^"]*)""#)
    private static let requirement = try? Regex(
        #"\b(from|exact|branch|revision)\s*:\s*"([^"]*)"|"([^"]*)"\s*(\.\.[.<])\s*"([^"]*)""#
    )

    static func dependencies(_ lines: [DiffLine]) -> [DeclaredDependency] {
        var found: [DeclaredDependency] = []
        for run in ManifestText.runs(lines) {
            let run = Array(run)
            var mask = SwiftCodeMask()
            let code = run.map { mask.code(of: $0.text) }
            let original = run.map { Array($0.text) }
            for (index, line) in run.enumerated() {
                for offset in offsets(of: Array(".package("), in: code[index]) {
                    let call = text(ofCallAt: index, offset: offset, code: code, original: original)
                    if let dependency = parse(call, line: line.number) { found.append(dependency) }
                }
            }
        }
        return found
    }

    /// Where `needle` starts in `characters`, every time.
    private static func offsets(of needle: [Character], in characters: [Character]) -> [Int] {
        guard characters.count >= needle.count, let first = needle.first else { return [] }
        return (0...(characters.count - needle.count)).filter { start in
            characters[start] == first && characters[start..<start + needle.count].elementsEqual(needle)
        }
    }

    /// The call's text from `.package(` to its closing parenthesis (or as far as the run allows).
    /// Parentheses count only in code, so one inside a string or comment does not end the call.
    private static func text(ofCallAt start: Int, offset: Int, code: [[Character]], original: [[Character]])
        -> String
    {
        var text = ""
        var depth = 0
        var started = false
        for index in start..<min(code.count, start + maximumCallLines) {
            let from = index == start ? offset : 0
            for position in from..<code[index].count {
                let character = code[index][position]
                text.append(original[index][position])
                if character == "(" {
                    depth += 1
                    started = true
                } else if character == ")" {
                    depth -= 1
                    if started && depth == 0 { return text }
                }
            }
            text.append(" ")
        }
        return text
    }

    private static func parse(_ call: String, line: Int) -> DeclaredDependency? {
        guard let match = source?.firstMatch(in: call), let kind = match.group(1), let location = match.group(2) else {
            return nil
        }
        var name = location
        if kind != "id" {
            var trimmed = Substring(location)
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            name = String(trimmed.split(separator: "/").last ?? trimmed)
            if name.hasSuffix(".git") { name = String(name.dropLast(4)) }
        }
        guard !name.isEmpty else { return nil }
        var version: String?
        if kind == "path" {
            version = "path \(location)"
        } else if let requirement = requirement?.firstMatch(in: call) {
            if let label = requirement.group(1), let value = requirement.group(2) {
                version = label == "from" ? "from \(value)" : "\(label) \(value)"
            } else if let lower = requirement.group(3), let range = requirement.group(4),
                let upper = requirement.group(5)
            {
                version = "\(lower)\(range)\(upper)"
            }
        }
        let source = kind == "url" ? location : kind == "path" ? nil : "registry \(location)"
        return DeclaredDependency(name: name, version: version, line: line, key: name.lowercased(), source: source)
    }
}
