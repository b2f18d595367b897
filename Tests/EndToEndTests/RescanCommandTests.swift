import Foundation
import Testing
import VigilTestSupport

/// `vigil rescan` as a script or an operator runs it: records, alerts, formats and exit codes.
@Suite struct RescanCommandTests {
    static let claude = "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>"
    static let awsKey = "AKIAQYLPMN5HHHFPZAM2"

    let repository: FixtureRepository
    let base: String
    let leak: String

    init() throws {
        repository = try FixtureRepository()
        base = try repository.commit("Initial", files: ["app.py": "print('hi')\n"])
        leak = try repository.commit(
            "Wire up storage\n\n\(Self.claude)\n",
            files: ["config/prod.py": "BUCKET = 'x'\naws_access_key_id = \"\(Self.awsKey)\"\n"])
    }

    @Test func jsonHasCommitAlertAndSummaryRecords() throws {
        let result = try VigilBinary.run(["rescan", repository.path, "--format", "json", "--dry-run"])
        #expect(result.status == 1, "alerts at or above low exit 1: \(result.stderr)")
        let records = try result.jsonLines()
        let alerts = records.filter { $0["kind"] as? String == "alert" }
        let secret = try #require(alerts.first { ($0["check"] as? String)?.hasPrefix("secrets.") == true })
        #expect(secret["schema"] as? String == "vigil.alert/1")
        #expect(secret["commit"] as? String == leak)
        #expect(secret["path"] as? String == "config/prod.py")
        #expect(secret["line"] as? Int == 2)
        #expect(secret["source"] as? String == "rescan")
        #expect((secret["id"] as? String)?.count == 32)
        let evidence = try #require(secret["evidence"] as? String)
        #expect(!evidence.contains(Self.awsKey), "the secret is never printed whole")
        #expect(!result.stdout.contains(Self.awsKey))
        let ai = try #require(secret["ai"] as? [String: Any])
        #expect((ai["tools"] as? [String]) == ["claude-code"])
        let commits = records.filter { $0["kind"] as? String == "commit" }
        #expect(commits.map { $0["commit"] as? String } == [leak], "rescan lists the AI-written commits")
        let summary = try #require(records.last)
        #expect(summary["kind"] as? String == "summary")
        #expect(summary["commits"] as? Int == 2)
        #expect(summary["ai_commits"] as? Int == 1)
        #expect(summary["alerts"] as? Int == alerts.count)
    }

    @Test func theSameFindingHasTheSameIdOnEveryRun() throws {
        let first = try VigilBinary.run(["rescan", repository.path, "--format", "json"]).jsonLines()
        let second = try VigilBinary.run(["rescan", repository.path, "--format", "json"]).jsonLines()
        let ids = { (records: [[String: Any]]) in records.compactMap { $0["id"] as? String } }
        #expect(!ids(first).isEmpty)
        #expect(ids(first) == ids(second))
    }

    @Test func failOnSetsTheExitCode() throws {
        let critical = try VigilBinary.run(["rescan", repository.path, "--fail-on", "critical", "--format", "json"])
        let alerts = try critical.jsonLines().filter { $0["kind"] as? String == "alert" }
        let hasCritical = alerts.contains { $0["severity"] as? String == "critical" }
        #expect(critical.status == (hasCritical ? 1 : 0))
        let low = try VigilBinary.run(["rescan", repository.path, "--fail-on", "low"])
        #expect(low.status == 1)
    }

    @Test func humanCommitsUnderScopeAIRaiseNothing() throws {
        let human = try FixtureRepository()
        try human.commit("Add key", files: ["k.py": "aws_access_key_id = \"\(Self.awsKey)\"\n"])
        let scoped = try VigilBinary.run(["rescan", human.path, "--format", "json"])
        #expect(scoped.status == 0, "\(scoped.stderr)")
        #expect(try scoped.jsonLines().filter { $0["kind"] as? String == "alert" }.isEmpty)
        let everything = try VigilBinary.run(["rescan", human.path, "--scope", "all", "--format", "json"])
        #expect(everything.status == 1)
        #expect(try everything.jsonLines().contains { $0["kind"] as? String == "alert" })
    }

    @Test func sinceAndRangeLimitTheCommits() throws {
        let later = try repository.commit("Docs\n\n\(Self.claude)\n", files: ["docs.md": "words\n"])
        let since = try VigilBinary.run(["rescan", repository.path, "--since", leak, "--format", "json"])
        #expect(try since.jsonLines().last?["commits"] as? Int == 1)
        let range = try VigilBinary.run(["rescan", repository.path, "--range", "\(base)..\(later)", "--format", "json"])
        #expect(try range.jsonLines().last?["commits"] as? Int == 2)
    }

    @Test func textNamesTheCheckAndLocation() throws {
        let result = try VigilBinary.run(["rescan", repository.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("config/prod.py:2"))
        #expect(result.stdout.contains("2 commits scanned"))
        #expect(!result.stdout.contains(Self.awsKey))
    }

    @Test func sarifValidatesAgainstTheSchema() throws {
        let result = try VigilBinary.run(["rescan", repository.path, "--format", "sarif"])
        #expect(result.status == 1)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let validation = try SARIFSchema.validate(result.stdout)
        #expect(validation.status == 0, "SARIF schema validation: \(validation.stderr)")
    }

    @Test func usageErrorsExit2() throws {
        #expect(try VigilBinary.run(["rescan", repository.path, "--all", "--since", base]).status == 2)
        #expect(try VigilBinary.run(["rescan", repository.path, "--range", "nodots"]).status == 2)
        #expect(try VigilBinary.run(["rescan", "/nonexistent/repo"]).status == 2)
        #expect(try VigilBinary.run(["rescan"]).status == 2, "no repository and none in the config")
        #expect(try VigilBinary.run(["rescan", repository.path, "--scope", "some"]).status == 2)
    }
}

/// A damaged repository: what cannot be read is reported, the rest is scanned, exit 3.
@Suite struct DamagedRepositoryTests {
    @Test func aDeletedBlobIsReportedAndTheScanFinishes() throws {
        let repository = try FixtureRepository()
        try repository.commit("one\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", files: ["a.txt": "alpha\n"])
        let damaged = try repository.commit(
            "two\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", files: ["b.txt": "bravo unique\n"])
        try repository.commit("three\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", files: ["c.txt": "charlie\n"])
        let blob = try repository.git("rev-parse", "\(damaged):b.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        let objectFile = repository.path + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
        try FileManager.default.removeItem(atPath: objectFile)

        let result = try VigilBinary.run(["rescan", repository.path, "--format", "json", "--fail-on", "critical"])
        #expect(result.status == 3, "\(result.stderr)")
        let records = try result.jsonLines()
        let errors = records.filter { $0["kind"] as? String == "error" }
        let error = try #require(errors.first)
        #expect(error["commit"] as? String == damaged)
        #expect(error["object"] as? String == blob)
        #expect(records.last?["commits"] as? Int == 3, "the walk carries on to the end")
    }
}

/// Vigil only reads: a scan leaves every file of the repository as it was.
@Suite struct ReadOnlyTests {
    @Test func aRescanChangesNothingInTheRepository() throws {
        let repository = try FixtureRepository()
        try repository.commit("one\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n", files: ["a.py": "x = 1\n"])
        let snapshot = { () throws -> String in
            try repository.git("ls-files", "-s") + (try String(contentsOfFile: repository.path + "/.git/config", encoding: .utf8))
                + (try FileManager.default.contentsOfDirectory(atPath: repository.path + "/.git").sorted().joined())
        }
        let before = try snapshot()
        _ = try VigilBinary.run(["rescan", repository.path, "--scope", "all"])
        _ = try VigilBinary.run(["attribution", repository.path])
        #expect(try snapshot() == before)
    }
}
