import Foundation
import Testing
import VigilTestSupport

/// Text that made the TOML parser abort or overflow the stack, in the config and in every rule
/// file a config names: `vigil config check` exits 2 naming the file and line, never dies of a signal.
@Suite struct ConfigHostileTextTests {
    let scratch: ScratchFolder

    init() throws {
        scratch = try ScratchFolder()
    }

    /// Inputs that crashed `vigil config check`, each placed on line 2 by `placed(_:)`.
    static let crashers: [String] = [
        "x = [\u{85}\"a\"]",  // SIGABRT: NEL before an array element
        "x = [1, \u{2028}2]",  // SIGABRT: line separator before an array element
        "[\u{0B}a]",  // SIGABRT: vertical tab before a table name
        "[\u{202E}a]",  // SIGABRT: right-to-left override before a table name
        Array(repeating: "a", count: 100_000).joined(separator: ".") + " = 1",  // SIGSEGV: stack overflow
        "[\\]",  // SIGABRT: a table header that does not start with a key
        "[[ ]]",  // SIGABRT: the same for an array of tables
        "x = [1, }]",  // SIGABRT: a closing brace where an array element belongs
    ]

    /// `text` on line 2 of a file whose first line is a comment.
    private static func placed(_ text: String) -> String { "# hostile input\n" + text + "\n" }

    /// Exit 2, the file and line 2 named, and nothing but printable text on stderr.
    private func expectRefused(
        _ result: ProcessResult, file: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(result.status == 2, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(file + ":2: "), "\(result.stderr)", sourceLocation: sourceLocation)
        let printable = result.stderr.unicodeScalars.allSatisfy { $0 == "\n" || (0x20...0x7E).contains($0.value) }
        #expect(printable, "stderr holds raw control or bidi characters", sourceLocation: sourceLocation)
    }

    @Test(arguments: crashers.indices) func inTheConfig(index: Int) throws {
        let path = try scratch.write("vigil.toml", Self.placed(Self.crashers[index]))
        expectRefused(try VigilBinary.run(["config", "check", path]), file: path)
    }

    @Test(arguments: crashers.indices) func inASecretsRuleFile(index: Int) throws {
        let rules = try scratch.write("secrets.toml", Self.placed(Self.crashers[index]))
        let config = try scratch.write("vigil.toml", "[checks.secrets]\nrules = \"secrets.toml\"\n")
        expectRefused(try VigilBinary.run(["config", "check", config]), file: rules)
    }

    @Test(arguments: crashers.indices) func inARiskyPatternRuleFile(index: Int) throws {
        let rules = try scratch.write("risky.toml", Self.placed(Self.crashers[index]))
        let config = try scratch.write("vigil.toml", "[checks.risky-pattern]\nrules = [\"builtin\", \"risky.toml\"]\n")
        expectRefused(try VigilBinary.run(["config", "check", config]), file: rules)
    }
}
