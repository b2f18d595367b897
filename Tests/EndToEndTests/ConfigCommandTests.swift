import Foundation
import Testing
import VigilTestSupport

/// `vigil config check` and `--config` as an operator meets them: problems named by key and line.
@Suite struct ConfigCommandTests {
    let scratch: ScratchFolder
    var folder: String { scratch.path }

    init() throws {
        scratch = try ScratchFolder()
    }

    @Test func theShippedConfigIsValid() throws {
        let result = try VigilBinary.run(["config", "check", VigilBinary.packageRoot + "/config/vigil.toml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok"))
    }

    @Test func everyProblemIsReportedWithKeyAndLine() throws {
        let path = try scratch.write(
            "bad.toml",
            """
            [daemon]
            poll_interval = "soon"

            [[repos]]
            path = "/srv/git/app.git"
            scope = "some"

            [checks.mass-deletion]
            max_deleted_lines = "many"

            [checks.no-such-check]
            enabled = true
            """)
        let result = try VigilBinary.run(["config", "check", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.toml:2: daemon.poll_interval"))
        #expect(result.stderr.contains("bad.toml:6: repos[0].scope"))
        #expect(result.stderr.contains(":9: checks.mass-deletion.max_deleted_lines"))
        #expect(result.stderr.contains("no-such-check"))
    }

    @Test func unknownKeysAreErrors() throws {
        let path = try scratch.write("typo.toml", "[daemon]\npoll_intervall = \"30s\"\n")
        let result = try VigilBinary.run(["config", "check", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("typo.toml:2: daemon.poll_intervall: unknown key"))
    }

    @Test func brokenFilesExit2WithoutCrashing() throws {
        let garbage = folder + "/garbage.toml"
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: garbage))
        for path in [garbage, folder, folder + "/missing.toml", try scratch.write("syntax.toml", "[daemon\nx = 1\n")] {
            let result = try VigilBinary.run(["config", "check", path])
            #expect(result.status == 2, "\(path): \(result.stderr)")
            #expect(!result.stderr.isEmpty)
        }
    }

    @Test func theEnvironmentNamesTheConfigWhenNoFlagDoes() throws {
        let path = try scratch.write("env.toml", "[daemon]\nstate_dir = 42\n")
        let result = try VigilBinary.run(["config", "check"], environment: ["VIGIL_CONFIG": path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("env.toml:2: daemon.state_dir"))
    }

    @Test func commandsRefuseAnInvalidConfig() throws {
        let repository = try FixtureRepository()
        try repository.commit("one", files: ["a": "1\n"])
        let path = try scratch.write("bad.toml", "[attribution]\nbuiltin = \"yes\"\n")
        let result = try VigilBinary.run(["attribution", repository.path, "--config", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("attribution.builtin"))
    }
}

/// Reviewed findings: an operator's ignore file silences known alerts and reports stale entries.
@Suite struct IgnoreFileTests {
    @Test func reviewedAlertsAreLeftOutAndStaleEntriesReported() throws {
        let repository = try FixtureRepository()
        try repository.commit(
            "Add migration\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
            files: ["db/migrate/001_init.rb": "create_table :users\n"])
        let first = try VigilBinary.run(["rescan", repository.path, "--format", "json"])
        let alerts = try first.jsonLines().filter { $0["kind"] as? String == "alert" }
        let ids = alerts.compactMap { $0["id"] as? String }
        #expect(!ids.isEmpty)

        let folder = try FixtureRepository.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let stale = String(repeating: "ab", count: 16)
        let ignore = folder + "/ignore"
        let text = "# reviewed\n" + ids.map { "\($0)  accepted in review\n" }.joined() + "\(stale) old finding\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: ignore))
        let second = try VigilBinary.run(["rescan", repository.path, "--format", "json", "--ignore-file", ignore])
        #expect(second.status == 0, "every alert was reviewed: \(second.stderr)")
        let records = try second.jsonLines()
        #expect(!records.contains { $0["kind"] as? String == "alert" })
        let staleRecord = try #require(records.first { $0["kind"] as? String == "stale-ignore" })
        #expect(staleRecord["id"] as? String == stale)
        #expect(staleRecord["line"] as? Int == ids.count + 2)
    }

    @Test func aMalformedIgnoreFileIsAnError() throws {
        let repository = try FixtureRepository()
        try repository.commit("one", files: ["a": "1\n"])
        let folder = try FixtureRepository.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ignore = folder + "/ignore"
        try Data("not-an-id\n".utf8).write(to: URL(fileURLWithPath: ignore))
        let result = try VigilBinary.run(["rescan", repository.path, "--ignore-file", ignore])
        #expect(result.status == 2)
        #expect(result.stderr.contains("ignore:1"))
        let missing = try VigilBinary.run(["rescan", repository.path, "--ignore-file", folder + "/none"])
        #expect(missing.status == 2)
    }
}

/// One run over several repositories: each gets its own `[[repos]]` settings, the rest the globals.
@Suite struct PerRepositorySettingsTests {
    @Test func overridesApplyOnlyToTheirRepository() throws {
        let quiet = try FixtureRepository(name: "quiet")
        let loud = try FixtureRepository(name: "loud")
        for repository in [quiet, loud] {
            try repository.commit("Add billing\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n",
                files: ["billing/charge.py": "def charge():\n    pass\n"])
        }
        let folder = try FixtureRepository.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/vigil.toml"
        let text = """
            [[repos]]
            path = "\(quiet.path)"
            scope = "all"
            [repos.checks.protected-path]
            enabled = false
            [repos.checks.review-required]
            enabled = false
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: config))
        let result = try VigilBinary.run(["rescan", quiet.path, loud.path, "--config", config, "--format", "json", "--dry-run"])
        let alerts = try result.jsonLines().filter { $0["kind"] as? String == "alert" }
        let repos = Set(alerts.compactMap { $0["repo"] as? String })
        #expect(repos == [loud.path], "\(result.stderr)")
        // The loud repository's AI commit without review raises review-required, which owns the path.
        #expect(alerts.contains { $0["check"] as? String == "review-required" })
    }
}
