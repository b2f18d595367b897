import Testing
import VigilGit

@testable import VigilCore

/// Runs the standard checks, as configured by a TOML text, over one commit's files.
enum NoiseFixture {
    static func findings(
        _ files: [FileChange], config: String = "", verdict: Verdict = Fixture.aiVerdict, trailers: [Trailer] = []
    ) throws -> [Finding] {
        let parsed = try ConfigLoader.parse(config, file: "vigil.toml")
        let runner = try CheckRunner(config: parsed, repository: nil, scope: .all)
        return runner.run(try Fixture.context(files, verdict: verdict, trailers: trailers))
    }

    /// The check ids reported on `path`, sorted.
    static func checks(on path: String, in findings: [Finding]) -> [String] {
        findings.filter { $0.path == path }.map(\.check).sorted()
    }
}
