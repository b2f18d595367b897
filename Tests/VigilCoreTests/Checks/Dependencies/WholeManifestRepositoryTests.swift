import Testing
import VigilGit
import VigilTestSupport

@testable import VigilCore

/// Whole manifests as a real scan delivers them: the analyzer asks the diff to keep manifest sides.
@Suite("dependency-change on a real repository")
struct WholeManifestRepositoryTests {
    @Test("the scan's diff keeps both package.json sides, so a one-line manifest's new dependency is seen")
    func oneLineManifestThroughTheAnalyzer() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("Initial", files: [
            "package.json": #"{"name":"shop","dependencies":{"express":"^4.19.0"}}"# + "\n",
            "go.sum": "a v1 h1:x=\n",
            "README.md": "Shop\n",
        ])
        try fixture.write(
            "package.json", #"{"name":"shop","dependencies":{"express":"^4.19.0","left-pad":"1.3.0"}}"# + "\n")
        try fixture.write("README.md", "Shop, with a long README that is no manifest\n")
        let sha = try fixture.commit("Add left-pad\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n")

        let analyzer = try AnalyzerFactory(config: VigilConfig())
            .analyzer(forRepository: fixture.path, scope: .all, runChecks: true)
        let request = try #require(analyzer.diffOptions.wholeSides)
        #expect(request.wants("web/package.json") && request.wants("go.mod") && !request.wants("README.md"))

        let repository = try Repository(path: fixture.path)
        let commit = try repository.commit(try #require(ObjectID(hex: sha)))
        let diff = try repository.diff(commit, options: analyzer.diffOptions)
        let manifest = try #require(diff.files.first { $0.path == "package.json" })
        #expect(manifest.oldBytes.map { String(decoding: $0, as: UTF8.self) }?.contains("left-pad") == false)
        #expect(manifest.newBytes.map { String(decoding: $0, as: UTF8.self) }?.contains("left-pad") == true)
        #expect(diff.files.first { $0.path == "README.md" }?.newBytes == nil)

        let context = CheckContext(repository: fixture.path, commit: commit, diff: diff, verdict: Fixture.aiVerdict)
        let findings = analyzer.check(context).filter { $0.check == "dependency-change" }
        #expect(findings.map(\.title) == ["New dependency: left-pad 1.3.0 (package.json)"])
        #expect(findings.first?.evidence.contains("changed lines only") == false)
    }

    @Test("a side over max_manifest_bytes is not kept whole, and the finding says it was read from lines")
    func overTheCapThroughTheDiff() throws {
        let fixture = try FixtureRepository()
        let filler = String(repeating: "x", count: 3000)
        try fixture.commit("Initial", files: [
            "package.json": "{\n  \"description\": \"\(filler)\",\n  \"dependencies\": {\n    \"a\": \"1.0.0\"\n  }\n}\n"
        ])
        try fixture.write(
            "package.json",
            "{\n  \"description\": \"\(filler)\",\n  \"dependencies\": {\n    \"a\": \"1.0.0\",\n    \"b\": \"2.0.0\"\n  }\n}\n")
        let sha = try fixture.commit("Add b")
        let check = try Fixture.check(DependencyChangeCheck.self, ["max_manifest_bytes": .integer(1024)])
        let repository = try Repository(path: fixture.path)
        let commit = try repository.commit(try #require(ObjectID(hex: sha)))
        let diff = try repository.diff(commit, options: DiffOptions(wholeSides: check.wholeSideRequest))
        #expect(diff.files.first?.newBytes == nil)
        let findings = check.run(
            CheckContext(repository: fixture.path, commit: commit, diff: diff, verdict: Fixture.aiVerdict))
        #expect(findings.map(\.title) == ["New dependency: b 2.0.0 (package.json)"])
        #expect(findings.first?.evidence.contains("new side over 1024 bytes") == true)
    }
}
