import Testing
import VigilGit
import VigilTestSupport

@testable import VigilCore

/// The checks on diffs as VigilGit reads them from a real repository, not only on hand-built values.
@Suite("CheckRunner on a real repository")
struct CheckRunnerRepositoryTests {
    @Test("an AI commit's diff from libgit2: renames, line numbers and suppressions line up")
    func realDiff() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("Initial", files: [
            "tests/test_orders.py": Self.tests(skipped: false),
            "package.json": "{\n  \"name\": \"shop\",\n  \"dependencies\": {\n    \"express\": \"^4.19.0\"\n  }\n}\n",
            "README.md": "Shop\n====\n",
        ])
        try fixture.git("mv", "tests/test_orders.py", "tests/test_order_totals.py")
        try fixture.write("tests/test_order_totals.py", Self.tests(skipped: true))
        try fixture.write("package.json", """
            {
              "name": "shop",
              "dependencies": {
                "express": "^4.19.0",
                "left-pad": "1.3.0"
              }
            }

            """)
        try fixture.write("db/migrations/0002.sql", "DROP TABLE legacy_orders; -- vigil:allow approved in CHG-12\n")
        let sha = try fixture.commit("Tidy tests\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")

        let repository = try Repository(path: fixture.path)
        let commit = try repository.commit(try #require(ObjectID(hex: sha)))
        let diff = try repository.diff(commit)
        let runner = try CheckRunner(config: VigilConfig(), repository: nil)
        let context = CheckContext(repository: fixture.path, commit: commit, diff: diff, verdict: Fixture.aiVerdict)
        let findings = runner.run(context)
        let summary = findings.map { "\($0.check) \($0.path ?? "-"):\($0.line ?? 0)" }
        #expect(summary == [
            "review-required db/migrations/0002.sql:0",
            "dependency-change package.json:5",
            "test-weakening tests/test_order_totals.py:4",
        ])
        let dependency = findings.first { $0.check == "dependency-change" }
        #expect(dependency?.title == "New dependency: left-pad 1.3.0 (package.json)")
    }

    /// A test module; `skipped` adds a skip marker and a print of the word "skip" to the first test.
    private static func tests(skipped: Bool) -> String {
        let first = skipped
            ? "@pytest.mark.skip(reason=\"flaky\")\ndef test_total():\n    print(\"skip this\")\n"
            : "def test_total():\n"
        return "import pytest\n\n\n" + first + "    assert total([1, 2]) == 3\n\n\n"
            + "def test_empty():\n    assert total([]) == 0\n\n\n"
            + "def test_negative():\n    assert total([-1, 1]) == 0\n\n\n"
            + "def test_large():\n    assert total([10**9, 1]) == 10**9 + 1\n"
    }
}
