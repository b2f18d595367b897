import VigilGit

/// `Package.swift`: `.package(url:…, from:…)` and its forms (`exact:`, `branch:`, `revision:`,
/// `.upToNextMajor(from:)`, ranges, `path:`, registry `id:`). A call may span lines; it is read
/// from its `.package(` line to its closing parenthesis within the same run of changed lines.
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
            for (index, line) in run.enumerated() where LineText.contains(line.text, ".package(") {
                let call = text(ofCallAt: index, in: run)
                if let dependency = parse(call, line: line.number) { found.append(dependency) }
            }
        }
        return found
    }

    /// The call's text from `.package(` to its closing parenthesis (or as far as the run allows).
    private static func text(ofCallAt start: Int, in run: [DiffLine]) -> String {
        var text = ""
        var depth = 0
        var started = false
        for line in run[start..<min(run.count, start + maximumCallLines)] {
            var body = Substring(line.text)
            if !started, let range = body.firstRange(of: ".package(") { body = body[range.lowerBound...] }
            for character in body {
                text.append(character)
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
        return DeclaredDependency(name: name, version: version, line: line, key: name.lowercased())
    }
}
