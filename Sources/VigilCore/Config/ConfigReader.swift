/// Reads typed settings out of config tables while collecting every problem instead of stopping at
/// the first, so one `vigil config check` lists all that is wrong.
///
/// Each read returns `nil` when the key is absent or wrong (the caller then keeps its default) and
/// records why. Values TOML parsed as dates were set aside by `TOMLDocument`; a read of such a key
/// reports what was expected there instead.
struct ConfigReader {
    private(set) var problems: [ConfigProblem] = []
    /// Unsupported values by dotted key, until a read or an unknown-key check claims them.
    private var unsupported: [String: UnsupportedTOMLValue]

    init(unsupported: [UnsupportedTOMLValue]) {
        var byKey: [String: UnsupportedTOMLValue] = [:]
        for value in unsupported where byKey[value.key] == nil { byKey[value.key] = value }
        self.unsupported = byKey
    }

    mutating func report(_ problem: ConfigProblem) {
        problems.append(problem)
    }

    /// Whether a problem already names `key`, so that a missing required key is not reported on top
    /// of the date that stood in its place.
    func hasProblem(forKey key: String) -> Bool {
        problems.contains { $0.key == key } || unsupported[key] != nil
    }

    /// Every problem, in file order.
    mutating func finish() -> [ConfigProblem] {
        let leftover = unsupported.values.map(\.problem)
        unsupported = [:]
        return (problems + leftover).inFileOrder()
    }

    // MARK: - Typed reads

    /// Runs one accessor of `ConfigTable`, recording its problem; when the key is missing because it
    /// held a date, reports "expected <expected>, found a date".
    private mutating func read<Value>(
        _ table: ConfigTable, _ name: String, expected: String,
        _ accessor: (ConfigTable) throws(ConfigProblem) -> Value?
    ) -> Value? {
        do {
            if let value = try accessor(table) { return value }
        } catch {
            problems.append(error)
            return nil
        }
        if let value = unsupported.removeValue(forKey: table.key(name)) {
            problems.append(
                ConfigProblem(
                    key: value.key, line: value.line, message: "expected \(expected), found \(value.typeName)"))
        }
        return nil
    }

    mutating func string(_ table: ConfigTable, _ name: String) -> String? {
        read(table, name, expected: "a string") { table throws(ConfigProblem) in try table.string(name) }
    }

    /// A string that must not be empty (paths, names, patterns).
    mutating func nonEmptyString(_ table: ConfigTable, _ name: String) -> String? {
        guard let text = string(table, name) else { return nil }
        guard !text.isEmpty else {
            problems.append(table.problem(name, "must not be empty"))
            return nil
        }
        return text
    }

    mutating func strings(_ table: ConfigTable, _ name: String) -> [String]? {
        read(table, name, expected: "an array of strings") { table throws(ConfigProblem) in try table.strings(name) }
    }

    mutating func bool(_ table: ConfigTable, _ name: String) -> Bool? {
        read(table, name, expected: "true or false") { table throws(ConfigProblem) in try table.bool(name) }
    }

    mutating func integer(_ table: ConfigTable, _ name: String, range: ClosedRange<Int>) -> Int? {
        read(table, name, expected: "an integer") { table throws(ConfigProblem) in
            try table.integer(name, range: range)
        }
    }

    mutating func duration(_ table: ConfigTable, _ name: String, atLeast minimum: Duration) -> Duration? {
        let expected = "a duration such as \"500ms\", \"30s\", \"5m\" or \"1h\""
        let found = read(table, name, expected: expected) { table throws(ConfigProblem) in try table.duration(name) }
        guard let value = found else { return nil }
        guard value >= minimum else {
            problems.append(
                table.problem(name, "must be at least \(Self.describe(minimum)), found \(Self.describe(value))"))
            return nil
        }
        return value
    }

    /// A size in bytes: a string such as `"256MiB"` (units B, KiB, MiB, GiB, TiB) or an integer.
    mutating func size(_ table: ConfigTable, _ name: String, range: ClosedRange<Int>) -> Int? {
        let expected = "a size such as \"256MiB\" or an integer number of bytes"
        let found = read(table, name, expected: expected) { table throws(ConfigProblem) in table.entries[name]?.value }
        let bytes: Int
        switch found {
        case nil:
            return nil
        case .integer(let number):
            bytes = number
        case .string(let text):
            guard let parsed = ByteSize.parse(text) else {
                problems.append(table.problem(name, "expected \(expected), found \"\(text)\""))
                return nil
            }
            bytes = parsed
        case let other?:
            problems.append(table.problem(name, "expected \(expected), found \(other.typeName)"))
            return nil
        }
        guard range.contains(bytes) else {
            let limits = "\(ByteSize.describe(range.lowerBound)) and \(ByteSize.describe(range.upperBound))"
            problems.append(table.problem(name, "must be between \(limits), found \(bytes) bytes"))
            return nil
        }
        return bytes
    }

    /// A size such as `"2GiB"`, `"512MiB"` or `"0"`.
    mutating func byteSize(_ table: ConfigTable, _ name: String) -> Int? {
        let expected = "a size such as \"2GiB\", \"512MiB\" or \"0\""
        let found = read(table, name, expected: expected) { table throws(ConfigProblem) in try table.string(name) }
        guard let text = found else { return nil }
        guard let bytes = ByteSize.parse(text) else {
            problems.append(table.problem(name, "expected \(expected), found \"\(text)\""))
            return nil
        }
        return bytes
    }

    mutating func table(_ table: ConfigTable, _ name: String) -> ConfigTable? {
        read(table, name, expected: "a table") { table throws(ConfigProblem) in try table.table(name) }
    }

    mutating func tables(_ table: ConfigTable, _ name: String) -> [ConfigTable]? {
        read(table, name, expected: "an array of tables") { table throws(ConfigProblem) in try table.tables(name) }
    }

    /// Check options by check id, `[checks.<id>]` or `[repos.checks.<id>]`: each must be a table.
    /// Their contents are the check catalogue's to validate.
    mutating func checkTables(_ table: ConfigTable, _ name: String) -> [String: ConfigTable]? {
        guard let outer = self.table(table, name) else { return nil }
        var result: [String: ConfigTable] = [:]
        for (id, entry) in outer.entries {
            if case .table(let options) = entry.value {
                result[id] = options
            } else {
                let found = entry.value.typeName
                problems.append(outer.problem(id, "expected a table of the check's options, found \(found)"))
            }
        }
        return result
    }

    /// Reports every key of `table` not in `allowed`, including keys whose value was a date.
    mutating func rejectUnknownKeys(_ table: ConfigTable, allowed: Set<String>) {
        problems.append(contentsOf: table.unknownKeys(allowed: allowed))
        let prefix = table.path.isEmpty ? "" : table.path + "."
        let list = allowed.sorted().joined(separator: ", ")
        for (key, value) in unsupported where key.hasPrefix(prefix) {
            let name = String(key.dropFirst(prefix.count))
            guard table.entries[name] == nil, !name.contains("."), !name.contains("["), !allowed.contains(name)
            else { continue }
            unsupported[key] = nil
            problems.append(
                ConfigProblem(key: value.key, line: value.line, message: "unknown key (expected one of: \(list))"))
        }
    }

    /// `30s`, `500ms`, `5m`: how a duration reads back in a message.
    static func describe(_ duration: Duration) -> String {
        DurationText.describe(duration)
    }
}
