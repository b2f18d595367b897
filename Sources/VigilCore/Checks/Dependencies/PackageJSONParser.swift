import VigilGit

/// Reads dependencies from the lines of a `package.json` diff: `"name": "range"` entries inside
/// `dependencies`, `devDependencies`, `peerDependencies`, `optionalDependencies`, `overrides` and
/// `resolutions`.
///
/// Only changed lines are seen. When an object's opening line (`"devDependencies": {`) is among
/// the lines of the same run, entries are placed exactly; otherwise an entry counts only when its
/// key is a valid package name that is not a known package.json field (`version`, engines' `node`,
/// …) and its value reads as a version range or package source (`^1.2.0`, `npm:x@1`, `git+https:`).
enum PackageJSONParser {
    static let dependencySections: Set<String> = [
        "dependencies", "devDependencies", "peerDependencies", "optionalDependencies", "overrides", "resolutions",
    ]

    /// Fields whose values can look like versions without being dependencies.
    static let settingKeys: Set<String> = [
        "name", "version", "description", "main", "module", "browser", "types", "typings", "type", "license",
        "homepage", "private", "packageManager", "node", "npm", "yarn", "pnpm", "bun", "deno", "vscode",
        "electron", "typescript-version", "engine", "engines", "volta",
    ]

    static func dependencies(_ lines: [DiffLine]) -> [DeclaredDependency] {
        var found: [DeclaredDependency] = []
        for run in ManifestText.runs(lines) {
            // Objects and arrays opened within this run; outside them the context is unknown.
            var stack: [String] = []
            for line in run {
                let text = Substring(line.text.trimmingASCIIWhitespace())
                let strings = ManifestText.quotedStrings(text)
                if text.hasPrefix("}") || text.hasPrefix("]") {
                    if !stack.isEmpty { stack.removeLast() }
                    continue
                }
                guard let key = strings.first, text.hasPrefix("\""), let colon = afterKey(text) else { continue }
                let value = colon.drop { $0 == " " || $0 == "\t" }
                if value.hasPrefix("{") || value.hasPrefix("[") {
                    if !value.contains(value.hasPrefix("{") ? "}" : "]") { stack.append(key) }
                    continue
                }
                guard value.hasPrefix("\""), strings.count >= 2 else { continue }
                let version = strings[1]
                if let section = stack.last {
                    let inOverride = stack.contains { $0 == "overrides" || $0 == "resolutions" }
                    guard dependencySections.contains(section) || inOverride else { continue }
                    found.append(DeclaredDependency(name: key, version: version, line: line.number))
                } else if isPackageName(key), !settingKeys.contains(key), looksLikeSpecifier(version) {
                    found.append(DeclaredDependency(name: key, version: version, line: line.number))
                }
            }
        }
        return found
    }

    /// The text after `"key":`, or `nil` when the line is not a key.
    private static func afterKey(_ text: Substring) -> Substring? {
        var index = text.index(after: text.startIndex)
        var escaped = false
        while index < text.endIndex {
            let character = text[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                let rest = text[text.index(after: index)...].drop { $0 == " " || $0 == "\t" }
                return rest.first == ":" ? rest.dropFirst() : nil
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// npm's name rules: lowercase URL-safe characters, optionally `@scope/`, not starting with `.` or `_`.
    static func isPackageName(_ name: String) -> Bool {
        var body = Substring(name)
        if body.hasPrefix("@") {
            guard let slash = body.firstIndex(of: "/") else { return false }
            body = body[body.index(after: slash)...]
        }
        guard let first = body.first, first != ".", first != "_", name.utf8.count <= 214 else { return false }
        return name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/")
        }
    }

    /// A version range, dist-tag or package source as npm accepts them.
    static func looksLikeSpecifier(_ value: String) -> Bool {
        if ManifestText.looksLikeVersion(value) { return true }
        if ["latest", "next", "canary", "beta", "alpha", "rc", "x", "X"].contains(value) { return true }
        let sources = [
            "npm:", "git+", "git:", "git@", "github:", "gitlab:", "bitbucket:", "gist:", "http://", "https://",
            "file:", "link:", "workspace:", "catalog:", "portal:", "patch:",
        ]
        return sources.contains { value.hasPrefix($0) }
    }
}
