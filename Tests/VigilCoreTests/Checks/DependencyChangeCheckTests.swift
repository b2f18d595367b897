import Testing
import VigilGit

@testable import VigilCore

@Suite("dependency-change")
struct DependencyChangeCheckTests {
    private func titles(
        _ path: String, added: [String], removed: [String] = [], from start: Int = 10,
        options: KeyValuePairs<String, ConfigValue> = [:]
    ) throws -> [String] {
        let check = try Fixture.check(DependencyChangeCheck.self, options)
        let file = Fixture.modified(
            path, added: Fixture.lines(added, from: start), removed: Fixture.lines(removed, from: start)
        )
        return check.run(try Fixture.context([file])).map(\.title)
    }

    @Test("package.json: an entry added to dependencies, a version bumped")
    func packageJSON() throws {
        #expect(try titles("package.json", added: ["    \"left-pad\": \"1.3.0\","])
            == ["New dependency: left-pad 1.3.0 (package.json)"])
        let bump = try titles(
            "web/package.json", added: ["    \"lodash\": \"^4.17.21\""], removed: ["    \"lodash\": \"^4.17.20\""]
        )
        #expect(bump == ["Upgraded dependency: lodash ^4.17.20 → ^4.17.21 (web/package.json)"])
        let newFile = [
            "{", "  \"name\": \"shop\",", "  \"version\": \"1.2.0\",", "  \"scripts\": {", "    \"test\": \"jest\",",
            "    \"build\": \"tsc -p .\"", "  },", "  \"engines\": { \"node\": \">=20\" },", "  \"devDependencies\": {",
            "    \"@types/node\": \"^20.1.0\",", "    \"jest\": \"29.7.0\"", "  },", "  \"dependencies\": {",
            "    \"express\": \"github:expressjs/express#v5\"", "  }", "}",
        ]
        #expect(try titles("package.json", added: newFile, from: 1) == [
            "New dependency: @types/node ^20.1.0 (package.json)", "New dependency: jest 29.7.0 (package.json)",
            "New dependency: express github:expressjs/express#v5 (package.json)",
        ])
    }

    @Test("package.json: version fields, engines and scripts are not dependencies")
    func packageJSONNearMisses() throws {
        #expect(
            try titles("package.json", added: ["  \"version\": \"2.0.0\","], removed: ["  \"version\": \"1.9.0\","])
                .isEmpty
        )
        #expect(try titles("package.json", added: ["    \"node\": \">=22\""]).isEmpty)
        #expect(try titles("package.json", added: ["  \"scripts\": {", "    \"semver\": \"1.2.3\"", "  }"]).isEmpty)
    }

    @Test("a lockfile-only change is churn: one info finding, no dependency alert")
    func lockfiles() throws {
        let lockfiles = [
            ("package-lock.json", "      \"version\": \"1.3.0\","), ("yarn.lock", "left-pad@^1.3.0:"),
            ("Cargo.lock", "version = \"1.0.200\""), ("go.sum", "github.com/x/y v1.2.3 h1:abc="),
            ("Package.resolved", "\"version\" : \"1.6.0\""), ("poetry.lock", "version = \"2.31.0\""),
            ("Gemfile.lock", "    rails (7.1.3)"), ("pnpm-lock.yaml", "  /left-pad@1.3.0:"),
        ]
        for (path, line) in lockfiles {
            #expect(try titles(path, added: [line]) == ["Lockfile changed without its manifest: \(path)"], "\(path)")
        }
    }

    @Test("Package.swift: url and requirement, on one line or several")
    func swiftPackage() throws {
        #expect(try titles("Package.swift", added: [
            "        .package(url: \"https://github.com/apple/swift-log\", from: \"1.6.0\"),",
        ]) == ["New dependency: swift-log from 1.6.0 at https://github.com/apple/swift-log (Package.swift)"])
        #expect(try titles("Package.swift", added: [
            "        .package(", "            url: \"https://github.com/vapor/vapor.git\",",
            "            exact: \"4.99.0\"",
            "        ),",
        ]) == ["New dependency: vapor exact 4.99.0 at https://github.com/vapor/vapor.git (Package.swift)"])
        #expect(try titles(
            "Package.swift", added: ["  .package(url: \"https://github.com/a/b\", \"1.0.0\"..<\"3.0.0\"),"],
            removed: ["  .package(url: \"https://github.com/a/b\", \"1.0.0\"..<\"2.0.0\"),"]
        ) == ["Upgraded dependency: b 1.0.0..<2.0.0 → 1.0.0..<3.0.0 (Package.swift)"])
    }

    @Test("requirements files: specifiers, extras, markers, editable URLs; options and comments skipped")
    func requirements() throws {
        let added = [
            "requests[socks]>=2.31,<3 ; python_version > \"3.8\"", "# a comment", "-r base.txt",
            "--index-url https://pypi.example/simple", "-e git+https://github.com/acme/tool.git#egg=acme-tool",
            "Django==5.0.1  # LTS", "numpy",
        ]
        #expect(try titles("requirements/dev.txt", added: added) == [
            "New dependency: requests >=2.31,<3 (requirements/dev.txt)",
            "New dependency: acme-tool git+https://github.com/acme/tool.git#egg=acme-tool (requirements/dev.txt)",
            "New dependency: Django ==5.0.1 (requirements/dev.txt)", "New dependency: numpy (requirements/dev.txt)",
        ])
        #expect(try titles("requirements.txt", added: ["django==5.0.2"], removed: ["Django==5.0.1"])
            == ["Upgraded dependency: django ==5.0.1 → ==5.0.2 (requirements.txt)"])
    }

    @Test("pyproject.toml: PEP 621 arrays, Poetry tables, and lines seen without their table")
    func pyproject() throws {
        #expect(try titles("pyproject.toml", added: [
            "[project]", "name = \"shop\"", "version = \"0.1.0\"", "dependencies = [", "    \"httpx>=0.27\",",
            "    \"pydantic\",", "]", "keywords = [", "    \"orders\",", "]",
        ]) == [
            "New dependency: httpx >=0.27 (pyproject.toml)", "New dependency: pydantic (pyproject.toml)",
        ])
        #expect(try titles("pyproject.toml", added: [
            "[tool.poetry.dependencies]", "python = \"^3.11\"", "fastapi = \"^0.110\"",
            "sqlalchemy = { version = \"^2.0\", extras = [\"asyncio\"] }",
        ]) == [
            "New dependency: fastapi ^0.110 (pyproject.toml)", "New dependency: sqlalchemy ^2.0 (pyproject.toml)",
        ])
        #expect(
            try titles("pyproject.toml", added: ["    \"rich>=13\","]) == ["New dependency: rich >=13 (pyproject.toml)"]
        )
        #expect(try titles("pyproject.toml", added: ["version = \"0.2.0\""], removed: ["version = \"0.1.0\""]).isEmpty)
    }

    @Test("go.mod: require lines and blocks, replace directives")
    func goMod() throws {
        #expect(try titles("go.mod", added: [
            "require (", "\tgithub.com/google/uuid v1.6.0", "\tgolang.org/x/net v0.25.0 // indirect", ")",
            "replace golang.org/x/net => github.com/acme/net v0.0.1",
        ]) == [
            "New dependency: github.com/google/uuid v1.6.0 (go.mod)",
            "New dependency: golang.org/x/net v0.25.0 (indirect) (go.mod)",
            "Dependency replaced: golang.org/x/net => github.com/acme/net v0.0.1 (go.mod)",
        ])
        let upgrade = try titles(
            "go.mod", added: ["\tgithub.com/google/uuid v1.6.1"], removed: ["\tgithub.com/google/uuid v1.6.0"]
        )
        #expect(upgrade == ["Upgraded dependency: github.com/google/uuid v1.6.0 → v1.6.1 (go.mod)"])
        #expect(try titles("go.mod", added: ["go 1.23"], removed: ["go 1.22"]).isEmpty)
    }

    @Test("Cargo.toml: dependency tables, inline tables, [dependencies.x] and the package version")
    func cargo() throws {
        #expect(try titles("Cargo.toml", added: [
            "[dependencies]", "serde = { version = \"1.0\", features = [\"derive\"] }", "tokio = \"1\"",
            "[dev-dependencies.proptest]", "version = \"1.4\"",
        ]) == [
            "New dependency: serde 1.0 (Cargo.toml)", "New dependency: tokio 1 (Cargo.toml)",
            "New dependency: proptest 1.4 (Cargo.toml)",
        ])
        #expect(try titles("Cargo.toml", added: ["version = \"0.3.0\""], removed: ["version = \"0.2.0\""]).isEmpty)
        #expect(try titles("crates/x/Cargo.toml", added: ["rand = \"0.9\""], removed: ["rand = \"0.8\""])
            == ["Upgraded dependency: rand 0.8 → 0.9 (crates/x/Cargo.toml)"])
    }

    @Test("Gemfile and gemspec")
    func ruby() throws {
        let gems = try titles(
            "Gemfile", added: ["gem \"rails\", \"~> 7.1\", \">= 7.1.2\"", "gem 'pry', group: :development"]
        )
        #expect(gems == ["New dependency: rails ~> 7.1, >= 7.1.2 (Gemfile)", "New dependency: pry (Gemfile)"])
        #expect(try titles("shop.gemspec", added: ["  spec.add_dependency \"faraday\", \"~> 2.9\""])
            == ["New dependency: faraday ~> 2.9 (shop.gemspec)"])
    }

    @Test("pom.xml blocks and version properties; build.gradle coordinates")
    func jvm() throws {
        #expect(try titles("pom.xml", added: [
            "    <dependency>", "      <groupId>com.fasterxml.jackson.core</groupId>",
            "      <artifactId>jackson-databind</artifactId>", "      <version>2.17.0</version>", "    </dependency>",
        ]) == ["New dependency: com.fasterxml.jackson.core:jackson-databind 2.17.0 (pom.xml)"])
        #expect(try titles("pom.xml", added: ["    <spring.version>6.1.5</spring.version>"],
                           removed: ["    <spring.version>6.1.4</spring.version>"])
            == ["Upgraded dependency: spring.version 6.1.4 → 6.1.5 (pom.xml)"])
        #expect(try titles("pom.xml", added: ["  <version>1.3.0-SNAPSHOT</version>"],
                           removed: ["  <version>1.2.0</version>"]).isEmpty)
        #expect(try titles("app/build.gradle.kts", added: [
            "    implementation(\"com.squareup.okhttp3:okhttp:4.12.0\")", "    testImplementation 'junit:junit:4.13.2'",
            "    id(\"org.jetbrains.kotlin.jvm\") version \"2.0.0\"",
        ]) == [
            "New dependency: com.squareup.okhttp3:okhttp 4.12.0 (app/build.gradle.kts)",
            "New dependency: junit:junit 4.13.2 (app/build.gradle.kts)",
            "New dependency: plugin org.jetbrains.kotlin.jvm 2.0.0 (app/build.gradle.kts)",
        ])
    }

    @Test("moving or reformatting an entry raises nothing; ignore and version_changes options")
    func quietAndOptions() throws {
        #expect(try titles("requirements.txt", added: ["flask==3.0.0"], removed: ["flask == 3.0.0"]).isEmpty)
        #expect(try titles("package.json", added: ["\"@acme/ui\": \"2.0.0\""],
                           options: ["ignore": Fixture.strings(["@acme/*"])]).isEmpty)
        #expect(try titles("go.mod", added: ["\tgithub.com/a/b v1.1.0"], removed: ["\tgithub.com/a/b v1.0.0"],
                           options: ["version_changes": .bool(false)]).isEmpty)
    }

    @Test("a huge generated manifest is capped, with one summary finding")
    func capped() throws {
        let lines = (0..<500).map { "package-\($0)==1.0.\($0)" }
        let found = try titles("requirements.txt", added: lines, options: ["max_findings_per_file": .integer(20)])
        #expect(found.count == 21)
        #expect(found.last == "480 more dependency changes in requirements.txt")
    }
}
