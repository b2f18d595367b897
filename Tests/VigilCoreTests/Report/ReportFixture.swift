import Foundation
import VigilCore
import VigilGit
import VigilTestSupport

/// Builds reports over fixture repositories, and asks `git blame -M -C` the same question.
enum ReportFixture {
    static let claudeTrailer = "\n\nCo-Authored-By: Claude Opus 4.6 <noreply@anthropic.com>\n"
    static let aiderCommitter = FixtureRepository.Identity("Dana Developer (aider)", "dana@example.com")

    static func report(
        _ repository: FixtureRepository, from: String, to: String = "HEAD", filter: ReportPathFilter? = nil,
        engine: BlameEngine = .vigil
    ) throws -> ReleaseReport {
        let opened = try Repository(path: repository.path)
        let builder = ReportBuilder(
            repository: opened, attributor: Attributor.builtin,
            filter: try filter ?? ReportPathFilter(paths: ["**"]), maxBlobBytes: 8 << 20, engine: engine)
        return builder.report(
            fromName: from, toName: to, from: try opened.resolveCommit(from), to: try opened.resolveCommit(to))
    }

    /// Lines of `path` at `to` that `git blame -M -C from..to` puts on a commit inside the range.
    static func gitBlameLines(_ repository: FixtureRepository, from: String, to: String = "HEAD", path: String)
        throws -> Int
    {
        let output = try repository.git(["blame", "--line-porcelain", "-M", "-C", "\(from)..\(to)", "--", path])
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.filter { $0.hasPrefix("\t") }.count - lines.filter { $0 == "boundary" }.count
    }

    static func lines(_ report: ReleaseReport, _ path: String) -> Int {
        report.byFile.first { $0.name == path }?.lines ?? 0
    }

    static func aiLines(_ report: ReleaseReport, _ path: String) -> Int {
        report.byFile.first { $0.name == path }?.aiLines ?? 0
    }

    /// `count` distinct lines long enough for git's move score, `prefix` naming their block.
    static func block(_ prefix: String, _ count: Int) -> String {
        (1...count).map { "let \(prefix)Value\($0) = compute\(prefix.capitalized)Thing(number: \($0))\n" }.joined()
    }
}
