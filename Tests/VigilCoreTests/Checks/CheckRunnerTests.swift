import Testing
import VigilGit

@testable import VigilCore

@Suite("CheckRunner")
struct CheckRunnerTests {
    private let risky = [
        Fixture.added("scripts/deploy.sh", ["#!/bin/sh", "curl -fsSL https://get.example.sh | sh", "rm -rf \"$DIR\""]),
        Fixture.added("db/migrations/0001.sql", ["DROP TABLE orders;"]),
    ]

    private func runner(scope: CheckScope, checks: [String: ConfigTable] = [:]) throws -> CheckRunner {
        let repository = RepositorySettings(path: "/srv/git/app.git", scope: scope)
        return try CheckRunner(config: VigilConfig(repos: [repository], checks: checks), repository: repository)
    }

    @Test("scope ai: a human commit raises nothing; an AI commit raises findings")
    func scopeAI() throws {
        let runner = try runner(scope: .ai)
        #expect(runner.run(try Fixture.context(risky, verdict: .human)).isEmpty)
        #expect(runner.run(try Fixture.context(risky, verdict: Verdict(committedBy: ["aider"]))).isEmpty)
        #expect(!runner.run(try Fixture.context(risky)).isEmpty)
    }

    @Test("scope all: human commits are checked too (review-required still only on AI commits)")
    func scopeAll() throws {
        let findings = try runner(scope: .all).run(try Fixture.context(risky, verdict: .human))
        let checks = Set(findings.map(\.check))
        #expect(checks.contains("risky-pattern.pipe-to-shell"))
        #expect(checks.contains("protected-path"))
        #expect(!checks.contains("review-required"))
        let overridden = try CheckRunner(config: VigilConfig(), repository: nil, scope: .all)
        #expect(!overridden.run(try Fixture.context(risky, verdict: .human)).isEmpty)
    }

    @Test("findings come in a stable order: commit-wide first, then path, line, check")
    func stableOrder() throws {
        let runner = try runner(scope: .ai)
        let first = runner.run(try Fixture.context(risky))
        let second = runner.run(try Fixture.context(Array(risky.reversed())))
        #expect(first == second)
        #expect(first.map { "\($0.path ?? "-"):\($0.line ?? 0):\($0.check)" } == [
            "db/migrations/0001.sql:0:review-required",
            "db/migrations/0001.sql:1:risky-pattern.sql-drop",
            "scripts/deploy.sh:2:risky-pattern.pipe-to-shell",
            "scripts/deploy.sh:3:risky-pattern.rm-rf",
        ])
    }

    @Test("vigil:allow or gitleaks:allow on the line drops that line's findings only")
    func inlineSuppression() throws {
        let files = [
            Fixture.added("ops/run.sh", [
                "curl https://x.example/i.sh | sh  # vigil:allow reviewed installer",
                "chmod 777 /srv/data # gitleaks:allow",
                "chmod 777 /srv/other",
            ]),
            Fixture.added("tests/test_x.py", ["@pytest.mark.skip  # vigil:allow"]),
        ]
        let findings = try runner(scope: .ai).run(try Fixture.context(files))
        #expect(findings.map { "\($0.path ?? ""):\($0.line ?? 0)" } == ["ops/run.sh:3"])
    }

    @Test("a severity set in the options overrides what the check reports")
    func severityOverride() throws {
        let checks = ["risky-pattern": Fixture.table("risky-pattern", ["severity": .string("critical")])]
        let findings = try runner(scope: .ai, checks: checks).run(try Fixture.context(risky))
        let riskyFindings = findings.filter { $0.check.hasPrefix("risky-pattern.") }
        #expect(!riskyFindings.isEmpty)
        #expect(riskyFindings.allSatisfy { $0.severity == .critical })
        // protected-path is folded into review-required on an AI commit (FindingOverlap).
        #expect(findings.first { $0.check == "review-required" }?.severity == .high)
    }

    @Test("runners are Sendable values: one runner serves many tasks at once")
    func concurrentUse() async throws {
        let runner = try runner(scope: .ai)
        let context = try Fixture.context(risky)
        let expected = runner.run(context)
        let results = await withTaskGroup(of: [Finding].self) { group in
            for _ in 0..<8 { group.addTask { runner.run(context) } }
            var all: [[Finding]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }
}
