import Foundation

/// Where risky-pattern rules come from: the built-in set, or a TOML file of `[[rules]]`.
enum RiskyPatternRuleSource {
    /// The value of `rules` that names the built-in set.
    static let builtinName = "builtin"

    /// The built-in rules. They are tested to compile, so a failure here is a defect in Vigil;
    /// it is reported like any rule-file problem rather than crashing.
    static func builtin() throws(ConfigProblems) -> [RiskyPatternRule] {
        let document = try RuleFileReader.parse(BuiltinRiskyPatterns.text, file: "(built-in risky-patterns)")
        return try RiskyPatternRule.rules(from: document, file: "(built-in risky-patterns)")
    }

    /// Reads and parses the rule file at `path`. A file that cannot be read is a problem with the
    /// option that names it (`key` in `table`); problems inside the file name the file and its lines.
    static func load(path: String, key: String, in table: ConfigTable) throws(ConfigProblems) -> [RiskyPatternRule] {
        let text: String
        do {
            text = try read(path)
        } catch {
            throw ConfigProblems([table.problem(key, "cannot use rule file \"\(path)\": \(error.message)")])
        }
        let document = try RuleFileReader.parse(text, file: path)
        return try RiskyPatternRule.rules(from: document, file: path)
    }

    private struct ReadError: Error {
        var message: String
    }

    private static func read(_ path: String) throws(ReadError) -> String {
        func fail(_ message: String) -> ReadError { ReadError(message: message) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail("no such file")
        }
        guard !isDirectory.boolValue else { throw fail("is a directory, not a rule file") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw fail("cannot be read") }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: RuleFileReader.maximumBytes + 1) ?? Data()
        } catch {
            throw fail("cannot be read: \(error)")
        }
        guard data.count <= RuleFileReader.maximumBytes else { throw fail("the file is larger than 1 MiB") }
        guard let text = String(data: data, encoding: .utf8) else { throw fail("is not UTF-8 text") }
        return text
    }
}
