import Foundation
import Testing
import VigilCore
import VigilGit
import VigilTestSupport

/// `rescan`'s text: each alerted commit's subject and author once, the repository when several are
/// scanned, titles that do not say their evidence twice, and nothing unescaped.
@Suite struct RescanTextOutputTests {
    static func alert(
        commit digit: Character, repository: String = "/srv/git/app", message: String = "Add parser\n",
        author: String = "Dana Developer", finding: Finding
    ) -> Alert {
        let signature = Signature(name: author, email: "dana@example.com", time: 1_700_000_000, offsetMinutes: 0)
        let commit = Commit(
            id: ObjectID(hex: String(repeating: digit, count: 40))!, parents: [], author: signature,
            committer: signature, rawMessage: Array(message.utf8), trailers: [])
        return Alert(
            finding: finding, commit: commit, verdict: .human, repository: repository, ref: nil, source: .rescan,
            time: "2026-12-01T00:00:00Z")
    }

    static let secret = Finding(
        check: "secrets.aws-access-key-id", severity: .critical, title: "AWS access key ID", path: "config/prod.py",
        line: 12, evidence: "AKIA…(redacted, 20 chars, sha256:9f2c1ab3)")
    static let protected = Finding(
        check: "protected-path", severity: .medium, title: "Protected path changed: db/migrate/001.sql",
        path: "db/migrate/001.sql", evidence: "modified (matches db/migrate/**)")

    static func render(namesRepositories: Bool, _ alerts: [Alert]) throws -> String {
        let file = try FixtureRepository.makeTemporaryFolder() + "/out.txt"
        let descriptor = open(file, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        try #require(descriptor >= 0)
        let output = RescanTextOutput(sink: TextSink(descriptor: descriptor), namesRepositories: namesRepositories)
        for alert in alerts { output.alert(alert) }
        close(descriptor)
        return try String(contentsOfFile: file, encoding: .utf8)
    }

    @Test func eachCommitsSubjectAndAuthorAppearOnce() throws {
        let text = try Self.render(
            namesRepositories: false,
            [
                Self.alert(commit: "1", finding: Self.secret), Self.alert(commit: "1", finding: Self.protected),
                Self.alert(commit: "2", message: "Second\n", finding: Self.secret),
            ])
        #expect(text.components(separatedBy: "Add parser").count == 2, "\(text)")
        #expect(text.components(separatedBy: "Dana Developer <dana@example.com>").count == 3, "\(text)")
        #expect(text.contains("111111111111  Dana Developer <dana@example.com>  Add parser\n"))
        #expect(text.contains("222222222222  Dana Developer <dana@example.com>  Second\n"))
        #expect(!text.contains("repository "), "one repository is not named")
    }

    @Test func severalRepositoriesAreNamed() throws {
        let text = try Self.render(
            namesRepositories: true,
            [
                Self.alert(commit: "1", repository: "/srv/git/a", finding: Self.secret),
                Self.alert(commit: "2", repository: "/srv/git/b", finding: Self.secret),
                Self.alert(commit: "3", repository: "/srv/git/b", finding: Self.secret),
            ])
        #expect(text.components(separatedBy: "repository /srv/git/a\n").count == 2, "\(text)")
        #expect(text.components(separatedBy: "repository /srv/git/b\n").count == 2, "\(text)")
        #expect(try #require(text.range(of: "repository /srv/git/b")).lowerBound < #require(text.range(of: "222222222222")).lowerBound)
    }

    @Test func titlesDoNotRepeatTheirPathOrEvidence() throws {
        let text = try Self.render(namesRepositories: false, [Self.alert(commit: "1", finding: Self.protected)])
        #expect(text.contains("Protected path changed: modified (matches db/migrate/**)"), "\(text)")
        #expect(text.components(separatedBy: "db/migrate/001.sql").count == 2, "the path once, in the location")
        let skip = Finding(
            check: "test-weakening", severity: .medium, title: "Test disabled in tests/a.test.js: it.skip",
            path: "tests/a.test.js", line: 3, evidence: "it.skip('parses', () => {")
        #expect(AlertTitleTextProbe.line(skip) == "Test disabled: it.skip('parses', () => {")
        // Near miss: a title whose tail the evidence does not hold keeps it.
        let kept = Finding(
            check: "mass-deletion", severity: .high, title: "Mass deletion: 1200 lines", evidence: "40 files")
        #expect(AlertTitleTextProbe.line(kept) == "Mass deletion: 1200 lines: 40 files")
    }

    @Test func repositoryTextIsEscaped() throws {
        let text = try Self.render(
            namesRepositories: true,
            [
                Self.alert(
                    commit: "1", repository: "/srv/\u{1b}[31mgit", message: "Fix \u{1b}]0;pwned\u{7}\u{202e}\n",
                    author: "Eve\u{1b}[2J", finding: Self.secret)
            ])
        #expect(!text.contains("\u{1b}"), "\(text)")
        #expect(!text.contains("\u{202e}"))
        #expect(text.contains("\\x1b"))
    }
}

/// The title line as the text output builds it, through the output itself.
enum AlertTitleTextProbe {
    static func line(_ finding: Finding) -> String {
        let alert = RescanTextOutputTests.alert(commit: "1", finding: finding)
        guard let text = try? RescanTextOutputTests.render(namesRepositories: false, [alert]) else { return "" }
        let lines = text.split(separator: "\n")
        return lines.count > 2 ? String(lines[2].drop { $0 == " " }) : ""
    }
}
