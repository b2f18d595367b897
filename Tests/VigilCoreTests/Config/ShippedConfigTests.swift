import Foundation
import Testing

@testable import VigilCore

/// `config/vigil.toml` is the documented default: it parses, it equals the built-in default, and
/// every example in it (the `#key = value` lines) is valid when uncommented.
@Suite struct ShippedConfigTests {
    static var path: String { packageRoot() + "/config/vigil.toml" }

    @Test func parsesToTheBuiltInDefault() throws {
        let config = try ConfigLoader.load(path: Self.path)
        let builtIn = VigilConfig.builtInDefault
        #expect(config.daemon == builtIn.daemon)
        #expect(config.repos.isEmpty)
        #expect(config.attribution == builtIn.attribution)
        #expect(config.checks.isEmpty)
        #expect(config.followUp == builtIn.followUp)
        #expect(config.scan == builtIn.scan)
    }

    @Test func everyExampleIsValidWhenUncommented() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        var uncommented: [String] = []
        var examples = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // `#[table]` and `#key = value` are examples; `# prose` is not.
            if line.hasPrefix("#"), let next = line.dropFirst().first, next == "[" || next.isLetter {
                uncommented.append(String(line.dropFirst()))
                examples += 1
            } else {
                uncommented.append(String(line))
            }
        }
        #expect(examples >= 20)
        let config = try ConfigLoader.parse(uncommented.joined(separator: "\n"), file: "uncommented")
        let repo = try #require(config.repos.first)
        #expect(repo.path == "/srv/git/*.git")
        #expect(repo.protectedRefs == ["refs/heads/main"])
        #expect(repo.checks["mass-deletion"] != nil)
        #expect(config.attribution.signatures.first?.field == .authorEmail)
        #expect(Set(config.checks.keys) == ["secrets", "mass-deletion", "protected-path", "dependency-change"])
        #expect(config.followUp.command == ["/usr/local/bin/notify-team"])
        #expect(config.alerts.ignoreFile == "/etc/vigil/ignore")
    }

    @Test func documentsEveryKeyTheLoaderAccepts() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let keys = DaemonSettings.configKeys.union(RepositorySettings.configKeys).union(AttributionSettings.configKeys)
            .union(SignatureSpec.configKeys).union(FollowUpSettings.configKeys).union(AlertSettings.configKeys)
            .union(ScanSettings.configKeys)
            .subtracting(["checks", "signatures"])
        for key in keys {
            #expect(text.contains("\n\(key) = ") || text.contains("\n#\(key) = "), "\(key) is not documented")
        }
    }
}

/// The package root, found from this file's path (Tests/VigilCoreTests/Config/…).
private func packageRoot(filePath: String = #filePath) -> String {
    var url = URL(fileURLWithPath: filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}
