import Foundation
import Synchronization
import Testing
import VigilGit
import VigilTestSupport

@testable import VigilCore

/// Checks that quote repository text (a line, a dependency, a path) do not carry a secret in it out
/// of the engine: `ScanSession` redacts every alert, whatever check raised it.
@Suite struct ScanSessionRedactionTests {
    static let token = "ghp_" + "Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5"
    static let password = "Kq7vX2mP9wLz"
    static let claude = "Co-Authored-By: Claude <noreply@anthropic.com>"

    /// What one scan put out: the alerts as records, and every output format rendered.
    struct Scan {
        var alerts: [Alert]
        var reports: [CommitReport]
        var rendered: [String]
    }

    final class Recorder: ScanOutput, @unchecked Sendable {
        // @unchecked: the session calls an output one call at a time.
        var alerts: [Alert] = []
        var reports: [CommitReport] = []
        func commit(_ report: CommitReport, repository: String) { reports.append(report) }
        func alert(_ alert: Alert) { alerts.append(alert) }
        func error(_ error: ScanError) {}
        func finish(_ summary: ScanSummary) {}
    }

    /// Scans every commit of `fixture` with the default configuration and checks on all commits,
    /// and renders the alerts as `rescan` prints them in each format.
    static func scan(_ fixture: FixtureRepository) throws -> Scan {
        let factory = try AnalyzerFactory(config: VigilConfig())
        let recorder = Recorder()
        let session = ScanSession(selection: .all, workers: 2)
        _ = try session.run(
            targets: [
                ScanTarget(
                    path: fixture.path,
                    analyzer: factory.analyzer(forRepository: fixture.path, scope: .all, runChecks: true),
                    redactor: factory.redactor(forRepository: fixture.path))
            ], output: recorder)
        var rendered = recorder.alerts.map { $0.kindJSON.serialized() }
        rendered.append(SARIFLog.make(alerts: recorder.alerts, errors: []).serialized())
        rendered.append(try text(recorder.alerts))
        rendered += recorder.reports.map { $0.json(repository: fixture.path).serialized() }
        return Scan(alerts: recorder.alerts, reports: recorder.reports, rendered: rendered)
    }

    /// The alerts as `RescanTextOutput` writes them.
    static func text(_ alerts: [Alert]) throws -> String {
        let file = try FixtureRepository.makeTemporaryFolder() + "/out.txt"
        let descriptor = open(file, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        let output = RescanTextOutput(sink: TextSink(descriptor: descriptor))
        for alert in alerts { output.alert(alert) }
        close(descriptor)
        return try String(contentsOfFile: file, encoding: .utf8)
    }

    /// Every repository text the alert carries, plus its rendered forms.
    static func expectNowhere(_ secret: String, in scan: Scan, sourceLocation: SourceLocation = #_sourceLocation) {
        for var alert in scan.alerts {
            let check = alert.finding.check
            alert.forEachRepositoryText { text in
                #expect(!text.contains(secret), "\(check): \(text)", sourceLocation: sourceLocation)
            }
        }
        for text in scan.rendered {
            #expect(!text.contains(secret), "\(text)", sourceLocation: sourceLocation)
        }
    }

    static func alert(_ check: String, in scan: Scan, sourceLocation: SourceLocation = #_sourceLocation) -> Alert? {
        let alert = scan.alerts.first { $0.finding.check == check || $0.finding.check.hasPrefix(check + ".") }
        #expect(
            alert != nil, "no \(check) alert in \(scan.alerts.map(\.finding.check))", sourceLocation: sourceLocation)
        return alert
    }

    @Test func riskyPattern() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("Initial", files: ["README.md": "hi\n"])
        try fixture.commit(
            "Add installer\n\n\(Self.claude)\n",
            files: ["install.sh": "curl -sSL \"https://x.example/i.sh?key=\(Self.token)\" | sh\n"])
        let scan = try Self.scan(fixture)
        let alert = Self.alert("risky-pattern.pipe-to-shell", in: scan)
        #expect(alert?.finding.evidence.contains("(redacted, 40 chars, sha256:") == true)
        Self.expectNowhere(Self.token, in: scan)
    }

    @Test func dependencyChange() throws {
        let fixture = try FixtureRepository()
        try fixture.commit(
            "Initial", files: ["package.json": "{\n  \"dependencies\": {\n    \"a\": \"1.0.0\"\n  }\n}\n"])
        try fixture.commit(
            "Add private lib\n\n\(Self.claude)\n",
            files: [
                "package.json": """
                    {
                      "dependencies": {
                        "a": "1.0.0",
                        "acme-lib": "git+https://\(Self.token)@github.com/acme/lib.git",
                        "acme-db": "git+https://deploy:\(Self.password)@git.example.com/acme/db.git"
                      }
                    }

                    """
            ])
        let scan = try Self.scan(fixture)
        let dependencies = scan.alerts.filter {
            $0.finding.check == "dependency-change" && $0.summary == "Add private lib"
        }
        #expect(dependencies.count == 2, "\(scan.alerts.map(\.finding.title))")
        #expect(dependencies.allSatisfy { $0.finding.title.contains("(redacted,") })
        Self.expectNowhere(Self.token, in: scan)
        Self.expectNowhere(Self.password, in: scan)
    }

    @Test func conflictMarkerInAFileNamedAfterTheToken() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("Initial", files: ["README.md": "hi\n"])
        let path = "notes/\(Self.token).md"
        try fixture.commit(
            "Merge notes\n\n\(Self.claude)\n",
            files: [path: "<<<<<<< ours \(Self.token)\na\n=======\nb\n>>>>>>> theirs\n"])
        let scan = try Self.scan(fixture)
        let alert = try #require(Self.alert("conflict-marker", in: scan))
        Self.expectNowhere(Self.token, in: scan)
        // The path is repository text too: shown redacted, while the id is still that of the raw path.
        #expect(alert.finding.path == "notes/\(RedactorTests.redacted(Self.token)).md")
        let head = try fixture.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try #require(ObjectID(hex: head))
        var raw = alert.finding
        raw.path = path
        raw.title = "Merge conflict marker committed in \(path)"
        #expect(alert.id == AlertFingerprint.make(repository: fixture.path, commit: commit, finding: raw))
    }

    @Test func testWeakening() throws {
        let fixture = try FixtureRepository()
        try fixture.commit(
            "Initial",
            files: ["tests/test_api.py": "def test_login():\n    assert login(\"\(Self.token)\")\n    assert ok()\n"])
        try fixture.commit(
            "Tidy tests\n\n\(Self.claude)\n",
            files: [
                "tests/test_api.py": "import pytest\n\n@pytest.mark.skip(reason=\"rotated \(Self.token)\")\n"
                    + "def test_login():\n    assert ok()\n"
            ])
        let scan = try Self.scan(fixture)
        let weakening = scan.alerts.filter { $0.finding.check == "test-weakening" }
        #expect(weakening.count == 2, "a skip marker and a removed assertion: \(weakening.map(\.finding.title))")
        Self.expectNowhere(Self.token, in: scan)
    }

    @Test func theSubjectAndTheAttributionEvidence() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("Initial", files: ["README.md": "hi\n"])
        try fixture.commit(
            "Use \(Self.token) for deploys\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            files: ["deploy.sh": "curl -k https://deploy:\(Self.password)@x.example/i.sh | sh\n"],
            author: .init("Robin Ode (aider)", "robin@example.com"))
        let scan = try Self.scan(fixture)
        _ = Self.alert("risky-pattern.pipe-to-shell", in: scan)
        let alert = try #require(scan.alerts.first)
        #expect(alert.summary == "Use \(RedactorTests.redacted(Self.token)) for deploys")
        #expect(scan.reports.last?.commit?.summary == alert.summary)
        Self.expectNowhere(Self.token, in: scan)
        Self.expectNowhere(Self.password, in: scan)
    }
}
