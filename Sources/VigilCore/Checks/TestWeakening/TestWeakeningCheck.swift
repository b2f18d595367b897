import VigilGit

/// `test-weakening`: a commit that makes the tests say less — the quiet way to get a change past
/// CI. Three things raise it, all in test files of a language it knows (Swift, Python,
/// JavaScript/TypeScript, Go, Java/Kotlin/Groovy/Scala, Ruby, Rust):
///
/// - a deleted test file (a rename is not a deletion; nor is a deleted fixture or data file);
/// - assertions removed: more assertion lines removed than added in one file, by at least
///   `min_removed_assertions` (default 1; 0 turns this off), so rewriting an assertion is quiet;
/// - an added skip, focus or disable marker: `XCTSkip`, `@Test(.disabled …)`, `@pytest.mark.skip`,
///   `@unittest.skip`, `pytest.skip(`, `it.skip`, `describe.only`, `xit`, `test.todo`, `t.Skip(`,
///   `@Disabled`, `@Ignore`, Ruby's `skip`/`pending`/`xit`, Rust's `#[ignore]`. Only code counts:
///   markers inside string literals and comments are ignored (`print("skip this")` is no marker).
///   A guard skip (a platform, environment or missing-tool condition, `GuardSkip`) is not
///   weakening, nor is a skip in a test file the same commit adds, or on a test it adds to an
///   existing file (`NewTestSkip`), since it weakens no test that ran before; a focus marker
///   (`.only`) is reported anywhere, as it skips every other test.
///
/// Test files are those under `test_paths` (globs, replacing the defaults) and `extra_test_paths`.
/// Rust's `#[ignore]` is looked for in every `.rs` file, as Rust unit tests live beside the code.
/// Files under `vendored_paths` (default `**/vendor/**`, `**/third_party/**`, `**/node_modules/**`)
/// are not read: a vendored library's tests are not the project's, and removing or updating a
/// vendored crate deleted dozens of them per commit. Above `max_findings_per_commit` (default 10)
/// findings in one commit, one summary finding reports them.
public struct TestWeakeningCheck: ConfigurableCheck {
    public static let checkID = "test-weakening"
    public static let defaultSeverity = Severity.medium
    public static let optionKeys: Set<String> = [
        "test_paths", "extra_test_paths", "min_removed_assertions", "vendored_paths",
    ]
    public static let defaultMaxFindingsPerCommit: Int? = 10

    /// Where tests live by the conventions of the languages this check knows.
    public static let defaultTestPaths = [
        "**/test/**", "**/tests/**", "**/__tests__/**", "**/spec/**", "**/Tests/**",
        "*_test.go", "test_*.py", "*_test.py", "conftest.py", "*.test.*", "*.spec.*",
        "*Test.swift", "*Tests.swift", "*Test.java", "*Tests.java", "*IT.java", "*Test.kt", "*Tests.kt",
        "*_spec.rb", "*_test.rb",
    ]

    /// Test code is written by hand; of a longer line (generated or hostile) only this much is read.
    static let maximumLineBytes = 16 * 1024

    public var id: String { Self.checkID }
    /// The test file globs in force.
    public let testPaths: GlobSet
    /// Net assertions a file may lose before it is reported; 0 turns that off.
    public let minRemovedAssertions: Int
    /// Vendored trees whose tests are not read.
    public let vendoredPaths: GlobSet

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        testPaths = reader.globs("test_paths", extra: "extra_test_paths", default: Self.defaultTestPaths)
        minRemovedAssertions = reader.integer("min_removed_assertions", default: 1, range: 0...Int.max)
        vendoredPaths = reader.globs("vendored_paths", default: VendoredTrees.defaultGlobs)
        try reader.finish()
    }

    public func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        // Lines come only from text sides, so a binary or oversized side simply has none here.
        for file in context.diff.files {
            // A test renamed out of the test paths (into `docs/`, a vendored tree, a name the
            // runner does not pick up) stops running just as a deleted one does.
            let leavesTheTests = switch file.status {
            case .deleted: isProjectTest(file.oldPath)
            case .renamed: isProjectTest(file.oldPath) && !isProjectTest(file.newPath)
            default: false
            }
            if leavesTheTests {
                findings.append(deletedFile(file))
                continue
            }
            if file.status == .deleted || vendoredPaths.matches(file.newPath) { continue }
            guard let language = TestLanguage(path: file.newPath) else { continue }
            let isTest = testPaths.matches(file.newPath)
            if isTest || language.markersAreTestOnly {
                findings += markers(in: file, language: language)
            }
            if isTest, minRemovedAssertions > 0, let finding = removedAssertions(in: file, language: language) {
                findings.append(finding)
            }
        }
        return findings
    }

    /// A test file of this project: a known test language, under the test paths, not vendored.
    private func isProjectTest(_ path: String) -> Bool {
        TestLanguage(path: path) != nil && testPaths.matches(path) && !vendoredPaths.matches(path)
    }

    // MARK: - Findings

    private func deletedFile(_ file: FileChange) -> Finding {
        if file.status == .renamed {
            return Finding(
                check: id, severity: Self.defaultSeverity, title: "Test file moved out of the tests: \(file.oldPath)",
                path: file.oldPath, evidence: "now \(file.newPath), which is not read as a test"
            )
        }
        return Finding(
            check: id, severity: Self.defaultSeverity, title: "Test file deleted: \(file.oldPath)", path: file.oldPath,
            evidence: "\(file.removedLineCount) lines removed with the file"
        )
    }

    private func markers(in file: FileChange, language: TestLanguage) -> [Finding] {
        guard let marker = language.patterns.marker else { return [] }
        var stripper = CodeStripper(language.syntax, limit: Self.maximumLineBytes)
        var findings: [Finding] = []
        var previous: DiffLine?
        // Built on the first marker that needs it: most test files changed have none.
        var newTests: NewTestSkip?
        for line in file.addedLines {
            defer { previous = line }
            let code = stripper.code(line)
            guard let match = marker.firstMatch(in: code) else { continue }
            let name = match.text.trimmingASCIIWhitespace()
            if !GuardSkip.isFocus(name) {
                if file.status == .added { continue }
                let before = previous.flatMap { $0.number == line.number - 1 ? $0.text : nil }
                if GuardSkip.isGuard(marker: name, line: line.text, previous: before) { continue }
                if newTests == nil { newTests = NewTestSkip(file) }
                if newTests?.isOnNewTest(markerLine: line.number) == true { continue }
            }
            findings.append(
                Finding(
                    check: id, severity: Self.defaultSeverity,
                    title: "Test disabled in \(file.newPath): \(LineText.evidence(name))", path: file.newPath,
                    line: line.number, evidence: LineText.evidence(line.text), matchHash: SHA256Hex.digest(name)
                )
            )
        }
        return findings
    }

    private func removedAssertions(in file: FileChange, language: TestLanguage) -> Finding? {
        guard let assertion = language.patterns.assertion, !file.removedLines.isEmpty else { return nil }
        var removedStripper = CodeStripper(language.syntax, limit: Self.maximumLineBytes)
        let removed = file.removedLines.filter { assertion.matches(removedStripper.code($0)) }
        guard removed.count >= minRemovedAssertions else { return nil }
        var addedStripper = CodeStripper(language.syntax, limit: Self.maximumLineBytes)
        let added = file.addedLines.reduce(0) { $0 + (assertion.matches(addedStripper.code($1)) ? 1 : 0) }
        let lost = removed.count - added
        guard lost >= minRemovedAssertions else { return nil }
        let examples = removed.prefix(3).map { "-\($0.number): \(LineText.evidence($0.text))" }
        // No `line`: alert lines are numbered in the new file, and removed lines have no number
        // there (the evidence names their old numbers). That also keeps an unrelated added line's
        // `vigil:allow` from waiving it.
        return Finding(
            check: id, severity: Self.defaultSeverity,
            title: "\(lost) assertion\(lost == 1 ? "" : "s") removed from \(file.newPath)", path: file.newPath,
            line: nil,
            evidence: "\(removed.count) removed, \(added) added; " + examples.joined(separator: " | "),
            matchHash: SHA256Hex.digest("assertions-removed")
        )
    }
}
