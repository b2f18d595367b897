import Testing

@testable import VigilCore

/// TOML text to `ConfigTable`: values, dotted paths and lines, for the loader and for rule files.
@Suite struct TOMLDocumentTests {
    @Test func convertsEveryValueTypeWithPathsAndLines() throws {
        let root = try TOMLDocument.parse(
            """
            s = "text"
            i = 42
            f = 2.5
            b = true
            a = ["x", 1, [2]]

            [outer.inner]
            k = "v"
            [[list]]
            n = 1
            [[list]]
            n = 2
            """)
        #expect(root.path == "")
        #expect(root.entries["s"] == ConfigEntry(value: .string("text"), line: 1))
        #expect(root.entries["i"] == ConfigEntry(value: .integer(42), line: 2))
        #expect(root.entries["f"] == ConfigEntry(value: .float(2.5), line: 3))
        #expect(root.entries["b"] == ConfigEntry(value: .bool(true), line: 4))
        #expect(root.entries["a"]?.value == .array([.string("x"), .integer(1), .array([.integer(2)])]))
        let outer = try #require(try root.table("outer"))
        let inner = try #require(try outer.table("inner"))
        #expect(inner.path == "outer.inner")
        #expect(inner.line == 7)
        #expect(inner.problem("k", "bad").description == "config:8: outer.inner.k: bad")
        let list = try #require(try root.tables("list"))
        #expect(list.map(\.path) == ["list[0]", "list[1]"])
        #expect(list.map(\.line) == [9, 11])
        #expect(list.map { $0.line(of: "n") } == [10, 12])
    }

    @Test func keysThatAreNotBareAreQuotedInPaths() throws {
        let root = try TOMLDocument.parse("[checks.\"odd.id\"]\nx = 1\n")
        let checks = try #require(try root.table("checks"))
        let odd = try #require(try checks.table("odd.id"))
        #expect(odd.path == #"checks."odd.id""#)
        #expect(odd.line == 1)
        #expect(odd.line(of: "x") == 2)
    }

    @Test func datesAreProblemsForEveryReader() {
        #expect {
            try TOMLDocument.parse("[rules]\nsince = 2024-01-01\nlist = [1979-05-27]\n", file: "rules.toml")
        } throws: { error in
            guard let problems = (error as? ConfigProblems)?.problems else { return false }
            return problems.map(\.key) == ["rules.since", "rules.list[0]"]
                && problems.map(\.line) == [2, 3]
                && problems.allSatisfy { $0.message.contains("found a date") && $0.file == "rules.toml" }
        }
    }

    @Test func syntaxErrorNamesFileAndLine() {
        #expect {
            try TOMLDocument.parse("a = 1\nb = \"open\n", file: "rules.toml")
        } throws: { error in
            guard let problem = (error as? ConfigProblems)?.problems.first else { return false }
            return problem.line == 2 && problem.file == "rules.toml" && problem.key == TOMLDocument.syntaxKey
                && problem.description.hasPrefix("rules.toml:2: (syntax): ")
        }
    }

    @Test func loadsAFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("rules.toml", "[[rules]]\nid = \"aws\"\n")
        let root = try TOMLDocument.load(path: path)
        #expect(try root.tables("rules")?.first?.string("id") == "aws")
        #expect(throws: ConfigProblems.self) { try TOMLDocument.load(path: folder.path) }
    }
}
