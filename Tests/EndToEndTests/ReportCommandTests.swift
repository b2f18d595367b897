import Foundation
import Testing
import VigilTestSupport

/// `vigil report` run as a user would: exit codes, messages, JSON and text.
@Suite struct ReportCommandTests {
    let repository: FixtureRepository

    init() throws {
        repository = try FixtureRepository()
        try repository.commit("Base", files: ["app.py": "print('hello')\n"])
        try repository.git("tag", "v1.0.0")
        try repository.commit(
            "Add parser\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n",
            files: ["parser.py": "def parse():\n    return 1\n"])
        try repository.git("tag", "v1.1.0")
        try repository.commit("Tweak", files: ["app.py": "print('hello')\nprint('bye')\n"])
        try repository.git("tag", "v1.10.0")
        try repository.git("tag", "nightly")
    }

    @Test func jsonHasEveryNumber() throws {
        let result = try VigilBinary.run(["report", repository.path, "--range", "v1.0.0..v1.10.0", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let release = try #require(records.first)
        #expect(release["kind"] as? String == "release")
        #expect(release["commits"] as? Int == 2)
        #expect(release["ai_commits"] as? Int == 1)
        #expect(release["lines"] as? Int == 3)
        #expect(release["ai_lines"] as? Int == 2)
        #expect(release["ai_share"] as? Double == 66.67)
        let tools = try #require(release["by_tool"] as? [[String: Any]])
        #expect(tools.first?["tool"] as? String == "claude-code")
        let files = try #require(release["by_file"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["app.py", "parser.py"])
        #expect(records.last?["kind"] as? String == "summary")
        #expect(result.stderr.isEmpty)
    }

    @Test func byTagOrdersByVersionAndDrawsBars() throws {
        let result = try VigilBinary.run(["report", repository.path, "--by-tag", "v*"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("v1") }
        #expect(rows.count == 2)
        #expect(rows.first?.hasPrefix("v1.0.0..v1.1.0") == true)
        #expect(rows.first?.contains("100.0%") == true)
        #expect(rows.first?.contains("████████████████████") == true)
        #expect(rows.last?.hasPrefix("v1.1.0..v1.10.0") == true)
    }

    @Test func tagsThatAreNotVersionsAreNamed() throws {
        let result = try VigilBinary.run(["report", repository.path, "--by-tag", "*", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try result.jsonLines().last)
        #expect(summary["tags_not_versions"] as? [String] == ["nightly"])
    }

    @Test func unresolvableRangeExitsTwoWithAMessage() throws {
        let result = try VigilBinary.run(["report", repository.path, "--range", "v1.0.0..v9\u{1B}[31m"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("cannot resolve v9\\x1b[31m"))
        let malformed = try VigilBinary.run(["report", repository.path, "--range", "v1.0.0"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("not of the form A..B"))
    }

    @Test func tagPatternWithFewerThanTwoVersionsExitsTwo() throws {
        let result = try VigilBinary.run(["report", repository.path, "--by-tag", "nightly"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("matches 0 tags that read as versions"))
        #expect(result.stderr.contains("1 more match but do not read as versions"))
    }

    @Test func neededOptionsAreChecked() throws {
        #expect(try VigilBinary.run(["report", repository.path]).status == 2)
        #expect(try VigilBinary.run(["report", repository.path, "--range", "a..b", "--by-tag", "v*"]).status == 2)
        let missing = try VigilBinary.run(["report", repository.path + "/nope", "--range", "a..b"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such repository"))
    }

    @Test func hostilePathsAreEscapedInText() throws {
        try repository.commit("Odd", files: ["evil\u{1B}[2Jname\u{202E}.py": "x = 1\n"])
        let result = try VigilBinary.run(["report", repository.path, "--range", "v1.10.0..HEAD"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("\u{202E}"))
        #expect(result.stdout.contains("evil\\x1b[2Jname\\u{202e}.py"))
    }

    @Test func unreadableObjectExitsThreeAndSaysSo() throws {
        try repository.commit("Lost", files: ["lost.py": "this blob goes missing\n"])
        let blob = try repository.git("rev-parse", "HEAD:lost.py").trimmingCharacters(in: .whitespacesAndNewlines)
        let objectFile = repository.path + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
        try FileManager.default.removeItem(atPath: objectFile)
        let result = try VigilBinary.run(["report", repository.path, "--range", "v1.10.0..HEAD", "--format", "json"])
        #expect(result.status == 3)
        let records = try result.jsonLines()
        #expect(records.contains { $0["kind"] as? String == "error" && $0["path"] as? String == "lost.py" })
        #expect(records.last?["errors"] as? Int ?? 0 > 0)
    }
}
