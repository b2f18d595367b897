/// Typed reads of a table's keys. Each returns `nil` for an absent key and throws a problem that
/// names the dotted key and its line when the value has the wrong type or shape.
extension ConfigTable {
    public func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    public func line(of name: String) -> Int? { entries[name]?.line ?? line }

    public func problem(_ name: String, _ message: String) -> ConfigProblem {
        ConfigProblem(key: key(name), line: line(of: name), message: message)
    }

    private func mismatch(_ name: String, expected: String, found: ConfigValue) -> ConfigProblem {
        problem(name, "expected \(expected), found \(found.typeName)")
    }

    public func string(_ name: String) throws(ConfigProblem) -> String? {
        guard let value = entries[name]?.value else { return nil }
        guard case .string(let text) = value else { throw mismatch(name, expected: "a string", found: value) }
        return text
    }

    public func integer(_ name: String, range: ClosedRange<Int>? = nil) throws(ConfigProblem) -> Int? {
        guard let value = entries[name]?.value else { return nil }
        guard case .integer(let number) = value else { throw mismatch(name, expected: "an integer", found: value) }
        if let range, !range.contains(number) {
            throw problem(name, "must be between \(range.lowerBound) and \(range.upperBound), found \(number)")
        }
        return number
    }

    public func double(_ name: String) throws(ConfigProblem) -> Double? {
        guard let value = entries[name]?.value else { return nil }
        switch value {
        case .float(let number): return number
        case .integer(let number): return Double(number)
        default: throw mismatch(name, expected: "a number", found: value)
        }
    }

    public func bool(_ name: String) throws(ConfigProblem) -> Bool? {
        guard let value = entries[name]?.value else { return nil }
        guard case .bool(let flag) = value else { throw mismatch(name, expected: "true or false", found: value) }
        return flag
    }

    /// An array of strings; a single string is not accepted, so a forgotten `[ ]` is reported.
    public func strings(_ name: String) throws(ConfigProblem) -> [String]? {
        guard let value = entries[name]?.value else { return nil }
        guard case .array(let items) = value else {
            throw mismatch(name, expected: "an array of strings", found: value)
        }
        var result: [String] = []
        for item in items {
            guard case .string(let text) = item else {
                throw problem(name, "expected an array of strings, found an element that is \(item.typeName)")
            }
            result.append(text)
        }
        return result
    }

    public func table(_ name: String) throws(ConfigProblem) -> ConfigTable? {
        guard let value = entries[name]?.value else { return nil }
        guard case .table(let table) = value else { throw mismatch(name, expected: "a table", found: value) }
        return table
    }

    /// An array of tables (`[[name]]`).
    public func tables(_ name: String) throws(ConfigProblem) -> [ConfigTable]? {
        guard let value = entries[name]?.value else { return nil }
        guard case .array(let items) = value else { throw mismatch(name, expected: "an array of tables", found: value) }
        var result: [ConfigTable] = []
        for item in items {
            guard case .table(let table) = item else {
                throw problem(name, "expected an array of tables, found an element that is \(item.typeName)")
            }
            result.append(table)
        }
        return result
    }

    /// A duration written as `"500ms"`, `"30s"`, `"5m"` or `"1h"`.
    public func duration(_ name: String) throws(ConfigProblem) -> Duration? {
        guard let text = try string(name) else { return nil }
        guard let duration = ConfigTable.parseDuration(text) else {
            throw problem(name, "expected a duration such as \"500ms\", \"30s\", \"5m\" or \"1h\", found \"\(text)\"")
        }
        return duration
    }

    static func parseDuration(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, milliseconds) in units where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                let count = Int64(digits), count <= Int64.max / milliseconds / 1000
            else { return nil }
            return .milliseconds(count * milliseconds)
        }
        return nil
    }

    /// Problems for every key not in `allowed`, sorted by line: unknown keys are errors, because a
    /// misspelt option silently ignored is a guardrail silently off.
    public func unknownKeys(allowed: Set<String>) -> [ConfigProblem] {
        entries.keys.filter { !allowed.contains($0) }.sorted().map { name in
            problem(name, "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }
}
