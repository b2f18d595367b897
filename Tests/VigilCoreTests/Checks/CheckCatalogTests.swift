import Testing
import VigilGit

@testable import VigilCore

@Suite("CheckCatalog")
struct CheckCatalogTests {
    private func problems(_ config: VigilConfig) -> [ConfigProblem] {
        do {
            try CheckCatalog.standard.validate(config)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("every check type has a distinct id and builds from its defaults")
    func catalogue() throws {
        let ids = CheckCatalog.standard.types.map { $0.checkID }
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids).isSuperset(of: [
            "mass-deletion", "protected-path", "review-required", "test-weakening", "dependency-change", "ci-change",
            "large-file", "risky-pattern", "conflict-marker",
        ]))
        let checks = try CheckCatalog.standard.checks(for: VigilConfig(), repository: nil)
        #expect(checks.map(\.id) == ids)
    }

    @Test("building the global checks reports exactly what validation reports, in the same order")
    func buildingReportsWhatValidationReports() {
        let config = VigilConfig(
            checks: [
                "mass-delete": Fixture.table("mass-delete", [:], line: 42),
                "large-file": Fixture.table("large-file", ["max_bytes": .string("big")], line: 7),
                "secrets": Fixture.table("secrets", ["no_such_option": .integer(1)], line: 3),
            ],
            source: "/etc/vigil/vigil.toml"
        )
        var built: [ConfigProblem] = []
        do {
            _ = try CheckCatalog.standard.checks(for: config, repository: nil)
        } catch {
            built = error.problems
        }
        // The unknown id is judged before anything is built; the two bad tables when they are built.
        #expect(built.map(\.key) == ["checks.mass-delete"])
        let withoutUnknown = VigilConfig(
            checks: config.checks.filter { $0.key != "mass-delete" }, source: "/etc/vigil/vigil.toml")
        do {
            _ = try CheckCatalog.standard.checks(for: withoutUnknown, repository: nil)
            Issue.record("expected problems")
        } catch {
            #expect(error.problems == problems(withoutUnknown))
            #expect(error.problems.map(\.line) == [4, 8])
        }
    }

    @Test("an unknown check id is a problem naming checks.<id> and its line")
    func unknownCheck() {
        let config = VigilConfig(
            checks: ["mass-delete": Fixture.table("mass-delete", [:], line: 42)], source: "/etc/vigil/vigil.toml"
        )
        let found = problems(config)
        #expect(found.count == 1)
        #expect(found.first?.key == "checks.mass-delete")
        #expect(found.first?.line == 42)
        #expect(found.first?.file == "/etc/vigil/vigil.toml")
        #expect(found.first?.message.contains("mass-deletion") == true, "the message lists the known ids")
    }

    @Test("all problems across checks and repositories are collected at once")
    func allProblems() {
        var repository = RepositorySettings(path: "/srv/git/app.git")
        repository.checks = [
            "large-file": Fixture.table(
                "large-file", ["max_bytes": .string("5MB")], line: 80, path: "repos[0].checks.large-file"
            )
        ]
        let config = VigilConfig(
            repos: [repository],
            checks: [
                "mass-deletion": Fixture.table(
                    "mass-deletion", ["max_deleted_lines": .float(1.5), "bogus": .bool(true)]
                ),
                "ci-change": Fixture.table(
                    "ci-change", ["severity": .string("extreme"), "paths": .string("x")], line: 30
                ),
                "history-rewrite": Fixture.table("history-rewrite", ["severity": .string("critical")], line: 50),
                "ref-deleted": Fixture.table("ref-deleted", ["paths": .string("x")], line: 60),
            ]
        )
        let keys = Set(problems(config).map(\.key))
        #expect(keys == [
            "checks.mass-deletion.max_deleted_lines", "checks.mass-deletion.bogus", "checks.ci-change.severity",
            "checks.ci-change.paths", "checks.ref-deleted.paths", "repos[0].checks.large-file.max_bytes",
        ])
    }

    @Test("per-repository overrides win key by key; the rest comes from the global table")
    func overrides() throws {
        var repository = RepositorySettings(path: "/srv/git/app.git")
        repository.checks = [
            "mass-deletion": Fixture.table(
                "mass-deletion", ["max_deleted_lines": .integer(10)], path: "repos[0].checks.mass-deletion"
            ),
            "ci-change": Fixture.table("ci-change", ["enabled": .bool(false)], path: "repos[0].checks.ci-change"),
        ]
        let config = VigilConfig(
            repos: [repository],
            checks: [
                "mass-deletion": Fixture.table(
                    "mass-deletion", ["max_deleted_lines": .integer(5000), "max_deleted_files": .integer(7)]
                ),
                "protected-path": Fixture.table("protected-path", ["severity": .string("critical")]),
            ]
        )
        let global = try CheckCatalog.standard.checks(for: config, repository: nil)
        let local = try CheckCatalog.standard.checks(for: config, repository: repository)
        let globalMass = try #require(global.first { $0.id == "mass-deletion" }?.check as? MassDeletionCheck)
        let localMass = try #require(local.first { $0.id == "mass-deletion" }?.check as? MassDeletionCheck)
        #expect(globalMass.maxDeletedLines == 5000)
        #expect(localMass.maxDeletedLines == 10)
        #expect(localMass.maxDeletedFiles == 7, "keys the repository does not set come from the global table")
        #expect(global.contains { $0.id == "ci-change" })
        #expect(!local.contains { $0.id == "ci-change" })
        #expect(local.first { $0.id == "protected-path" }?.severity == .critical)
    }

    @Test("a check switched off globally can be switched on for one repository")
    func enableLocally() throws {
        var repository = RepositorySettings(path: "/srv/git/infra.git")
        repository.checks = [
            "large-file": Fixture.table("large-file", ["enabled": .bool(true)], path: "repos[0].checks.large-file")
        ]
        let config = VigilConfig(
            repos: [repository], checks: ["large-file": Fixture.table("large-file", ["enabled": .bool(false)])]
        )
        let global = try CheckCatalog.standard.checks(for: config, repository: nil)
        let local = try CheckCatalog.standard.checks(for: config, repository: repository)
        #expect(!global.contains { $0.id == "large-file" })
        #expect(local.contains { $0.id == "large-file" })
    }

    @Test("ref checks take only the common options")
    func refCheckOptions() throws {
        let config = VigilConfig(
            checks: ["history-rewrite": Fixture.table("history-rewrite", ["severity": .string("critical")])]
        )
        let options = try CheckCatalog.standard.options(forRefCheck: "history-rewrite", config: config, repository: nil)
        #expect(options.severity == .critical)
        #expect(options.enabled)
    }

    @Test("a relative rule file path is resolved against the config file's folder")
    func relativeRuleFile() throws {
        let folder = try FixtureFolder()
        try folder.write("mine.toml", "[[rules]]\nid = \"x\"\ndescription = \"x\"\nregex = 'XYZZY'\n")
        let config = VigilConfig(
            checks: ["risky-pattern": Fixture.table("risky-pattern", ["rules": .string("mine.toml")])],
            source: folder.path + "/vigil.toml"
        )
        let checks = try CheckCatalog.standard.checks(for: config, repository: nil)
        let risky = try #require(checks.first { $0.id == "risky-pattern" }?.check as? RiskyPatternCheck)
        #expect(risky.rules.map(\.id) == ["x"])
    }
}
