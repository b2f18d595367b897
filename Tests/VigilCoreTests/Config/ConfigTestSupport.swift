import Testing

@testable import VigilCore

/// The problems `ConfigLoader.parse` reports for `text`; empty when it parses.
func configProblems(_ text: String, file: String? = "test.toml") -> [ConfigProblem] {
    do {
        _ = try ConfigLoader.parse(text, file: file)
        return []
    } catch {
        return error.problems
    }
}

/// Expects exactly one problem naming `key`, on `line`, whose message contains `message`.
func expectProblem(
    _ problems: [ConfigProblem], key: String, line: Int?, message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let matching = problems.filter { $0.key == key }
    #expect(matching.count == 1, "problems for \(key): \(problems)", sourceLocation: sourceLocation)
    guard let problem = matching.first else { return }
    #expect(problem.line == line, "line of \(key): \(problem)", sourceLocation: sourceLocation)
    #expect(problem.message.contains(message), "message of \(key): \(problem)", sourceLocation: sourceLocation)
}
