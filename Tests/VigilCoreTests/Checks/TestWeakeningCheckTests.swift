import Testing
import VigilGit

@testable import VigilCore

@Suite("test-weakening")
struct TestWeakeningCheckTests {
    private func run(_ files: [FileChange]) throws -> [Finding] {
        try Fixture.check(TestWeakeningCheck.self).run(try Fixture.context(files))
    }

    /// The titles for `lines` put on an existing test: the commit also changes that test's
    /// declaration (as `it('x'` → `it.skip('x'` does), so no marker here can belong to a new test.
    private func markers(_ path: String, _ lines: [String]) throws -> [String] {
        let original = Fixture.lines(["func testExisting() {"])
        return try run([Fixture.modified(path, added: Fixture.lines(lines), removed: original)]).map(\.title)
    }

    @Test("a deleted test file is flagged; a renamed one is not")
    func deletedVersusRenamed() throws {
        let deleted = try run([Fixture.deleted("tests/test_billing.py", lineCount: 80)])
        #expect(deleted.map(\.title) == ["Test file deleted: tests/test_billing.py"])
        #expect(try run([Fixture.renamed("tests/test_billing.py", "tests/billing/test_invoice.py")]).isEmpty)
        #expect(try run([Fixture.deleted("tests/fixtures/orders.json")]).isEmpty, "fixtures are not tests")
        #expect(try run([Fixture.deleted("src/billing.py")]).isEmpty)
    }

    @Test("a test renamed out of the test paths stops running, as a deleted one does")
    func renamedOutOfTheTests() throws {
        let cases = [
            ("tests/test_auth.py", "docs/old/test_auth.py.txt"),
            ("pkg/auth/auth_test.go", "pkg/auth/auth_test.go.disabled"),
            ("tests/test_auth.py", "vendor/legacy/tests/test_auth.py"),
        ]
        for (from, to) in cases {
            let findings = try run([Fixture.renamed(from, to)])
            #expect(findings.map(\.title) == ["Test file moved out of the tests: \(from)"], "\(from) → \(to)")
            #expect(findings.first?.evidence.contains(to) == true)
        }
        // Near miss: a move between test folders keeps the test running.
        #expect(try run([Fixture.renamed("tests/test_auth.py", "tests/auth/test_login.py")]).isEmpty)
    }

    @Test("a vendored library's tests are not the project's")
    func vendoredTestsAreNotRead() throws {
        let vendored = [
            Fixture.deleted("vendor/thiserror/tests/test_source.rs"),
            Fixture.deleted("third_party/zlib/test/example_test.go"),
            Fixture.deleted("web/node_modules/lodash/test/test.js"),
            Fixture.modified("vendor/thiserror/tests/ui.rs", added: Fixture.lines(["#[ignore]"])),
        ]
        #expect(try run(vendored).isEmpty)
        // Near miss: the project's own tests beside a vendor folder still count.
        let own = try run([Fixture.deleted("tests/vendor_sync_test.go"), Fixture.deleted("src/vendoring/tests/a.rs")])
        #expect(own.count == 2)
        // The setting replaces the list.
        let check = try Fixture.check(TestWeakeningCheck.self, ["vendored_paths": Fixture.strings([])])
        #expect(check.run(try Fixture.context([Fixture.deleted("vendor/x/tests/a_test.go")])).count == 1)
    }

    @Test("skip markers per language are found in test files")
    func markersPerLanguage() throws {
        let cases: [(String, String)] = [
            ("Tests/AppTests/OrderTests.swift", "        throw XCTSkip(\"flaky on CI\")"),
            ("Tests/AppTests/OrderTests.swift", "    @Test(.disabled(\"until the API is back\")) func refunds() {}"),
            ("tests/test_orders.py", "@pytest.mark.skip(reason=\"slow\")"),
            ("tests/test_orders.py", "@unittest.skip(\"broken\")"),
            ("tests/test_orders.py", "    pytest.skip(\"no network\")"),
            ("web/src/cart.test.ts", "it.skip('adds an item', () => {"),
            ("web/src/cart.spec.js", "describe.only('cart', () => {"),
            ("web/src/cart.test.js", "xit('removes an item', () => {"),
            ("web/src/cart.test.js", "test.todo('discounts')"),
            ("pkg/orders/orders_test.go", "\tt.Skip(\"flaky\")"),
            ("src/test/java/OrderTest.java", "    @Disabled(\"JIRA-12\")"),
            ("src/test/kotlin/OrderTest.kt", "    @Ignore"),
            ("spec/models/order_spec.rb", "    skip \"pending refactor\""),
            ("spec/models/order_spec.rb", "  xit \"charges tax\" do"),
            ("spec/models/order_spec.rb", "    pending"),
            ("tests/integration.rs", "#[ignore]"),
            ("src/lib.rs", "    #[ignore = \"slow\"]"),
        ]
        for (path, line) in cases {
            let titles = try markers(path, [line])
            #expect(titles.count == 1, "\(path): \(line)")
            #expect(titles.first?.hasPrefix("Test disabled in \(path): ") == true)
        }
    }

    @Test("a marker inside a string literal or a comment is not a marker")
    func markersInTextAreIgnored() throws {
        #expect(try markers("tests/test_cli.py", ["    print(\"skip this\")", "    msg = '@pytest.mark.skip'"]).isEmpty)
        let docstring = ["    # pytest.skip(\"later\")", "    \"\"\"", "    @unittest.skip", "    \"\"\""]
        #expect(try markers("tests/test_cli.py", docstring).isEmpty)
        #expect(try markers("web/a.test.js", ["  // it.skip('x')", "  const s = \"it.skip(\";", "  /* xit( */"])
            .isEmpty)
        #expect(try markers("web/a.test.js", ["  const t = `", "  it.only(", "  `;"]).isEmpty)
        #expect(try markers("Tests/ATests.swift", ["    let text = \"XCTSkip\" // XCTSkip"]).isEmpty)
        #expect(try markers("pkg/a_test.go", ["\tfmt.Println(\"t.Skip(\")"]).isEmpty)
        #expect(try markers("spec/a_spec.rb", ["  puts \"skip\"", "=begin", "skip", "=end"]).isEmpty)
        #expect(try markers("src/test/java/ATest.java", ["    String s = \"@Disabled\";"]).isEmpty)
    }

    @Test("markers outside test files are not reported (except Rust's test-only #[ignore])")
    func onlyInTestFiles() throws {
        #expect(try markers("src/cart.js", ["it.skip('x', () => {})"]).isEmpty)
        #expect(try markers("app/scheduler.py", ["@pytest.mark.skip"]).isEmpty)
        #expect(try markers("spec/models/order_spec.rb", ["  skip_weekends = true", "  skip: false"]).isEmpty)
    }

    @Test("removed assertions are counted against added ones")
    func removedAssertions() throws {
        let removed = Fixture.lines([
            "    XCTAssertEqual(total, 42)", "    XCTAssertTrue(order.isPaid)", "    let x = 1", "    #expect(x == 1)",
        ], from: 30)
        let weakened = try run([Fixture.modified("Tests/AppTests/OrderTests.swift", removed: removed)])
        let finding = try #require(weakened.first)
        #expect(finding.title == "3 assertions removed from Tests/AppTests/OrderTests.swift")
        #expect(finding.line == nil, "removed lines have no number in the new file")
        #expect(finding.evidence.contains("-30: XCTAssertEqual(total, 42)"))

        let rewritten = Fixture.modified(
            "tests/test_orders.py",
            added: Fixture.lines(["    assert total == 43"]), removed: Fixture.lines(["    assert total == 42"])
        )
        #expect(try run([rewritten]).isEmpty, "an assertion rewritten is not an assertion lost")

        let goRemoved = Fixture.modified(
            "pkg/a_test.go", removed: Fixture.lines(["\tif err != nil { t.Fatalf(\"%v\", err) }"])
        )
        #expect(try run([goRemoved]).count == 1)
        let goNoise = Fixture.modified("pkg/a_test.go", removed: Fixture.lines(["\tmsg := err.Error()"]))
        #expect(try run([goNoise]).isEmpty)
        let jsRemoved = Fixture.modified("web/a.test.ts", removed: Fixture.lines(["  expect(sum(1, 2)).toBe(3);"]))
        #expect(try run([jsRemoved]).count == 1)
        let commented = Fixture.modified("web/a.test.ts", removed: Fixture.lines(["  // expect(sum(1, 2)).toBe(3);"]))
        #expect(try run([commented]).isEmpty, "a commented-out assertion removed weakens nothing")
    }

    @Test("options: test paths and the assertion threshold")
    func options() throws {
        let check = try Fixture.check(
            TestWeakeningCheck.self,
            ["extra_test_paths": Fixture.strings(["qa/**"]), "min_removed_assertions": .integer(2)]
        )
        let marker = Fixture.modified("qa/smoke.py", added: Fixture.lines(["@pytest.mark.skip"]))
        #expect(check.run(try Fixture.context([marker])).count == 1)
        let one = Fixture.modified("tests/test_a.py", removed: Fixture.lines(["    assert a"]))
        #expect(check.run(try Fixture.context([one])).isEmpty)
        let problems = Fixture.problems(TestWeakeningCheck.self, ["min_removed_assertions": .integer(-1)])
        #expect(problems.first?.key == "checks.test-weakening.min_removed_assertions")
    }

    @Test("the built-in language patterns all compile")
    func patternsCompile() {
        for language in TestLanguage.allCases {
            #expect(language.patterns.assertion != nil, "\(language) assertion pattern")
            #expect(language.patterns.marker != nil, "\(language) marker pattern")
        }
    }
}
