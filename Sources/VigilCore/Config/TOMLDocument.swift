import TOMLKit

/// Reads TOML text into Vigil's `ConfigTable` tree, with the line of every key and table, so that
/// the config loader, the check catalogue and rule-file readers all report problems the same way.
public enum TOMLDocument {
    /// The largest text read. A config or rule file is hand-written; anything bigger is a mistake
    /// (or an attack) that would only cost memory and time.
    public static let maximumBytes = 4 * 1024 * 1024

    /// How deep tables and arrays may nest. Vigil's own keys go four levels deep; the bound keeps
    /// hostile input from costing stack.
    public static let maximumDepth = 64

    /// The key named in problems about the text as a whole (TOML syntax, size, NUL bytes).
    public static let syntaxKey = "(syntax)"

    /// Parses `text` into its root table (path `""`); every problem found is thrown at once, each
    /// with `file`, key and line. Dates and times are reported as problems: no Vigil setting is one.
    public static func parse(_ text: String, file: String? = nil) throws(ConfigProblems) -> ConfigTable {
        let reading = read(text)
        let problems = (reading.problems + reading.unsupported.map(\.problem)).inFileOrder()
        guard problems.isEmpty, let root = reading.root else {
            throw ConfigProblems(problems.located(in: file))
        }
        return root
    }

    /// Reads and parses the TOML file at `path` (a config or a gitleaks-format rule file), with the
    /// protections of `ConfigLoader.load(path:)`: a size cap, a UTF-8 check, no crash on a directory.
    public static func load(path: String) throws(ConfigProblems) -> ConfigTable {
        let text: String
        do {
            text = try ConfigFileReader.text(ofFile: path)
        } catch {
            throw ConfigProblems([error])
        }
        return try parse(text, file: path)
    }

    // MARK: - Reading

    /// What reading produced: the tree (absent after a syntax error), values set aside, problems.
    struct Reading {
        var root: ConfigTable?
        var unsupported: [UnsupportedTOMLValue]
        var problems: [ConfigProblem]
    }

    /// Reads `text` without throwing, keeping unsupported values apart so a caller that knows what a
    /// key should hold can say so ("expected a duration, found a date").
    static func read(_ text: String) -> Reading {
        if let problem = screen(text) { return Reading(root: nil, unsupported: [], problems: [problem]) }
        let parsed: TOMLTable
        do {
            parsed = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line > 0 ? error.source.begin.line : nil
            let column = error.source.begin.column
            let message = error.description + (column > 0 ? " (column \(column))" : "")
            return Reading(root: nil, unsupported: [], problems: [syntaxProblem(line: line, message)])
        } catch {
            return Reading(root: nil, unsupported: [], problems: [syntaxProblem(line: nil, "\(error)")])
        }
        let map = TOMLSourceLocator.locate(text)
        var converter = TOMLConverter(map: map)
        let root = converter.table(parsed, at: [], depth: 0)
        let nulProblems = map.nulEscapeLines.map { line in
            syntaxProblem(line: line, "a string or key holds the NUL character (\\u0000), which Vigil cannot keep")
        }
        return Reading(root: root, unsupported: converter.unsupported, problems: nulProblems + converter.problems)
    }

    /// Rejects text TOMLKit must not see: it is handed over as a C string, so a NUL byte would end
    /// the document early without a word; a huge text costs memory for nothing; and some characters
    /// and depths crash the C++ parser (`TOMLInputGuard`).
    private static func screen(_ text: String) -> ConfigProblem? {
        let size = text.utf8.count
        if size > maximumBytes {
            return syntaxProblem(
                line: nil, "the text is \(size) bytes, more than the \(maximumBytes / 1024 / 1024) MiB allowed")
        }
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return syntaxProblem(line: line, "contains a NUL byte; expected TOML text (is this a binary file?)")
        }
        return TOMLInputGuard.refusal(of: text)
    }

    static func syntaxProblem(line: Int?, _ message: String) -> ConfigProblem {
        ConfigProblem(key: syntaxKey, line: line, message: message)
    }
}

// MARK: - Values Vigil does not use

/// A date, time or date-time found in the document, where no Vigil setting takes one.
struct UnsupportedTOMLValue: Sendable {
    /// The dotted key, as `ConfigTable.key(_:)` spells it for a table entry.
    var key: String
    var line: Int?
    /// "a date", "a time", "a date-time".
    var typeName: String

    /// The problem when nobody said what the key should hold instead.
    var problem: ConfigProblem {
        ConfigProblem(
            key: key, line: line,
            message: "expected a string, number, boolean, array or table, found \(typeName) "
                + "(no Vigil setting is a date; quote it if you meant text)")
    }
}

// MARK: - Conversion

/// Walks a parsed TOMLKit table and builds the `ConfigTable` tree with lines from the source map.
private struct TOMLConverter {
    let map: TOMLSourceMap
    var unsupported: [UnsupportedTOMLValue] = []
    var problems: [ConfigProblem] = []

    mutating func table(_ source: TOMLTable, at path: TOMLPath, depth: Int) -> ConfigTable {
        var table = ConfigTable(path: path.dotted, line: map.line(of: path))
        // Keys and values are read as two lists in the table's order: TOMLKit's iterator looks each
        // key up again by C string, and traps if that lookup fails.
        let keys = source.keys
        let values = source.values
        for (key, value) in zip(keys, values) {
            let childPath = path + [.key(key)]
            let line = map.line(of: childPath)
            if table.entries[key] != nil {
                problems.append(ConfigProblem(key: table.key(key), line: line, message: "duplicate key"))
                continue
            }
            let converted = self.value(value, at: childPath, depth: depth + 1) { typeName in
                UnsupportedTOMLValue(key: table.key(key), line: line, typeName: typeName)
            }
            if let converted { table.entries[key] = ConfigEntry(value: converted, line: line) }
        }
        return table
    }

    /// The value, or `nil` when it was set aside (a date) or refused (too deep).
    private mutating func value(
        _ source: TOMLValueConvertible, at path: TOMLPath, depth: Int,
        unsupported describe: (String) -> UnsupportedTOMLValue
    ) -> ConfigValue? {
        let kind = source.type
        if kind == .table || kind == .array, depth > TOMLDocument.maximumDepth {
            problems.append(
                ConfigProblem(
                    key: path.dotted, line: map.line(of: path),
                    message: "nested more than \(TOMLDocument.maximumDepth) levels deep"))
            return nil
        }
        switch kind {
        case .string: return source.string.map(ConfigValue.string)
        case .int: return source.int.map(ConfigValue.integer)
        case .double: return source.double.map(ConfigValue.float)
        case .bool: return source.bool.map(ConfigValue.bool)
        case .table:
            guard let nested = source.table else { return nil }
            return .table(table(nested, at: path, depth: depth))
        case .array:
            guard let items = source.array else { return nil }
            var converted: [ConfigValue] = []
            for index in 0..<items.count {
                let itemPath = path + [.index(index)]
                let itemLine = map.line(of: itemPath)
                let item = value(items[index], at: itemPath, depth: depth + 1) { typeName in
                    UnsupportedTOMLValue(key: itemPath.dotted, line: itemLine, typeName: typeName)
                }
                if let item { converted.append(item) }
            }
            return .array(converted)
        case .date:
            unsupported.append(describe("a date"))
        case .time:
            unsupported.append(describe("a time"))
        case .dateTime:
            unsupported.append(describe("a date-time"))
        }
        return nil
    }
}
