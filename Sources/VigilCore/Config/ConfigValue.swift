/// A value read from a TOML file, kept with the line it was written on so that every problem
/// found later (by the config loader or by a check validating its options) can name key and line.
public indirect enum ConfigValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([ConfigValue])
    case table(ConfigTable)

    /// The TOML type name, for messages such as "expected a string, found an integer".
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A key's value and where it was written.
public struct ConfigEntry: Sendable, Hashable {
    public var value: ConfigValue
    /// 1-based line in the file, when the source is a file.
    public var line: Int?

    public init(value: ConfigValue, line: Int?) {
        self.value = value
        self.line = line
    }
}

/// A TOML table with its dotted path (`checks.mass-deletion`, `repos[2]`) for messages.
public struct ConfigTable: Sendable, Hashable {
    public var path: String
    public var entries: [String: ConfigEntry]
    /// The line of the table's header, when known.
    public var line: Int?

    public init(path: String, entries: [String: ConfigEntry] = [:], line: Int? = nil) {
        self.path = path
        self.entries = entries
        self.line = line
    }
}

/// One problem in a configuration or rule file: the dotted key, the line, and what is wrong.
public struct ConfigProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, when the configuration came from one.
    public var file: String?
    /// Dotted key path, e.g. `checks.mass-deletion.max_deleted_lines`.
    public var key: String
    public var line: Int?
    public var message: String

    public init(file: String? = nil, key: String, line: Int?, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `vigil.toml:12: checks.mass-deletion.max_deleted_lines: expected an integer, found a string`
    public var description: String {
        var location = file ?? "config"
        if let line { location += ":\(line)" }
        return "\(location): \(key): \(message)"
    }
}

/// Several problems at once: a config is checked whole, so an operator fixes everything in one go.
public struct ConfigProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(_ problems: [ConfigProblem]) {
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
