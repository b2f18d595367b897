import Foundation
import Testing
import VigilTestSupport

/// GitHub code scanning rejects a SARIF file in which one result has no location, so every result
/// has one, including findings about a whole commit.
@Suite struct SARIFLocationCommandTests {
    static let claude = "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>"

    @Test func aMassDeletionAcrossFoldersPointsAtTheRepositoryRootAndTheLogValidates() throws {
        let repository = try FixtureRepository()
        var files: [String: String] = [:]
        // Spread over many folders, so no single folder is mostly deleted: the finding has no path.
        for index in 0..<30 { files["part\(index)/file.txt"] = String(repeating: "line\n", count: 60) }
        files["keep/a.txt"] = "a\n"
        try repository.commit("Initial", files: files)
        for index in 0..<30 { try repository.remove("part\(index)") }
        try repository.commit("Clean up\n\n\(Self.claude)\n")

        let result = try VigilBinary.run(["rescan", repository.path, "--since", "HEAD~1", "--format", "sarif"])
        #expect(result.status == 1, "\(result.stderr)")
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let deletion = try #require(results.first { $0["ruleId"] as? String == "mass-deletion" })
        #expect(Self.uri(of: deletion) == ".", "a commit-wide finding points at the repository root")
        for result in results {
            #expect(Self.uri(of: result)?.isEmpty == false, "every result has a location: \(result)")
        }

        let validation = try SARIFSchema.validate(result.stdout)
        #expect(validation.status == 0, "SARIF schema validation: \(validation.stderr)")
    }

    @Test func aFileFindingKeepsItsFileAndLine() throws {
        let repository = try FixtureRepository()
        try repository.commit("Initial", files: ["app.py": "print('hi')\n"])
        try repository.commit(
            "Deploy\n\n\(Self.claude)\n", files: ["deploy.sh": "echo start\nrm -rf $TARGET/\n"])
        let result = try VigilBinary.run(["rescan", repository.path, "--since", "HEAD~1", "--format", "sarif"])
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let results = try #require((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let risky = try #require(results.first { ($0["ruleId"] as? String)?.hasPrefix("risky-pattern.") == true })
        #expect(Self.uri(of: risky) == "deploy.sh")
    }

    private static func uri(of result: [String: Any]) -> String? {
        let location = (result["locations"] as? [[String: Any]])?.first
        let physical = location?["physicalLocation"] as? [String: Any]
        return (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String
    }
}
