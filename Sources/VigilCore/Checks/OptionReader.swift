/// Reads a check's own options from its table, collecting every problem instead of stopping at the
/// first, so that `vigil config check` reports all of a table's mistakes in one go.
///
/// Each read returns the default when the key is absent or invalid; `finish()` throws the problems
/// together with every unknown key.
struct OptionReader {
    let table: ConfigTable
    private let allowed: Set<String>
    private(set) var problems: [ConfigProblem] = []

    init<C: ConfigurableCheck>(_ options: CheckOptions, for check: C.Type) {
        table = options.table
        allowed = C.optionKeys.union(CheckOptions.commonKeys)
    }

    mutating func record(_ problem: ConfigProblem) {
        problems.append(problem)
    }

    mutating func integer(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
        do {
            return try table.integer(key, range: range) ?? value
        } catch {
            problems.append(error)
            return value
        }
    }

    mutating func double(_ key: String, default value: Double, range: ClosedRange<Double>) -> Double {
        do {
            guard let number = try table.double(key) else { return value }
            guard range.contains(number) else {
                problems.append(table.problem(key, "must be between \(range.lowerBound) and \(range.upperBound)"))
                return value
            }
            return number
        } catch {
            problems.append(error)
            return value
        }
    }

    mutating func bool(_ key: String, default value: Bool) -> Bool {
        do {
            return try table.bool(key) ?? value
        } catch {
            problems.append(error)
            return value
        }
    }

    mutating func strings(_ key: String, default value: [String]) -> [String] {
        do {
            return try table.strings(key) ?? value
        } catch {
            problems.append(error)
            return value
        }
    }

    /// A glob list: `key` replaces `defaults`, and `extraKey` (when given) adds to whichever applies,
    /// so an operator can extend the built-in list without copying it.
    mutating func globs(_ key: String, extra extraKey: String? = nil, default defaults: [String]) -> GlobSet {
        var globs = parseGlobs(key, strings(key, default: defaults))
        if let extraKey { globs += parseGlobs(extraKey, strings(extraKey, default: [])) }
        return GlobSet(globs)
    }

    private mutating func parseGlobs(_ key: String, _ patterns: [String]) -> [Glob] {
        var globs: [Glob] = []
        for pattern in patterns {
            do {
                globs.append(try Glob(pattern))
            } catch {
                problems.append(table.problem(key, error.description))
            }
        }
        return globs
    }

    /// Compiles a regular expression, reporting a pattern that does not compile against `key`.
    mutating func regex(_ key: String, _ pattern: String, caseInsensitive: Bool = false) -> Regex? {
        do {
            return try Regex(pattern, caseInsensitive: caseInsensitive)
        } catch {
            problems.append(table.problem(key, "\(error.description) in \"\(pattern)\""))
            return nil
        }
    }

    /// Throws every problem found, unknown keys included.
    func finish() throws(ConfigProblems) {
        let all = problems + table.unknownKeys(allowed: allowed)
        if !all.isEmpty { throw ConfigProblems(all) }
    }
}
