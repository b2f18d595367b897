/// Refuses TOML text that the C++ parser under TOMLKit (toml++ 3.4) must not see, before it sees it.
///
/// toml++ asserts (and so aborts the process) on some characters between tokens, such as U+0085
/// before an array element or U+000B before a table name, and recurses once per level of a dotted
/// key or nested value, so a key 100,000 levels deep overflows the stack. A config or rule file is
/// operator input that a daemon reloads on SIGHUP; a hostile or corrupt one must end in a problem
/// with a line, never a signal. The guard follows TOML's grammar only as far as it needs to tell
/// strings, comments, keys and values apart, and refuses:
/// - outside quoted strings and comments, any character but printable ASCII, space, tab and line
///   breaks (TOML allows nothing else there, so no valid document is refused);
/// - a carriage return not followed by a line feed, anywhere;
/// - in comments, control characters and the bidirectional controls that make text display
///   differently from what it says;
/// - keys and values nested deeper than `TOMLDocument.maximumDepth`, counting every part of a dotted
///   key, every table header part, array and inline table;
/// - keys longer than `maximumKeyBytes` and unquoted values (numbers, dates) longer than
///   `maximumScalarBytes`, which no setting needs and which only cost the parser time;
/// - a table header that does not start with a key, a dot not followed by a key, and an array
///   element that cannot start a value (`}`): toml++ asserts on these instead of reporting them.
///
/// It keeps its own stack instead of recursing, so its own cost is one pass whatever the input.
enum TOMLInputGuard {
    /// The longest key, quoted or bare. Vigil's keys are short words; a rule id is a value.
    static let maximumKeyBytes = 1024

    /// The longest unquoted value: an integer with underscores needs under 40 bytes, a date-time 40.
    static let maximumScalarBytes = 256

    /// The first reason `text` may not be handed to toml++, as a syntax problem with its line.
    static func refusal(of text: String) -> ConfigProblem? {
        var scanner = TOMLGuardScanner(Array(text.utf8))
        do {
            try scanner.scanDocument()
            return nil
        } catch {
            return TOMLDocument.syntaxProblem(line: error.line, error.message)
        }
    }
}

/// Why the guard refused the text, and where.
struct TOMLGuardRefusal: Error {
    var line: Int
    var message: String
}
