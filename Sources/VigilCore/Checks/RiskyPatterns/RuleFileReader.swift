import TOMLKit

/// Reads a risky-pattern rule file (TOML with `[[rules]]` tables) into a `ConfigTable` whose keys
/// carry their lines, so rule problems read like config problems: file, `rules[2].regex`, line.
///
/// Lines are found by a scan that knows only this file's shape — `[[rules]]` headers and
/// `key = value` lines — which is all a rule file has; keys it cannot place get the header's line.
/// The shape of `parse(_:file:)` matches the config loader's TOML reader, which may replace it.
enum RuleFileReader {
    /// Rule files are written by hand; anything larger is a mistake or an attack.
    static let maximumBytes = 1 << 20
    /// Nesting allowed in values; rules need one level (an array of strings).
    private static let maximumDepth = 8

    /// Parses `text` into its root table; every problem is thrown at once with `file` and line.
    static func parse(_ text: String, file: String?) throws(ConfigProblems) -> ConfigTable {
        func fail(_ line: Int?, _ message: String) -> ConfigProblems {
            ConfigProblems([ConfigProblem(file: file, key: "rules", line: line, message: message)])
        }
        guard text.utf8.count <= maximumBytes else { throw fail(nil, "the file is larger than 1 MiB") }
        // TOMLKit reads a C string: a NUL would end the document early without a word.
        if let index = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<index].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw fail(line, "NUL byte in the file")
        }
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw fail(error.source.begin.line, "invalid TOML: \(error.description)")
        } catch {
            throw fail(nil, "invalid TOML: \(error)")
        }
        let lines = RuleFileLines(text)
        var root = ConfigTable(path: "", line: 1)
        for key in document.keys {
            guard let value = document[key] else { continue }
            if key == "rules", let array = value.array {
                var tables: [ConfigValue] = []
                for (index, element) in array.enumerated() {
                    let path = "rules[\(index)]"
                    let header = lines.header(index)
                    var table = ConfigTable(path: path, line: header)
                    if let source = element.table {
                        for name in source.keys {
                            guard let item = source[name] else { continue }
                            let entry = convert(item, path: "\(path).\(name)", line: header, depth: 1)
                            let line = lines.key(name, inRule: index) ?? header
                            table.entries[name] = ConfigEntry(value: entry, line: line)
                        }
                        tables.append(.table(table))
                    } else {
                        tables.append(convert(element, path: path, line: header, depth: 1))
                    }
                }
                root.entries[key] = ConfigEntry(value: .array(tables), line: lines.key(key, inRule: nil))
            } else {
                let line = lines.key(key, inRule: nil)
                root.entries[key] = ConfigEntry(value: convert(value, path: key, line: line, depth: 1), line: line)
            }
        }
        return root
    }

    private static func convert(
        _ value: any TOMLValueConvertible, path: String, line: Int?, depth: Int
    ) -> ConfigValue {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .array:
            guard depth < maximumDepth, let array = value.array else { return .array([]) }
            return .array(array.map { convert($0, path: path, line: line, depth: depth + 1) })
        case .table:
            var table = ConfigTable(path: path, line: line)
            guard depth < maximumDepth, let source = value.table else { return .table(table) }
            for name in source.keys {
                guard let item = source[name] else { continue }
                table.entries[name] = ConfigEntry(
                    value: convert(item, path: "\(path).\(name)", line: line, depth: depth + 1), line: line)
            }
            return .table(table)
        case .date, .time, .dateTime:
            // No rule key takes a date; the typed accessors report it as a string mismatch.
            return .string(value.tomlValue.debugDescription)
        }
    }
}

/// Where the `[[rules]]` headers and `key =` lines of a rule file are.
private struct RuleFileLines {
    /// 1-based line of each `[[rules]]` header, in order.
    private var headers: [Int] = []
    /// `key =` lines: the key, its line, and the rule it belongs to (`nil` before the first header).
    private var keys: [(name: String, line: Int, rule: Int?)] = []

    init(_ text: String) {
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") {
                if line.filter({ $0 != " " && $0 != "\t" }).hasPrefix("[[rules]]") { headers.append(number) }
                continue
            }
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let name = line[..<equals].trimmingCharacters { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" }
            guard !name.isEmpty, !name.contains(" ") else { continue }
            keys.append((String(name), number, headers.isEmpty ? nil : headers.count - 1))
        }
    }

    func header(_ index: Int) -> Int? { index < headers.count ? headers[index] : nil }

    func key(_ name: String, inRule rule: Int?) -> Int? {
        keys.first { $0.name == name && $0.rule == rule }?.line
    }
}

extension Substring {
    fileprivate func trimmingCharacters(where predicate: (Character) -> Bool) -> Substring {
        var text = self
        while let first = text.first, predicate(first) { text = text.dropFirst() }
        while let last = text.last, predicate(last) { text = text.dropLast() }
        return text
    }
}
