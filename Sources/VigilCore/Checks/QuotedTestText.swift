import VigilGit

/// Reads a match in a test file as test data when it is one. A shell-safety test has `rm -rf /`
/// as its input (`expect(isSafe("rm -rf /")).toBe(false)`) and a fixture has a placeholder
/// password: text inside a string literal (or a comment) of a test file, which nothing runs.
/// `risky-pattern` and the generic secret rules report such a match as `info`.
///
/// A test that runs the text is not data: when the line, or the added line before it, passes text
/// to a shell or a process (`subprocess`, `os.system`, `exec…`, `spawn…`, `child_process`,
/// `system(`, `Command::new`, `ProcessBuilder`, `shell=True`, `%x(`, `$(…)`), or the match is in
/// the code itself (Ruby's backticks are code here), it is reported at its normal severity.
///
/// Test files are those the default `test-weakening` globs name, in a language Vigil can read
/// (`TestLanguage`); in any other file nothing changes. Each line is read on its own, so a match
/// on an inner line of a multi-line string counts as code: the safe side.
struct QuotedTestText: Sendable {
    /// The test file globs (`TestWeakeningCheck.defaultTestPaths`).
    private let testPaths: GlobSet

    /// Calls that run text as a command, over a line's code (strings emptied, comments dropped).
    static let runsCommand = try? Regex(
        #"\b(?:subprocess|child_process|os\.(?:system|popen|exec\w*|spawn\w*)|Runtime\.getRuntime|ProcessBuilder"#
            + #"|shell_exec|passthru|proc_open|Open3)\b|\b(?:exec\w*|spawn\w*|system|popen|check_output|check_call"#
            + #"|run_command|sh|bash)\s*[(!]|\bCommand(?:::new|\s*\()|\bProcess\s*\(|\bshell\s*[=:]\s*(?:True|true)"#
            + #"|%x[({\[|]"#
    )

    init() {
        var globs: [Glob] = []
        for pattern in TestWeakeningCheck.defaultTestPaths {
            if let glob = try? Glob(pattern) { globs.append(glob) }
        }
        testPaths = GlobSet(globs)
    }

    /// The language of `path` when it is a test file Vigil can read; `nil` otherwise.
    func language(ofTestFile path: String) -> TestLanguage? {
        guard let language = TestLanguage(path: path), testPaths.matches(path) else { return nil }
        return language
    }

    /// True when `match` occurs on `line` only inside string literals or comments, and neither
    /// `line` nor `previous` (the added line just before it, if any) runs a command.
    func isData(_ match: String, line: String, previous: String?, language: TestLanguage) -> Bool {
        guard !match.isEmpty, line.utf8.count <= TestWeakeningCheck.maximumLineBytes else { return false }
        let code = Self.code(of: line, language: language)
        if code.contains(match) || line.contains("$(") { return false }
        if Self.runsCommand?.matches(code) == true { return false }
        if let previous, Self.runsCommand?.matches(Self.code(of: previous, language: language)) == true {
            return false
        }
        return true
    }

    private static func code(of text: String, language: TestLanguage) -> String {
        var stripper = CodeStripper(language.syntax, limit: TestWeakeningCheck.maximumLineBytes)
        return stripper.code(DiffLine(number: 1, text: text))
    }
}
