import Foundation
import VigilGit

/// A whole `package.json` read with a JSON parser: the entries of `dependencies`,
/// `devDependencies`, `peerDependencies` and `optionalDependencies`, wherever they sit in the
/// file (a one-line manifest included). `overrides` and `resolutions` pin versions of packages
/// already depended on and are read by the line reader only.
enum PackageJSONDocument {
    static let sections = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]

    static func dependencies(_ bytes: [UInt8], lines: [DiffLine]) throws(ManifestProblem) -> [DeclaredDependency] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw ManifestProblem(reason: "not valid JSON")
        }
        guard let manifest = object as? [String: Any] else { throw ManifestProblem(reason: "not a JSON object") }
        // Each key's first line, found once: searching the file per dependency is quadratic.
        var keyLines: [String: Int] = [:]
        for line in lines where line.text.utf8.count <= 4096 {
            for key in ManifestText.quotedStrings(Substring(line.text)) where keyLines[key] == nil {
                keyLines[key] = line.number
            }
        }
        var found: [DeclaredDependency] = []
        for section in sections {
            guard let entries = manifest[section] as? [String: Any] else { continue }
            // Sorted: a dictionary's order is not the file's, and findings must come out the same each run.
            for (name, value) in entries.sorted(by: { $0.key < $1.key }) {
                let version = value as? String
                let line = keyLines[name] ?? 1
                found.append(DeclaredDependency(name: name, version: version, line: line))
            }
        }
        return found
    }
}
