import Foundation
import Testing
import VigilTestSupport

/// `rescan` and `attribution` given a path inside a work tree, and the text of a multi-repository
/// rescan.
@Suite struct RepositoryDiscoveryCommandTests {
    static let claude = "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>"

    let repository: FixtureRepository
    let path: String

    init() throws {
        repository = try FixtureRepository()
        path = URL(fileURLWithPath: repository.path).resolvingSymlinksInPath().path
        try repository.commit("Initial", files: ["src/app.py": "print('hi')\n"])
        try repository.commit(
            "Clean \u{1b}[31mup\n\n\(Self.claude)\n", files: ["src/build.sh": "rm -rf $BUILD/out\n"])
    }

    @Test func aSubfolderScansItsRepositoryOnce() throws {
        let result = try VigilBinary.run(
            ["rescan", repository.path + "/src", repository.path, "--format", "json", "--dry-run"])
        #expect(result.status == 1, "\(result.stderr)")
        let records = try result.jsonLines()
        #expect(records.last?["commits"] as? Int == 2, "named twice, scanned once")
        let alerts = records.filter { $0["kind"] as? String == "alert" }
        #expect(!alerts.isEmpty)
        #expect(alerts.allSatisfy { $0["repo"] as? String == path })
        let attribution = try VigilBinary.run(["attribution", repository.path + "/src", "--format", "json"])
        #expect(attribution.status == 0, "\(attribution.stderr)")
        #expect(try attribution.jsonLines().last?["commits"] as? Int == 2)
    }

    @Test func pathsThatNameNoRepositoryAreErrors() throws {
        let missing = try VigilBinary.run(["rescan", repository.path + "/nope", "--dry-run"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")
        try repository.write("src/vendor/.git", "gitdir: /nonexistent\u{1b}[31m\n")
        let fake = try VigilBinary.run(["attribution", repository.path + "/src/vendor"])
        #expect(fake.status == 2, "a broken .git file is not a reason to scan the enclosing repository")
        #expect(fake.stderr.contains("not a git repository"), "\(fake.stderr)")
        #expect(!fake.stderr.contains("\u{1b}"))
    }

    @Test func textNamesEachRepositoryAndEachCommitOnce() throws {
        let other = try FixtureRepository(name: "other")
        try other.commit("Initial", files: ["a.txt": "a\n"])
        try other.commit("Purge\n\n\(Self.claude)\n", files: ["purge.sh": "rm -rf $A/x\nrm -rf $B/y\n"])
        let result = try VigilBinary.run(["rescan", repository.path, other.path, "--dry-run"])
        #expect(result.status == 1, "\(result.stderr)")
        let otherPath = URL(fileURLWithPath: other.path).resolvingSymlinksInPath().path
        #expect(result.stdout.contains("repository \(path)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("repository \(otherPath)\n"))
        #expect(result.stdout.components(separatedBy: "  Purge").count == 2, "the subject once for two alerts")
        #expect(!result.stdout.contains("\u{1b}"))
        #expect(result.stdout.contains("Clean \\x1b[31mup"))
        let single = try VigilBinary.run(["rescan", repository.path, "--dry-run"])
        #expect(!single.stdout.contains("repository "), "one repository is not named")
    }
}
