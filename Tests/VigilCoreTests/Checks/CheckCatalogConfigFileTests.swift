import Foundation
import Testing

@testable import VigilCore

/// The catalogue on configurations read by the config loader: real files, real lines.
@Suite("CheckCatalog with config files")
struct CheckCatalogConfigFileTests {
    private func problems(_ config: VigilConfig) -> [ConfigProblem] {
        do {
            try CheckCatalog.standard.validate(config)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("problems in [checks.*] and [repos.checks.*] name the file, the dotted key and the line")
    func problemsFromAFile() throws {
        let text = """
            [[repos]]
            path = "/srv/git/app.git"
            [repos.checks.mass-deletion]
            max_deleted_lines = "many"

            [checks.mass-deletion]
            max_deleted_lines = 2000
            [checks.protected-paths]
            paths = ["x/**"]
            [checks.risky-pattern]
            rules = "builtin"
            disabled = ["rm-rf"]
            max_line_bytez = 10
            """
        let config = try ConfigLoader.parse(text, file: "/etc/vigil/vigil.toml")
        let found = problems(config).map { "\($0.file ?? "-"):\($0.line ?? 0): \($0.key)" }
        #expect(Set(found) == [
            "/etc/vigil/vigil.toml:4: repos[0].checks.mass-deletion.max_deleted_lines",
            "/etc/vigil/vigil.toml:8: checks.protected-paths",
            "/etc/vigil/vigil.toml:13: checks.risky-pattern.max_line_bytez",
        ])
    }

    @Test("a valid file builds each repository's checks, overrides merged")
    func validFile() throws {
        let text = """
            [[repos]]
            path = "/srv/git/app.git"
            scope = "all"
            [repos.checks.mass-deletion]
            max_deleted_lines = 5000
            [repos.checks.conflict-marker]
            enabled = false

            [checks.mass-deletion]
            max_deleted_files = 10
            severity = "critical"
            """
        let config = try ConfigLoader.parse(text, file: "vigil.toml")
        try CheckCatalog.standard.validate(config)
        let repository = try #require(config.repos.first)
        let runner = try CheckRunner(config: config, repository: repository)
        #expect(runner.scope == .all)
        #expect(!runner.checks.contains { $0.id == "conflict-marker" })
        let mass = try #require(runner.checks.first { $0.id == "mass-deletion" })
        #expect(mass.severity == .critical)
        let check = try #require(mass.check as? MassDeletionCheck)
        #expect(check.maxDeletedLines == 5000)
        #expect(check.maxDeletedFiles == 10)
    }

    @Test("the check examples in config/vigil.toml are valid options")
    func shippedExamples() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("config/vigil.toml"), encoding: .utf8)
        // Uncomment `#[table]` and `#key = value` lines, as the config tests do.
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("#"), let next = line.dropFirst().first, next == "[" || next.isLetter {
                return String(line.dropFirst())
            }
            return String(line)
        }
        var config = try ConfigLoader.parse(uncommented.joined(separator: "\n"), file: "vigil.toml")
        #expect(!config.checks.isEmpty)
        // Secret scanning is registered separately; until it is, its table is not the catalogue's.
        if CheckCatalog.standard.type(for: "secrets") == nil { config.checks["secrets"] = nil }
        try CheckCatalog.standard.validate(config)
    }
}
