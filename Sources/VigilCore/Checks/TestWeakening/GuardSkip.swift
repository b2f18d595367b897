/// Tells a skip that guards a test from one that switches it off.
///
/// A guard skip runs the test wherever it can run and skips it only where it cannot: on another
/// platform (`it.skipIf(os.platform() === 'win32')`, `@pytest.mark.skipif(sys.platform …)`,
/// `#[cfg_attr(windows, ignore)]`), without a tool or service it needs (`t.Skip("ollama is not
/// installed")` after `exec.LookPath`), in short mode, or without an environment variable. Such a
/// skip does not make an existing test say less. A skip with no such condition or reason
/// (`t.Skip("flaky")`, `@pytest.mark.skip`, `#[ignore]`) still does.
///
/// Focus markers (`.only`, `fit`, `fdescribe`) are never guards: they skip every other test.
enum GuardSkip {
    /// Conditions on the platform or environment, looked for in the marker's line and the added
    /// line before it (the `if` that encloses a `t.Skip`).
    static let condition = try? Regex(
        #"\b(?:sys\.platform|platform\.(?:system|machine)\s*\(|os\.platform\s*\(|process\.platform"#
            + #"|process\.env\b|runtime\.(?:GOOS|GOARCH)|os\.name\b|os\.arch\s*\(|System\.getProperty\s*\(\s*"os\."#
            + #"|SystemUtils\.IS_OS|OS\.(?:WINDOWS|LINUX|MAC)|(?:Enabled|Disabled)(?:On(?:Os|Jre)|If(?:Environment"#
            + #"|System)\w*)|testing\.Short\s*\(|exec\.LookPath|shutil\.which|importorskip|os\.(?:Getenv|LookupEnv)"#
            + #"|os\.environ|ENV\[|Gem\.win_platform|RUBY_PLATFORM|cfg_attr\s*\(\s*(?:(?:not|any|all)\s*\(\s*)*"#
            + #"(?:windows|unix|target_os|target_arch|target_family|target_env|miri)\b|#available\b|#if\s+os\()"#
    )

    /// Reasons that name something missing where the test runs, looked for in the marker's line.
    static let reason = try? Regex(
        #"\b(?:not installed|isn't installed|is not installed|not available|unavailable|not supported|unsupported"#
            + #"|not found|not set|not configured|only (?:on|runs on|works on|supported on|available on)"#
            + #"|requires? (?!(?:a )?fix)\w+|no \w+ (?:available|installed|found|running))\b"#,
        caseInsensitive: true
    )

    static let focus = try? Regex(#"\.only\b|^f(?:it|describe|context)\b"#)

    /// True when the marker found on `line` (with `previous`, the added line just before it, if
    /// any) only guards the test.
    static func isGuard(marker: String, line: String, previous: String?) -> Bool {
        if isFocus(marker) { return false }
        if condition?.matches(line) == true || reason?.matches(line) == true { return true }
        return previous.map { condition?.matches($0) == true } ?? false
    }

    /// True when the marker focuses tests (`.only`, `fit`), skipping every other one.
    static func isFocus(_ marker: String) -> Bool {
        focus?.matches(marker) ?? false
    }
}
