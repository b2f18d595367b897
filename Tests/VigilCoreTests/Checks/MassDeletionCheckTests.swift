import Testing
import VigilGit

@testable import VigilCore

@Suite("mass-deletion")
struct MassDeletionCheckTests {
    @Test("more deleted lines than the limit raise one finding")
    func deletedLines() throws {
        let check = try Fixture.check(MassDeletionCheck.self)
        let file = Fixture.modified("src/orders.py", removed: Fixture.lines((0..<1500).map { "row \($0)" }))
        let findings = check.run(try Fixture.context([file]))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.check == "mass-deletion")
        #expect(finding.severity == .high)
        #expect(finding.title.contains("1500 lines removed"))
        #expect(finding.evidence.contains("src/orders.py (-1500)"))
    }

    @Test("many deleted files raise it; renames do not count as deletions")
    func deletedFiles() throws {
        let check = try Fixture.check(
            MassDeletionCheck.self, ["max_deleted_files": .integer(3), "min_directory_files": .integer(0)]
        )
        let deletions = (0..<4).map { Fixture.deleted("src/f\($0).swift", lineCount: 1) }
        #expect(check.run(try Fixture.context(deletions)).first?.title.contains("4 files deleted") == true)

        let renames = (0..<10).map { Fixture.renamed("old/f\($0).swift", "new/f\($0).swift") }
        #expect(check.run(try Fixture.context(renames)).isEmpty)
    }

    @Test("most of the files changed under one directory deleted: the directory is named")
    func mostlyDeletedDirectory() throws {
        let check = try Fixture.check(MassDeletionCheck.self, ["min_directory_files": .integer(5)])
        var files = (0..<6).map { Fixture.deleted("app/legacy/part\($0 % 2)/m\($0).rb", lineCount: 2) }
        files.append(Fixture.modified("app/legacy/README.md", added: Fixture.lines(["gone"])))
        let finding = try #require(check.run(try Fixture.context(files)).first)
        #expect(finding.path == "app/legacy")
        #expect(finding.title.contains("6 of 7 changed files under app/legacy/ deleted"))
    }

    @Test("an ordinary refactor stays quiet")
    func quietRefactor() throws {
        let check = try Fixture.check(MassDeletionCheck.self)
        var files = (0..<30).map {
            Fixture.modified(
                "src/m\($0).swift", added: Fixture.lines(["new"]), removed: Fixture.lines(["old", "older"])
            )
        }
        files.append(Fixture.deleted("src/unused.swift", lineCount: 40))
        #expect(check.run(try Fixture.context(files)).isEmpty)
    }

    @Test("a 100,000-line deletion is handled within a time limit", .timeLimit(.minutes(1)))
    func hugeDeletion() throws {
        let check = try Fixture.check(MassDeletionCheck.self)
        let removed = (0..<100_000).map { DiffLine(number: $0 + 1, text: "INSERT INTO orders VALUES (\($0));") }
        let file = FileChange(status: .deleted, oldPath: "db/seed.sql", newPath: "db/seed.sql", removedLines: removed)
        let findings = check.run(try Fixture.context([file]))
        #expect(findings.first?.title.contains("100000 lines removed") == true)
    }

    @Test("limits are validated with key and line; 0 turns a rule off")
    func options() throws {
        let problems = Fixture.problems(
            MassDeletionCheck.self,
            [
                "max_deleted_lines": .string("lots"), "max_deleted_fraction": .float(1.5),
                "max_deleted_filez": .integer(3),
            ]
        )
        #expect(problems.map(\.key).sorted() == [
            "checks.mass-deletion.max_deleted_filez", "checks.mass-deletion.max_deleted_fraction",
            "checks.mass-deletion.max_deleted_lines",
        ])
        #expect(problems.first { $0.key.hasSuffix("max_deleted_lines") }?.line == 11)
        #expect(problems.first { $0.key.hasSuffix("filez") }?.message.contains("unknown key") == true)

        let off = try Fixture.check(MassDeletionCheck.self, ["max_deleted_lines": .integer(0)])
        let file = Fixture.modified("big.txt", removed: Fixture.lines((0..<5000).map { "\($0)" }))
        #expect(off.run(try Fixture.context([file])).isEmpty)
    }
}
