import Foundation
import Testing
import VigilTestSupport

/// A repository has one identity, its canonical path: however it is named on the command line or
/// in the config, one finding has one id, and the output names the canonical path.
@Suite struct RepositoryIdentityCommandTests {
    static let claude = "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>"
    static let awsKey = "AKIAQYLPMN5HHHFPZAM2"

    /// A repository with one AI-written commit leaking a key.
    static func leakingRepository(name: String = "repo") throws -> FixtureRepository {
        let repository = try FixtureRepository(name: name)
        try repository.commit(
            "Add config\n\n\(claude)\n", files: ["config/prod.py": "aws_access_key_id = \"\(awsKey)\"\n"])
        return repository
    }

    static func alerts(_ arguments: [String], in directory: String? = nil) throws -> [[String: Any]] {
        let result = try VigilBinary.run(arguments + ["--format", "json", "--dry-run"], in: directory)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        return try result.jsonLines().filter { $0["kind"] as? String == "alert" }
    }

    @Test func everyNameOfARepositoryGivesOneIdAndTheCanonicalPath() throws {
        let repository = try Self.leakingRepository()
        let canonical = try #require(URL(fileURLWithPath: repository.path).resolvingSymlinksInPath().path as String?)
        let link = repository.root + "/link-to-repo"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: repository.path)
        let names: [(arguments: [String], directory: String?)] = [
            (["rescan", "repo"], repository.root),
            (["rescan", "repo/"], repository.root),
            (["rescan", "./repo"], repository.root),
            (["rescan", "./repo/.git"], repository.root),
            (["rescan", link], nil),
            (["rescan", repository.path], nil),
        ]
        var ids: Set<String> = []
        for name in names {
            let alerts = try Self.alerts(name.arguments, in: name.directory)
            #expect(alerts.count == 1, "\(name.arguments)")
            for alert in alerts {
                ids.insert(try #require(alert["id"] as? String))
                #expect(alert["repo"] as? String == canonical, "\(name.arguments)")
            }
        }
        #expect(ids.count == 1, "one finding, one id: \(ids)")
    }

    @Test func oneRepositoryNamedTwiceIsScannedOnce() throws {
        let repository = try Self.leakingRepository()
        let alerts = try Self.alerts(["rescan", "repo", "./repo/", repository.path], in: repository.root)
        #expect(alerts.count == 1)
    }

    @Test func aPathThatDoesNotExistIsAnErrorNamingItAsTyped() throws {
        let scratch = try ScratchFolder()
        let result = try VigilBinary.run(["rescan", "./no-such-repo/", "--format", "json"], in: scratch.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("./no-such-repo/"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func configuredPathsAndGlobsMatchThroughSymlinks() throws {
        // The [[repos]] entry names the repository through a symlinked folder, with scope "all": a
        // human commit's finding is only reported if the entry applies to the canonical path.
        let repository = try FixtureRepository()
        try repository.commit("Add config", files: ["config/prod.py": "aws_access_key_id = \"\(Self.awsKey)\"\n"])
        let scratch = try ScratchFolder()
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/srv", withDestinationPath: repository.root)
        for pattern in [scratch.path + "/srv/repo/", scratch.path + "/srv/re*"] {
            let config = try scratch.write(
                "vigil.toml", "[[repos]]\npath = \"\(pattern)\"\nscope = \"all\"\n")
            let direct = try Self.alerts(["rescan", "--config", config, repository.path])
            #expect(direct.count == 1, "\(pattern) applies to the repository named by its real path")
            let configured = try Self.alerts(["rescan", "--config", config])
            #expect(configured.map { $0["id"] as? String } == direct.map { $0["id"] as? String }, "\(pattern)")
        }
    }

    @Test func staleIgnoreEntriesOnlyWhenEveryConfiguredRepositoryWasScanned() throws {
        let repositories = try (0..<3).map { try Self.leakingRepository(name: "repo\($0)") }
        let scratch = try ScratchFolder()
        let stale = String(repeating: "ab", count: 16)
        let ignore = try scratch.write("ignore", "\(stale)  reviewed long ago\n")
        let paths = repositories.map { "\"\($0.path)\"" }.joined(separator: "\n[[repos]]\npath = ")
        let config = try scratch.write(
            "vigil.toml", "[alerts]\nignore_file = \"\(ignore)\"\n\n[[repos]]\npath = \(paths)\n")

        let one = try VigilBinary.run(["rescan", "--dry-run", "--config", config, repositories[1].path, "--format", "json"])
        #expect(one.status == 1, "\(one.stderr)")
        #expect(!one.stdout.contains("stale-ignore"), "one repository of three says nothing about the others")

        let all = try VigilBinary.run(["rescan", "--dry-run", "--config", config, "--format", "json"])
        #expect(all.status == 1, "\(all.stderr)")
        #expect(all.stdout.contains("\"stale-ignore\""), "\(all.stdout)")
        #expect(all.stdout.contains(stale))

        let named = try VigilBinary.run(
            ["rescan", "--dry-run", "--config", config, "--format", "json"] + repositories.map { $0.path + "/" })
        #expect(named.stdout.contains("\"stale-ignore\""), "all three named on the command line count too")

        let since = try VigilBinary.run(
            ["rescan", "--dry-run", "--config", config, "--format", "json", "--range", "HEAD..HEAD"])
        #expect(!since.stdout.contains("stale-ignore"), "only whole histories can tell")
    }
}
