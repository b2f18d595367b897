import Foundation
import Testing

@testable import VigilCore

/// Broken and hostile input: every case ends in a clear problem, never a crash or a hang.
@Suite struct ConfigHostileInputTests {
    // MARK: - Files

    @Test func missingFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/absent.toml"
        let problems = loadProblems(path)
        try #require(problems.count == 1)
        #expect(problems[0].file == path)
        #expect(problems[0].message.contains("No such file"))
    }

    @Test func directoryInsteadOfAFile() throws {
        let folder = try TemporaryFolder()
        let problems = loadProblems(folder.path)
        try #require(problems.count == 1)
        #expect(problems[0].message.contains("is a directory"))
        #expect(problems[0].file == folder.path)
    }

    @Test func emptyFileIsValidDefaults() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("vigil.toml", "")
        let config = try ConfigLoader.load(path: path)
        #expect(config.repos.isEmpty)
        #expect(config.daemon == VigilConfig.builtInDefault.daemon)
        #expect(config.source == path)
    }

    @Test func fileLargerThanTheCap() throws {
        let folder = try TemporaryFolder()
        // 5 MB of valid TOML comments: refused for its size before any parsing.
        let line = "# " + String(repeating: "x", count: 97) + "\n"
        let path = try folder.write("big.toml", String(repeating: line, count: 50_000))
        let problems = loadProblems(path)
        try #require(problems.count == 1)
        #expect(problems[0].message.contains("MiB allowed"))
        #expect(problems[0].file == path)
    }

    @Test func textLargerThanTheCap() throws {
        let text = String(repeating: "#\n", count: TOMLDocument.maximumBytes / 2 + 1)
        let problems = configProblems(text)
        try #require(problems.count == 1)
        #expect(problems[0].message.contains("MiB allowed"))
    }

    @Test func invalidUTF8NamesItsLine() throws {
        let folder = try TemporaryFolder()
        let bytes = Array("[daemon]\nstate_dir = \"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        let path = try folder.write("latin.toml", bytes: bytes)
        let problems = loadProblems(path)
        try #require(problems.count == 1)
        #expect(problems[0].line == 2)
        #expect(problems[0].message.contains("not UTF-8"))
    }

    @Test func binaryGarbage() throws {
        let folder = try TemporaryFolder()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let path = try folder.write("garbage-\(round).toml", bytes: bytes)
            #expect(!loadProblems(path).isEmpty)
        }
        // Valid UTF-8 with a NUL byte: TOMLKit would see only the text before it.
        let nul = try folder.write("nul.toml", bytes: Array("[daemon]\n".utf8) + [0] + Array("bogus = 1\n".utf8))
        let problems = loadProblems(nul)
        try #require(problems.count == 1)
        #expect(problems[0].line == 2)
        #expect(problems[0].message.contains("NUL byte"))
    }

    // MARK: - Syntax

    @Test func syntaxErrorsCarryTOMLKitsLine() {
        let cases: [(String, Int)] = [
            ("[daemon]\nstate_dir = \"/var/lib\n", 2),  // unterminated string
            ("[daemon]\n\nalert_log = '''never closed\n\n", 4),  // unterminated multi-line string: at the end
            ("a = 1\nb = [1, 2\n", 2),  // unterminated array
            ("[daemon\n", 1),  // unterminated header
            ("x = 1\ny = \n", 2),  // missing value
            ("x = 1\nx = 2\n", 2),  // duplicate key
            ("[daemon]\n[daemon]\n", 2),  // table defined twice
            ("[[repos]]\npath = \"/a\"\n[repos]\n", 3),  // array of tables redefined as a table
            ("s = \"bell \u{07}\"\n", 1),  // control character in a string
        ]
        for (text, line) in cases {
            let problems = configProblems(text)
            #expect(problems.count == 1, "\(text.debugDescription): \(problems)")
            #expect(problems.first?.key == TOMLDocument.syntaxKey)
            #expect(problems.first?.line == line, "\(text.debugDescription): \(problems)")
            #expect(problems.first?.file == "test.toml")
        }
    }

    @Test func deeplyNestedArraysAndInlineTables() {
        let arrays = "x = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let tables = "x = " + String(repeating: "{ a = ", count: 10_000) + "1" + String(repeating: " }", count: 10_000)
        let open = "x = " + String(repeating: "[", count: 10_000)
        for text in [arrays, tables, open] {
            let problems = configProblems(text)
            #expect(problems.count == 1)
            #expect(problems.first?.line == 1)
        }
    }

    @Test func deeplyNestedTableHeadersAreRefused() {
        let header = "[" + Array(repeating: "a", count: 10_000).joined(separator: ".") + "]\nb = 1\n"
        let dotted = Array(repeating: "a", count: 10_000).joined(separator: ".") + " = 1\n"
        for text in [header, dotted] {
            let problems = configProblems(text)
            #expect(!problems.isEmpty)
            #expect(problems.allSatisfy { $0.line == 1 })
        }
    }

    @Test func nulEscapeIsRefused() {
        let problems = configProblems("[checks.x]\nrule = \"a\\u0000b\"\n\"k\\u0000\" = 1\n")
        #expect(problems.map(\.line) == [2, 3])
        #expect(problems.allSatisfy { $0.message.contains("NUL") })
    }

    @Test func manyKeysAndLongValuesAreFine() throws {
        var text = "[checks.protected-path]\npaths = [\n"
        for index in 0..<20_000 { text += "  \"dir\(index)/**\",\n" }
        text += "]\n[daemon]\nstate_dir = \"" + String(repeating: "d", count: 100_000) + "\"\n"
        let config = try ConfigLoader.parse(text, file: nil)
        #expect(try config.checks["protected-path"]?.strings("paths")?.count == 20_000)
        #expect(config.daemon.stateDirectory.count == 100_000)
    }

    private func loadProblems(_ path: String) -> [ConfigProblem] {
        do {
            _ = try ConfigLoader.load(path: path)
            return []
        } catch {
            return error.problems
        }
    }
}
