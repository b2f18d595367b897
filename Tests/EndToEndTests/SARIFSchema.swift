import Foundation
import VigilTestSupport

/// Validates SARIF output against the vendored OASIS schema with `validate_sarif.py`.
enum SARIFSchema {
    /// The validator's answer for `sarif`: status 0 when valid, otherwise the errors on stderr.
    /// Debian's Python answers first (`make test-deps` installs `python3-jsonschema` for it), then the one
    /// on `PATH`; status 77 means neither has `jsonschema`.
    static func validate(_ sarif: String) throws -> ProcessResult {
        let script = VigilBinary.packageRoot + "/Tests/EndToEndTests/validate_sarif.py"
        let schema = VigilBinary.fixturesFolder + "/sarif-schema-2.1.0.json"
        func run(_ interpreter: String) throws -> ProcessResult {
            try ProcessResult.run(
                "/usr/bin/env", [interpreter, script, schema], environment: ProcessInfo.processInfo.environment,
                input: Data(sarif.utf8))
        }
        let debian = try run("/usr/bin/python3")
        return debian.status == 77 ? try run("python3") : debian
    }
}
