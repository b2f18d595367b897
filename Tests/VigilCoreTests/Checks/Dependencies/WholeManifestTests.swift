import Foundation
import Testing
import VigilGit

@testable import VigilCore

/// `dependency-change` on whole manifests: each kind's dependency set before and after, compared.
@Suite("dependency-change on whole manifests")
struct WholeManifestTests {
    private let summary = ManifestFixture.summary

    @Test("a one-line package.json gaining a dependency alerts; a one-line version bump does not")
    func oneLinePackageJSON() throws {
        let old = #"{"name":"shop","version":"1.0.0","dependencies":{"express":"^4.19.0"}}"#
        let new = #"{"name":"shop","version":"1.0.0","dependencies":{"express":"^4.19.0","left-pad":"1.3.0"}}"#
        let findings = try ManifestFixture.findings([ManifestFixture.change("package.json", old: old, new: new)])
        #expect(findings.map(\.title) == ["New dependency: left-pad 1.3.0 (package.json)"])
        #expect(findings.first?.severity == .medium)
        #expect(findings.first?.line == 1)
        #expect(findings.first?.evidence.contains("changed lines only") == false)
        // Near miss: the package's own version, and a script, change on the same single line.
        let bumped = #"{"name":"shop","version":"1.1.0","scripts":{"x":"1.2.3"},"dependencies":{"express":"^4.19.0"}}"#
        #expect(try summary("package.json", old, bumped, [:]).isEmpty)
    }

    @Test("package.json: every dependency section, removal and downgrade")
    func packageJSONSections() throws {
        let old = """
            {
              "dependencies": { "react": "^18.3.0", "lodash": "^4.17.21" },
              "devDependencies": { "jest": "29.7.0" }
            }
            """
        let new = """
            {
              "dependencies": { "react": "^18.2.0" },
              "devDependencies": { "jest": "29.7.0" },
              "peerDependencies": { "typescript": ">=5" },
              "optionalDependencies": { "fsevents": "2.3.3" }
            }
            """
        #expect(try summary("web/package.json", old, new, [:]) == [
            "medium Downgraded dependency: react ^18.3.0 → ^18.2.0 (web/package.json)",
            "medium New dependency: typescript >=5 (web/package.json)",
            "medium New dependency: fsevents 2.3.3 (web/package.json)",
            "low Removed dependency: lodash ^4.17.21 (web/package.json)",
        ])
    }

    @Test("a section header far outside the changed lines: Cargo, pyproject, Poetry, go.mod blocks")
    func headerOutsideTheDiff() throws {
        let filler = (0..<40).map { "# note \($0)" }.joined(separator: "\n")
        let cargoOld = "[package]\nname = \"app\"\nversion = \"0.1.0\"\n\n[dependencies]\nserde = \"1\"\n\(filler)\n"
        let cargoNew = cargoOld + "regex = \"1.10\"\n"
        #expect(try summary("Cargo.toml", cargoOld, cargoNew, [:]) == ["medium New dependency: regex 1.10 (Cargo.toml)"])
        // Near miss: the package's own version, under [package], is no dependency.
        let bumped = cargoOld.replacingOccurrences(of: "version = \"0.1.0\"", with: "version = \"0.2.0\"")
        #expect(try summary("Cargo.toml", cargoOld, bumped, [:]).isEmpty)

        let pyOld = "[project]\nname = \"svc\"\ndependencies = [\n    \"httpx>=0.27\",\n\(filler)\n]\n"
        let pyNew = pyOld.replacingOccurrences(of: "\n]\n", with: "\n    \"rich\",\n]\n")
        #expect(try summary("pyproject.toml", pyOld, pyNew, [:]) == ["medium New dependency: rich (pyproject.toml)"])

        let poetryOld = "[tool.poetry.dependencies]\npython = \"^3.11\"\nfastapi = \"^0.110\"\n\(filler)\n"
        let poetryNew = poetryOld + "uvicorn = { version = \"^0.29\", extras = [\"standard\"] }\n"
        #expect(try summary("pyproject.toml", poetryOld, poetryNew, [:])
            == ["medium New dependency: uvicorn ^0.29 (pyproject.toml)"])

        let goOld = "module x\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.0.0\n" + (0..<30).map {
            "\tgithub.com/f/m\($0) v1.0.\($0)"
        }.joined(separator: "\n") + "\n)\n"
        let goNew = goOld.replacingOccurrences(of: "\n)\n", with: "\n\tgithub.com/new/dep v0.3.0\n)\n")
        #expect(try summary("go.mod", goOld, goNew, [:]) == ["medium New dependency: github.com/new/dep v0.3.0 (go.mod)"])
    }

    @Test("a pre-release comes before its release; two pseudo-versions are not ordered")
    func preReleases() throws {
        let pre = "module x\n\nrequire github.com/a/b v1.7.0-pre.3\n"
        let release = "module x\n\nrequire github.com/a/b v1.7.0\n"
        #expect(try summary("go.mod", pre, release, [:])
            == ["info Upgraded dependency: github.com/a/b v1.7.0-pre.3 → v1.7.0 (go.mod)"])
        #expect(try summary("go.mod", release, pre, [:])
            == ["medium Downgraded dependency: github.com/a/b v1.7.0 → v1.7.0-pre.3 (go.mod)"])
        // Near miss: pseudo-versions of one base version cannot be ordered by their numbers.
        let one = "module x\n\nrequire github.com/a/b v0.0.0-20221011235721-518229cd8021\n"
        let two = "module x\n\nrequire github.com/a/b v0.0.0-20230101000000-aaaaaaaaaaaa\n"
        #expect(try summary("go.mod", one, two, [:]).first?.hasPrefix("low Changed dependency") == true)
    }

    @Test("downgrades alert at medium; the near miss, an upgrade, is info")
    func downgrade() throws {
        let old = "module x\n\nrequire github.com/a/b v1.6.0\n"
        #expect(try summary("go.mod", old, "module x\n\nrequire github.com/a/b v1.5.9\n", [:])
            == ["medium Downgraded dependency: github.com/a/b v1.6.0 → v1.5.9 (go.mod)"])
        #expect(try summary("go.mod", old, "module x\n\nrequire github.com/a/b v1.10.0\n", [:])
            == ["info Upgraded dependency: github.com/a/b v1.6.0 → v1.10.0 (go.mod)"])
        #expect(try summary("requirements.txt", "Django==5.0.1\n", "django==4.2.11\n", [:])
            == ["medium Downgraded dependency: django ==5.0.1 → ==4.2.11 (requirements.txt)"])
        #expect(try summary("Package.swift", Self.swiftPackage(url: "https://github.com/a/b", "\"1.0.0\"..<\"3.0.0\""),
                            Self.swiftPackage(url: "https://github.com/a/b", "\"1.0.0\"..<\"2.0.0\""), [:])
            == ["medium Downgraded dependency: b 1.0.0..<3.0.0 → 1.0.0..<2.0.0 (Package.swift)"])
    }

    @Test("a move to a fork, a git URL or a path is a source change; the same URL respelled is not")
    func sourceChanges() throws {
        let apple = Self.swiftPackage(url: "https://github.com/apple/swift-nio.git", "from: \"2.65.0\"")
        let fork = Self.swiftPackage(url: "https://github.com/evil/swift-nio.git", "from: \"2.65.0\"")
        #expect(try summary("Package.swift", apple, fork, [:]) == [
            "medium Dependency source changed: swift-nio https://github.com/apple/swift-nio.git from 2.65.0 → "
                + "https://github.com/evil/swift-nio.git from 2.65.0 (Package.swift)"
        ])
        // Near miss: `.git` and a trailing slash dropped, same repository.
        let respelled = Self.swiftPackage(url: "https://github.com/apple/swift-nio/", "from: \"2.65.0\"")
        #expect(try summary("Package.swift", apple, respelled, [:]).isEmpty)

        #expect(try summary("Cargo.toml", "[dependencies]\nserde = \"1.0\"\n",
                            "[dependencies]\nserde = { git = \"https://github.com/fork/serde\" }\n", [:])
            == ["medium Dependency source changed: serde registry 1.0 → git https://github.com/fork/serde (Cargo.toml)"])
        #expect(try summary("package.json", #"{"dependencies":{"express":"^4.19.0"}}"#,
                            #"{"dependencies":{"express":"github:someone/express#v5"}}"#, [:])
            == ["medium Dependency source changed: express registry ^4.19.0 → github:someone/express#v5 (package.json)"])
        #expect(try summary("Gemfile", "source \"https://rubygems.org\"\ngem \"rails\", \"~> 7.1\"\n",
                            "source \"https://rubygems.org\"\ngem \"rails\", git: \"https://github.com/fork/rails\"\n", [:])
            == ["medium Dependency source changed: rails registry ~> 7.1 → git: https://github.com/fork/rails (Gemfile)"])
        let goOld = "module x\n\nrequire golang.org/x/net v0.25.0\n"
        #expect(try summary("go.mod", goOld, goOld + "replace golang.org/x/net => github.com/acme/net v0.0.1\n", [:])
            == ["medium Dependency replaced: golang.org/x/net => github.com/acme/net v0.0.1 (go.mod)"])
    }

    @Test("go.mod: an indirect-only change is info; a direct change beside it still alerts")
    func indirect() throws {
        let old = "module x\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgolang.org/x/sys v0.20.0 // indirect\n)\n"
        let indirectOnly = old.replacingOccurrences(of: "v0.20.0", with: "v0.21.0")
        #expect(try summary("go.mod", old, indirectOnly, [:])
            == ["info Upgraded dependency: golang.org/x/sys v0.20.0 → v0.21.0 (indirect) (go.mod)"])
        let added = old.replacingOccurrences(of: "\n)", with: "\n\tgolang.org/x/text v0.15.0 // indirect\n)")
        #expect(try summary("go.mod", old, added, [:])
            == ["info New dependency: golang.org/x/text v0.15.0 (indirect) (go.mod)"])
        // Near misses: a direct upgrade in the same commit, and an indirect module made direct.
        let both = indirectOnly.replacingOccurrences(of: "github.com/a/b v1.0.0", with: "github.com/a/b v1.2.0")
        #expect(try summary("go.mod", old, both, [:]) == [
            "info Upgraded dependency: github.com/a/b v1.0.0 → v1.2.0 (go.mod)",
            "info Upgraded dependency: golang.org/x/sys v0.20.0 → v0.21.0 (indirect) (go.mod)",
        ])
        let direct = old.replacingOccurrences(of: "v0.20.0 // indirect", with: "v0.21.0")
        #expect(try summary("go.mod", old, direct, [:])
            == ["info Upgraded dependency: golang.org/x/sys v0.20.0 → v0.21.0 (go.mod)"])
        let newDirect = old.replacingOccurrences(of: "\n)", with: "\n\tgithub.com/typo/squat v0.0.1\n)")
        #expect(try summary("go.mod", old, newDirect, [:])
            == ["medium New dependency: github.com/typo/squat v0.0.1 (go.mod)"])
    }

    @Test("lockfile-only churn is one info finding per lockfile; with its manifest it is quiet")
    func lockfileChurn() throws {
        let sum = ManifestFixture.change("go.sum", old: "a v1 h1:x=\n", new: "a v1 h1:x=\nb v2 h1:y=\n")
        let lockOnly = try ManifestFixture.findings([sum])
        #expect(lockOnly.map { "\($0.severity) \($0.title)" } == ["info Lockfile changed without its manifest: go.sum"])
        let npm = ManifestFixture.change("web/package-lock.json", old: "{}\n", new: "{\"a\":1}\n")
        #expect(try ManifestFixture.findings([npm]).map(\.severity) == [.info])
        // Near miss: the manifest changed too, and its change is the alert.
        let mod = ManifestFixture.change(
            "go.mod", old: "module x\n", new: "module x\n\nrequire github.com/b/b v2.0.0\n")
        #expect(try ManifestFixture.findings([mod, sum]).map { "\($0.severity) \($0.title)" }
            == ["medium New dependency: github.com/b/b v2.0.0 (go.mod)"])
        // A lockfile in another folder than the changed manifest is still churn.
        let other = ManifestFixture.change("tools/go.sum", old: "a v1 h1:x=\n", new: "a v2 h1:z=\n")
        #expect(try ManifestFixture.findings([mod, other]).map(\.severity) == [.medium, .info])
        #expect(try ManifestFixture.findings([sum], options: ["lockfile_churn": .bool(false)]).isEmpty)
    }

    @Test("pom.xml, Gemfile, gemspec, requirements and Pipfile read whole")
    func otherKinds() throws {
        let pomOld = "<project><properties><jackson.version>2.17.0</jackson.version></properties>"
            + "<dependencies><dependency><groupId>org.x</groupId><artifactId>core</artifactId>"
            + "<version>1.0</version></dependency></dependencies></project>"
        let pomNew = pomOld.replacingOccurrences(of: "2.17.0", with: "2.16.0")
            .replacingOccurrences(
                of: "</dependencies>",
                with: "<dependency><groupId>org.y</groupId><artifactId>extra</artifactId><version>3</version>"
                    + "</dependency></dependencies>")
        #expect(try summary("pom.xml", pomOld, pomNew, [:]) == [
            "medium Downgraded dependency: jackson.version 2.17.0 → 2.16.0 (pom.xml)",
            "medium New dependency: org.y:extra 3 (pom.xml)",
        ])
        #expect(try summary("Gemfile", "gem \"rack\"\n", "gem \"rack\"\ngem \"pry\", path: \"../pry\"\n", [:])
            == ["medium New dependency: pry at path: ../pry (Gemfile)"])
        #expect(try summary("x.gemspec", "s.add_dependency \"faraday\", \"~> 2.9\"\n",
                            "s.add_dependency \"faraday\", \"~> 2.10\"\n", [:])
            == ["info Upgraded dependency: faraday ~> 2.9 → ~> 2.10 (x.gemspec)"])
        #expect(try summary("Pipfile", "[packages]\nrequests = \"*\"\n", "[packages]\n", [:])
            == ["low Removed dependency: requests * (Pipfile)"])
        #expect(try summary("requirements.txt", nil, "flask==3.0.0\n", [:])
            == ["medium New dependency: flask ==3.0.0 (requirements.txt)"])
        #expect(try summary("requirements.txt", "flask==3.0.0\n", nil, [:])
            == ["low Removed dependency: flask ==3.0.0 (requirements.txt)"])
    }

    @Test("a removal's evidence is the line that declared it, not its title again")
    func removalEvidence() throws {
        let old = "[dependencies]\nserde = \"1\"\nsentry = \"0.45.0\"\n"
        let findings = try ManifestFixture.findings([
            ManifestFixture.change("Cargo.toml", old: old, new: "[dependencies]\nserde = \"1\"\n"),
        ])
        #expect(findings.map(\.title) == ["Removed dependency: sentry 0.45.0 (Cargo.toml)"])
        #expect(findings.first?.evidence == "-sentry = \"0.45.0\"")
    }

    @Test("version_changes = false keeps new dependencies and source switches only")
    func versionChangesOff() throws {
        let old = #"{"dependencies":{"a":"1.0.0","b":"1.0.0"}}"#
        let new = #"{"dependencies":{"a":"0.9.0","b":"git+https://x/b","c":"1.0.0"}}"#
        #expect(try summary("package.json", old, new, ["version_changes": .bool(false)]) == [
            "medium Dependency source changed: b registry 1.0.0 → git+https://x/b (package.json)",
            "medium New dependency: c 1.0.0 (package.json)",
        ])
    }

    @Test("a side over max_manifest_bytes falls back to the changed lines and says so")
    func overTheCap() throws {
        let padding = String(repeating: " ", count: 2000)
        let old = "{\n  \"description\": \"\(padding)\",\n  \"dependencies\": {\n    \"a\": \"1.0.0\"\n  }\n}\n"
        let new = old.replacingOccurrences(of: "\"a\": \"1.0.0\"", with: "\"a\": \"1.0.0\",\n    \"b\": \"2.0.0\"")
        var file = ManifestFixture.change("package.json", old: old, new: new)
        file.oldBytes = nil
        file.newBytes = nil
        let findings = try ManifestFixture.findings([file], options: ["max_manifest_bytes": .integer(1024)])
        #expect(findings.map(\.title) == ["New dependency: b 2.0.0 (package.json)"])
        #expect(findings.first?.evidence.contains("read from changed lines only: old side over 1024 bytes") == true)
        // A change the lines cannot place is said, not dropped.
        let scripts = old.replacingOccurrences(of: "\"description\"", with: "\"summary\"")
        var unplaced = ManifestFixture.change("package.json", old: old, new: scripts)
        unplaced.oldBytes = nil
        unplaced.newBytes = nil
        #expect(try ManifestFixture.findings([unplaced], options: ["max_manifest_bytes": .integer(1024)])
            .map { "\($0.severity) \($0.title)" } == ["info Manifest could not be compared: package.json"])
    }

    @Test("options are validated")
    func options() {
        #expect(Fixture.problems(DependencyChangeCheck.self, ["max_manifest_bytes": .integer(10)]).count == 1)
        #expect(Fixture.problems(DependencyChangeCheck.self, ["lockfile_churn": .string("yes")]).count == 1)
        #expect(Fixture.problems(DependencyChangeCheck.self, ["max_manifest_bytes": .integer(4096)]).isEmpty)
    }

    static func swiftPackage(url: String, _ requirement: String) -> String {
        """
        // swift-tools-version:5.9
        import PackageDescription

        let package = Package(
            name: "App",
            dependencies: [
                .package(url: "\(url)", \(requirement)),
            ]
        )

        """
    }
}

extension WholeManifestTests {
    @Test("Gemfile: a gem moved into another server's source block is a source change")
    func gemSourceBlock() throws {
        let old = "source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.1\"\ngem \"acme-auth\", \"1.2\"\n"
        let new = "source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.1\"\n"
            + "source \"https://gems.attacker.example\" do\n  gem \"acme-auth\", \"1.2\"\nend\n"
        #expect(try summary("Gemfile", old, new, [:]) == [
            "medium Dependency source changed: acme-auth registry 1.2 → source: https://gems.attacker.example 1.2 "
                + "(Gemfile)"
        ])
        // Near miss: a group block names no server.
        let grouped = "source \"https://rubygems.org\"\n\ngem \"rails\", \"~> 7.1\"\n"
            + "group :development do\n  gem \"acme-auth\", \"1.2\"\nend\n"
        #expect(try summary("Gemfile", old, grouped, [:]).isEmpty)
    }
}
