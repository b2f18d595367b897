import Testing
import VigilGit

@testable import VigilCore

/// A skip on a test the commit adds to an existing file weakens nothing; a skip put on a test that
/// was there before, or on a test renamed in the same commit, still does.
@Suite struct NewTestSkipTests {
    private func titles(_ path: String, added: [DiffLine], removed: [DiffLine] = []) throws -> [String] {
        let file = Fixture.modified(path, added: added, removed: removed)
        return try Fixture.check(TestWeakeningCheck.self).run(try Fixture.context([file])).map(\.title)
    }

    @Test func anIgnoredBenchmarkAddedToAnExistingFileIsQuiet() throws {
        let rust = Fixture.lines([
            "/// Run with: cargo test benchmark_blame -- --ignored", "#[test]", "#[ignore]",
            "fn benchmark_blame_vs_diff() {", "    let n = 10;", "}",
        ], from: 190)
        #expect(try titles("tests/integration/rebase_benchmark.rs", added: rust).isEmpty)
        let python = Fixture.lines(["@pytest.mark.skip(reason=\"slow\")", "def test_new_export():", "    assert 1"], from: 40)
        #expect(try titles("tests/test_export.py", added: python).isEmpty)
        let java = Fixture.lines(["    @Disabled(\"JIRA-12\")", "    @Test", "    void exportsCsv() {", "    }"], from: 30)
        #expect(try titles("src/test/java/ExportTest.java", added: java).isEmpty)
        let go = Fixture.lines(["func TestNewExport(t *testing.T) {", "\tt.Skip(\"later\")", "}"], from: 80)
        #expect(try titles("export/export_test.go", added: go).isEmpty)
        let js = Fixture.lines(["  it.skip('exports csv', () => {", "    expect(1).toBe(1)", "  })"], from: 12)
        #expect(try titles("web/export.test.ts", added: js).isEmpty)
    }

    // MARK: - Near misses

    @Test func aSkipOnAnExistingTestStillAlerts() throws {
        // The declaration is context (line 191 is not added): the test ran before.
        let attribute = [DiffLine(number: 190, text: "#[ignore]")]
        #expect(try titles("tests/integration/auth.rs", added: attribute).count == 1)
        // A skip inside an existing Go test, even after an added helper line of the same depth.
        let go = Fixture.lines(["\thelper := func() {}", "\t_ = helper", "\tt.Skip(\"later\")"], from: 81)
        #expect(try titles("auth/auth_test.go", added: go).count == 1)
        // A nested def above a body-style skip does not enclose it.
        let python = Fixture.lines(["    def _unused():", "        pass", "    pytest.skip(\"later\")"], from: 51)
        #expect(try titles("tests/test_auth.py", added: python).count == 1)
        // it(...) turned into it.skip(...): the old declaration is removed.
        #expect(try titles(
            "web/auth.test.ts",
            added: [DiffLine(number: 12, text: "  it.skip('logs in', () => {")],
            removed: [DiffLine(number: 12, text: "  it('logs in', () => {")]
        ).count == 1)
    }

    @Test func aRefactorThatRemovesHelpersAndAddsAnIgnoredBenchmarkIsQuiet() throws {
        let added = Fixture.lines(["    #[test]", "    #[ignore]", "    fn diff_based_transfer_benchmark() {", "    }"], from: 470)
        let removed = Fixture.lines(["    fn char_level_transform(a: &str) -> String {", "    }"], from: 300)
        #expect(try titles("src/authorship/rebase_authorship.rs", added: added, removed: removed).isEmpty)
    }

    @Test func aTestMarkedByItsAttributeAndRemovedStillCounts() throws {
        let added = Fixture.lines(["    #[ignore]", "    fn login_works_again() {", "    }"], from: 20)
        let removed = Fixture.lines(["    #[test]", "    fn login_works() {", "    }"], from: 20)
        #expect(try titles("src/auth.rs", added: added, removed: removed).count == 1)
    }

    @Test func aTestRenamedWhileSkippedStillAlerts() throws {
        let added = Fixture.lines(["#[ignore]", "fn test_login_v2() {", "    assert!(login());", "}"], from: 10)
        let removed = Fixture.lines(["fn test_login() {", "    assert!(login());", "}"], from: 10)
        #expect(try titles("tests/auth.rs", added: added, removed: removed).count == 1)
    }
}
