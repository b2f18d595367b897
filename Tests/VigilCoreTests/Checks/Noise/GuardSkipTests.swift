import Testing
import VigilGit

@testable import VigilCore

/// A skip that guards a test (platform, missing tool, a new test file) does not weaken one; a skip
/// added to an existing, previously running test still does.
@Suite struct GuardSkipTests {
    /// `removed`: the lines the added ones replace, such as `it('adds'` before it became `it.skip('adds'`.
    private func findings(_ path: String, _ lines: [String], added: Bool = false, removed: [String] = []) throws
        -> [Finding]
    {
        let file = added
            ? Fixture.added(path, lines)
            : Fixture.modified(path, added: Fixture.lines(lines, from: 20), removed: Fixture.lines(removed, from: 20))
        return try Fixture.check(TestWeakeningCheck.self).run(try Fixture.context([file]))
    }

    @Test func guardSkipsInExistingTestsAreQuiet() throws {
        let cases: [(String, [String])] = [
            ("llm/ollama_test.go", ["\tt.Skip(\"ollama is not installed\")"]),
            ("llm/ollama_test.go", ["\tif _, err := exec.LookPath(\"ollama\"); err != nil {", "\t\tt.Skip(\"skipping\")"]),
            ("llm/ollama_test.go", ["\tif testing.Short() { t.Skip(\"slow\") }"]),
            ("web/src/path.test.ts", ["it.skipIf(os.platform() === 'win32')('uses posix paths', () => {"]),
            ("tests/test_paths.py", ["@pytest.mark.skipif(sys.platform == \"win32\", reason=\"posix only\")"]),
            ("src/fs.rs", ["#[cfg_attr(windows, ignore)]"]),
            ("src/fs.rs", ["#[cfg_attr(not(target_os = \"linux\"), ignore)]"]),
        ]
        for (path, lines) in cases {
            #expect(try findings(path, lines).isEmpty, "\(path): \(lines)")
        }
    }

    @Test func anySkipInATestFileTheCommitAddsIsQuiet() throws {
        #expect(try findings("web/src/cart.test.ts", ["it.skip('adds an item', () => {"], added: true).isEmpty)
        #expect(try findings("pkg/orders/orders_test.go", ["\tt.Skip(\"flaky\")"], added: true).isEmpty)
    }

    // MARK: - Near misses

    @Test func aPlainSkipAddedToAnExistingTestStillAlerts() throws {
        let cases: [(String, [String])] = [
            ("pkg/orders/orders_test.go", ["\tt.Skip(\"flaky\")"]),
            ("pkg/orders/orders_test.go", ["\tif true {", "\t\tt.Skip(\"later\")"]),
            ("tests/test_orders.py", ["@pytest.mark.skip(reason=\"needs a fix\")"]),
            ("tests/test_orders.py", ["@pytest.mark.skip(reason=\"requires a fix upstream\")"]),
            ("src/orders.rs", ["#[ignore]"]),
            ("src/orders.rs", ["#[cfg_attr(feature = \"slow\", ignore)]"]),
        ]
        for (path, lines) in cases {
            #expect(try findings(path, lines).count == 1, "\(path): \(lines)")
        }
        let skipped = try findings(
            "web/src/cart.test.ts", ["it.skip('adds an item', () => {"], removed: ["it('adds an item', () => {"])
        #expect(skipped.count == 1)
    }

    @Test func aFocusMarkerAlertsEvenInANewFile() throws {
        #expect(try findings("web/src/cart.test.ts", ["describe.only('cart', () => {"], added: true).count == 1)
        #expect(try findings("web/src/cart.test.ts", ["fit('adds', () => {"], added: true).count == 1)
    }

    @Test func aPlatformWordInsideTheReasonAloneIsNoCondition() throws {
        #expect(try findings("pkg/orders/orders_test.go", ["\tt.Skip(\"broken on windows\")"]).count == 1)
    }
}

@Suite struct GuardSkipPatternTests {
    @Test func patternsCompile() {
        #expect(GuardSkip.condition != nil)
        #expect(GuardSkip.reason != nil)
        #expect(GuardSkip.focus != nil)
    }
}
