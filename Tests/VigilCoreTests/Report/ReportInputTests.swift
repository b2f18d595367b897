import Foundation
import Testing
import VigilCore
import VigilGit
import VigilTestSupport

/// Path filters, skipped files and hostile paths.
@Suite struct ReportInputTests {
    @Test func vendoredGeneratedAndBinaryFilesAreLeftOutByDefault() throws {
        let repository = try FixtureRepository()
        try repository.commit("Base", files: ["README.md": "hi\n"])
        try repository.git("tag", "base")
        try repository.write("logo.png", bytes: [0x89, 0x50, 0x00, 0x01, 0x0A])
        try repository.commit(
            "Add",
            files: [
                "src/app.js": "a\nb\n", "vendor/lib/x.js": "v\n", "web/node_modules/p/i.js": "n\n",
                "package-lock.json": "{}\n", "dist/app.min.js": "m\n",
            ])

        let report = try ReportFixture.report(repository, from: "base", filter: ReportPathFilter())
        #expect(report.byFile.map(\.name) == ["src/app.js"])
        #expect(report.excludedFiles == 4)
        #expect(report.skipped.map { $0.path } == ["logo.png"])
        #expect(report.skipped.first?.reason == .binary)

        let vendored = try ReportFixture.report(
            repository, from: "base", filter: ReportPathFilter(paths: ["vendor/**"]))
        #expect(vendored.byFile.map(\.name) == ["vendor/lib/x.js"])
        let excluded = try ReportFixture.report(
            repository, from: "base", filter: ReportPathFilter(excludes: ["src/**"]))
        #expect(excluded.byFile.isEmpty)
    }

    @Test func fileOverTheSizeLimitIsSkippedWithItsSize() throws {
        let repository = try FixtureRepository()
        try repository.commit("Base", files: ["README.md": "hi\n"])
        try repository.git("tag", "base")
        try repository.commit("Big", files: ["big.txt": String(repeating: "line\n", count: 300)])
        let opened = try Repository(path: repository.path)
        let builder = ReportBuilder(
            repository: opened, attributor: .builtin, filter: try ReportPathFilter(), maxBlobBytes: 1000)
        let report = builder.report(
            fromName: "base", toName: "HEAD", from: try opened.resolveCommit("base"),
            to: try opened.resolveCommit("HEAD"))
        #expect(report.lines == 0)
        #expect(report.skipped.first?.reason == .tooLarge(1500))
    }

    @Test func badGlobIsAnError() {
        #expect(throws: GlobError.self) { try ReportPathFilter(paths: ["src/[abc"]) }
        #expect(throws: GlobError.self) { try ReportPathFilter(excludes: [""]) }
    }
}
