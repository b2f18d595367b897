import Testing
import VigilGit

@testable import VigilCore

/// Manifest changes as the diff delivers them when `dependency-change` asked for whole sides: both
/// blobs' bytes, plus the changed lines.
enum ManifestFixture {
    static func change(_ path: String, old: String?, new: String?) -> FileChange {
        change(path, oldBytes: old.map { Array($0.utf8) }, newBytes: new.map { Array($0.utf8) })
    }

    static func change(_ path: String, oldBytes: [UInt8]?, newBytes: [UInt8]?) -> FileChange {
        let oldLines = oldBytes.map { ManifestText.lines(of: String(decoding: $0, as: UTF8.self)) } ?? []
        let newLines = newBytes.map { ManifestText.lines(of: String(decoding: $0, as: UTF8.self)) } ?? []
        let oldTexts = Set(oldLines.map(\.text))
        let newTexts = Set(newLines.map(\.text))
        return FileChange(
            status: oldBytes == nil ? .added : newBytes == nil ? .deleted : .modified, oldPath: path, newPath: path,
            oldMode: oldBytes == nil ? .absent : .regular, newMode: newBytes == nil ? .absent : .regular,
            oldContent: oldBytes == nil ? .absent : .text, newContent: newBytes == nil ? .absent : .text,
            oldSize: Int64(oldBytes?.count ?? 0), newSize: Int64(newBytes?.count ?? 0),
            addedLines: newLines.filter { !oldTexts.contains($0.text) },
            removedLines: oldLines.filter { !newTexts.contains($0.text) },
            oldBytes: oldBytes, newBytes: newBytes
        )
    }

    static func findings(
        _ files: [FileChange], options: KeyValuePairs<String, ConfigValue> = [:]
    ) throws -> [Finding] {
        let check = try Fixture.check(DependencyChangeCheck.self, options)
        return check.run(try Fixture.context(files))
    }

    /// `severity title` for each finding, the shape most assertions read best in.
    static func summary(
        _ path: String, old: String?, new: String?, options: KeyValuePairs<String, ConfigValue> = [:]
    ) throws -> [String] {
        try findings([change(path, old: old, new: new)], options: options).map { "\($0.severity) \($0.title)" }
    }
}
