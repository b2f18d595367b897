import Testing
import VigilGit

@testable import VigilCore

/// Repository content is attacker-controlled: every check must survive anything a diff can hold,
/// in reasonable time, on a runner with every check switched on. Time is bounded by the test's time
/// limit rather than measured: a shared runner's clock says more about its neighbours than the code.
@Suite("hostile input", .timeLimit(.minutes(1)))
struct ChecksHostileInputTests {
    private func runAll(
        _ files: [FileChange], trailers: [Trailer] = []
    ) throws -> [Finding] {
        let runner = try CheckRunner(config: VigilConfig(), repository: nil, scope: .all)
        let context = try Fixture.context(files, trailers: trailers)
        return runner.run(context)
    }

    @Test("megabyte lines in every kind of file")
    func hugeLines() throws {
        let huge = String(repeating: "\"a\": \"^1\", [x] = '", count: 60_000)
        let paths = [
            "package.json", "pyproject.toml", "Cargo.toml", "go.mod", "Package.swift", "pom.xml", "Gemfile",
            "requirements.txt", "build.gradle", "tests/test_a.py", "web/a.test.js", "src/main.rs", "README.md",
        ]
        let files = paths.map { Fixture.added($0, [huge, "<<<<<<< " + huge, huge + " verify=False"]) }
        _ = try runAll(files)
    }

    @Test("control characters, NULs, invalid UTF-8 replacements and unbalanced quotes")
    func controlCharacters() throws {
        let nasty = [
            "\u{0}\u{1}\u{1B}[31mred\u{7}", "\u{FFFD}\u{FFFD}\"unterminated", "'''", "\"\"\"", "/* never closed",
            "`", "=begin", "<<<<<<<", "=======", ">>>>>>>", "\t\r", "", "[[", "[", "{", "}", "]", ")", "(",
            ".package(", ".package(url: \"", "gem \"", "require (", "<dependency>", "<artifactId>",
            "\u{202E}gnp.exe", String(repeating: "\u{301}", count: 10_000), "rm -rf \u{0}/",
        ]
        let paths = [
            "package.json", "pyproject.toml", "Pipfile", "Cargo.toml", "go.mod", "Package.swift", "pom.xml",
            "x.gemspec", "requirements.txt", "build.gradle.kts", "gradle/libs.versions.toml", "Tests/ATests.swift",
            "spec/a_spec.rb", "pkg/a_test.go", "src/test/java/ATest.java", "src/lib.rs", "\u{1B}[2J/evil\u{0}.py",
        ]
        let files = paths.map {
            Fixture.modified($0, added: Fixture.lines(nasty), removed: Fixture.lines(nasty.reversed()))
        }
        _ = try runAll(files, trailers: [Trailer(key: "Reviewed-by", value: "\u{0}<\u{1B}>")])
    }

    @Test("a 100,000-line deletion across many files, with everything switched on")
    func hugeDeletion() throws {
        let files = (0..<100).map { index in
            FileChange(
                status: .deleted, oldPath: "tests/unit/test_\(index).py", newPath: "tests/unit/test_\(index).py",
                newMode: .absent,
                removedLines: (0..<1000).map { DiffLine(number: $0 + 1, text: "    assert compute(\($0)) == \($0)") }
            )
        }
        let findings = try runAll(files)
        #expect(findings.contains { $0.check == "mass-deletion" })
        // A hundred deleted test files are summed up in one finding (max_findings_per_commit).
        let weakening = findings.filter { $0.check == "test-weakening" }
        #expect(weakening.count == 1)
        #expect(weakening.first?.title.contains("100") == true)
    }

    @Test("paths of extreme depth and length")
    func extremePaths() throws {
        let deep = Array(repeating: "d", count: 2000).joined(separator: "/") + "/migrations/x.sql"
        let long = String(repeating: "n", count: 100_000) + ".tf"
        let findings = try runAll([Fixture.added(deep, ["DROP TABLE x;"]), Fixture.added(long, ["x"])])
        // Both paths are protected; on an AI commit review-required reports them in one finding.
        #expect(findings.filter { $0.check == "review-required" }.count == 1)
        #expect(findings.filter { $0.check == "protected-path" }.isEmpty)
    }
}
