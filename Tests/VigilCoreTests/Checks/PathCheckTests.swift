import Testing
import VigilGit

@testable import VigilCore

@Suite("protected-path and ci-change")
struct PathCheckTests {
    @Test("changes under the default protected globs raise one finding per file")
    func protectedDefaults() throws {
        let check = try Fixture.check(ProtectedPathCheck.self)
        let files = [
            Fixture.added("db/migrations/0042_drop_orders.sql", ["DROP TABLE orders;"]),
            Fixture.modified("src/billing/invoice.py", added: Fixture.lines(["x = 1"])),
            Fixture.deleted(".github/CODEOWNERS"),
            Fixture.modified("infra/prod/main.tf", added: Fixture.lines(["count = 0"])),
            Fixture.modified("src/app/views.py", added: Fixture.lines(["pass"])),
        ]
        let findings = check.run(try Fixture.context(files))
        #expect(findings.map(\.path) == [
            "db/migrations/0042_drop_orders.sql", "src/billing/invoice.py", ".github/CODEOWNERS", "infra/prod/main.tf",
        ])
        #expect(findings.allSatisfy { $0.check == "protected-path" && $0.severity == .medium })
        #expect(findings[2].title == "Protected path deleted: .github/CODEOWNERS")
    }

    @Test("a rename counts when either side is protected")
    func renames() throws {
        let check = try Fixture.check(ProtectedPathCheck.self)
        let out = check.run(try Fixture.context([Fixture.renamed("billing/tax.py", "attic/tax.py")]))
        #expect(out.first?.path == "billing/tax.py")
        #expect(out.first?.evidence.contains("renamed billing/tax.py → attic/tax.py") == true)
        let into = check.run(try Fixture.context([Fixture.renamed("tmp/0001.sql", "migrations/0001.sql")]))
        #expect(into.first?.path == "migrations/0001.sql")
        #expect(check.run(try Fixture.context([Fixture.renamed("docs/a.md", "docs/b.md")])).isEmpty)
    }

    @Test("paths replaces the defaults, extra_paths adds to them")
    func configuredPaths() throws {
        let replaced = try Fixture.check(ProtectedPathCheck.self, ["paths": Fixture.strings(["secrets/**"])])
        #expect(replaced.run(try Fixture.context([Fixture.deleted("billing/x.py")])).isEmpty)
        #expect(replaced.run(try Fixture.context([Fixture.deleted("secrets/prod.env")])).count == 1)

        let extended = try Fixture.check(ProtectedPathCheck.self, ["extra_paths": Fixture.strings(["auth/**"])])
        let files = [Fixture.deleted("billing/x.py"), Fixture.deleted("auth/login.go")]
        #expect(extended.run(try Fixture.context(files)).count == 2)
    }

    @Test("bad globs and a single string instead of an array are reported with key and line")
    func badOptions() {
        let problems = Fixture.problems(
            ProtectedPathCheck.self, ["paths": Fixture.strings(["ok/**", "bad/[x"]), "extra_paths": .string("auth/**")]
        )
        #expect(problems.count == 2)
        #expect(problems.contains {
            $0.key == "checks.protected-path.paths" && $0.line == 11 && $0.message.contains("[")
        })
        #expect(problems.contains { $0.key == "checks.protected-path.extra_paths" && $0.message.contains("array") })
    }

    @Test("a vendored crate's CI definitions are not the project's")
    func vendoredCIDefinitions() throws {
        let check = try Fixture.check(CIChangeCheck.self)
        let vendored = ["vendor/fnv/.travis.yml", "vendor/errno/.github/workflows/main.yml",
                        "third_party/zlib/.circleci/config.yml", "web/node_modules/x/.gitlab-ci.yml"]
        #expect(check.run(try Fixture.context(vendored.map { Fixture.added($0, ["script: make"]) })).isEmpty)
        // Near misses: the project's own definitions, also beside a vendor folder, still count.
        let own = [".travis.yml", ".github/workflows/vendor.yml", "services/vendoring/.gitlab-ci.yml"]
        #expect(check.run(try Fixture.context(own.map { Fixture.added($0, ["script: make"]) })).count == 3)
        let off = try Fixture.check(CIChangeCheck.self, ["vendored_paths": Fixture.strings([])])
        #expect(off.run(try Fixture.context([Fixture.added("vendor/fnv/.travis.yml", ["x"])])).count == 1)
    }

    @Test("CI definitions across systems are flagged; ordinary YAML is not")
    func ciChanges() throws {
        let check = try Fixture.check(CIChangeCheck.self)
        let ci = [
            ".github/workflows/deploy.yml", ".gitlab-ci.yml", "Jenkinsfile", "ci/Jenkinsfile", ".circleci/config.yml",
            "azure-pipelines.yml", ".buildkite/pipeline.yml", ".travis.yml", "bitbucket-pipelines.yml",
            ".ci/run", ".github/actions/setup/action.yml",
        ]
        let files = ci.map { Fixture.modified($0, added: Fixture.lines(["run: make"])) }
            + [Fixture.modified("config/app.yml", added: Fixture.lines(["x: 1"])), Fixture.deleted("docs/ci.md")]
        let findings = check.run(try Fixture.context(files))
        #expect(findings.map(\.path) == ci)
        #expect(findings.first?.title == "CI definition changed: .github/workflows/deploy.yml")
    }
}

@Suite("large-file")
struct LargeFileCheckTests {
    @Test("a blob over the limit is flagged, with its size")
    func largeBlob() throws {
        let check = try Fixture.check(LargeFileCheck.self)
        let dump = Fixture.added("backup/prod.sql", ["-- dump"], size: 12 * 1024 * 1024)
        let finding = try #require(check.run(try Fixture.context([dump])).first)
        #expect(finding.title == "Large file added: backup/prod.sql (12.0 MiB)")
        #expect(finding.evidence.contains("5.0 MiB limit"))
    }

    @Test("a new binary is flagged unless it is an allowed asset type")
    func newBinaries() throws {
        let check = try Fixture.check(LargeFileCheck.self)
        let files = [
            Fixture.added("tools/helper.exe", [], size: 40_000, binary: true),
            Fixture.added("assets/logo.png", [], size: 40_000, binary: true),
            Fixture.added("fonts/Inter.woff2", [], size: 40_000, binary: true),
        ]
        let findings = check.run(try Fixture.context(files))
        #expect(findings.map(\.path) == ["tools/helper.exe"])
        #expect(findings.first?.title == "Binary file added: tools/helper.exe (39.1 KiB)")
    }

    @Test("unchanged blobs, small edits, symlinks and submodules stay quiet")
    func quiet() throws {
        let check = try Fixture.check(LargeFileCheck.self)
        let big: Int64 = 50 * 1024 * 1024
        let blob = try #require(ObjectID(hex: String(repeating: "e", count: 40)))
        let files = [
            FileChange(status: .renamed, oldPath: "a.bin", newPath: "b.bin", oldContent: .binary, newContent: .binary,
                       oldSize: big, newSize: big, oldBlob: blob, newBlob: blob),
            Fixture.modified("src/small.c", added: Fixture.lines(["int x;"])),
            FileChange(
                status: .added, oldPath: "vendor/lib", newPath: "vendor/lib", oldMode: .absent, newMode: .submodule
            ),
            FileChange(status: .added, oldPath: "link", newPath: "link", oldMode: .absent, newMode: .symlink,
                       newContent: .binary, newSize: 10),
            Fixture.deleted("huge.iso"),
        ]
        #expect(check.run(try Fixture.context(files)).isEmpty)
    }

    @Test("options: max_bytes, new_binaries and extra_allow_binary")
    func options() throws {
        let check = try Fixture.check(
            LargeFileCheck.self,
            [
                "max_bytes": .integer(1000), "new_binaries": .bool(false),
                "extra_allow_binary": Fixture.strings(["*.bin"]),
            ]
        )
        #expect(check.run(try Fixture.context([Fixture.added("x.exe", [], size: 500, binary: true)])).isEmpty)
        #expect(check.run(try Fixture.context([Fixture.added("notes.txt", ["a"], size: 2000)])).count == 1)
        let problems = Fixture.problems(LargeFileCheck.self, ["max_bytes": .integer(0), "new_binaries": .string("yes")])
        #expect(problems.map(\.key).sorted() == ["checks.large-file.max_bytes", "checks.large-file.new_binaries"])
    }
}

@Suite("conflict-marker")
struct ConflictMarkerCheckTests {
    @Test("a committed conflict is one finding on its start line")
    func conflict() throws {
        let check = try Fixture.check(ConflictMarkerCheck.self)
        let file = Fixture.modified(
            "src/app.js",
            added: Fixture.lines(["<<<<<<< HEAD", "const port = 8080;", "=======", "const port = 9090;",
                                  ">>>>>>> feature/port"], from: 20)
        )
        let findings = check.run(try Fixture.context([file]))
        #expect(findings.count == 1)
        #expect(findings.first?.line == 20)
        #expect(findings.first?.evidence.contains("closed at line 24") == true)
    }

    @Test("a Markdown heading underline is not a conflict marker")
    func markdownUnderline() throws {
        let check = try Fixture.check(ConflictMarkerCheck.self)
        let file = Fixture.added("README.md", ["Install", "=======", "", "Run `make`.", "Usage", "=========="])
        #expect(check.run(try Fixture.context([file])).isEmpty)
    }

    @Test("eight angle brackets, or markers not at the line start, are not markers")
    func nearMisses() throws {
        let check = try Fixture.check(ConflictMarkerCheck.self)
        let file = Fixture.added("notes.txt", ["<<<<<<<< wide", "  <<<<<<< indented", "x >>>>>>> y", "<<<<<<<x"])
        #expect(check.run(try Fixture.context([file])).isEmpty)
    }

    @Test("an end marker alone, and an unclosed start, are still reported")
    func halves() throws {
        let check = try Fixture.check(ConflictMarkerCheck.self)
        let end = Fixture.modified("a.py", added: [DiffLine(number: 7, text: ">>>>>>> main")])
        let start = Fixture.modified("b.py", added: [DiffLine(number: 3, text: "<<<<<<<")])
        let findings = check.run(try Fixture.context([end, start]))
        #expect(findings.map(\.line) == [7, 3])
        #expect(findings[1].evidence.contains("not closed"))
    }

    @Test("exclude_paths quiets files that show conflicts on purpose")
    func excluded() throws {
        let check = try Fixture.check(ConflictMarkerCheck.self, ["exclude_paths": Fixture.strings(["docs/**"])])
        let file = Fixture.added("docs/merging.md", ["<<<<<<< ours", "=======", ">>>>>>> theirs"])
        #expect(check.run(try Fixture.context([file])).isEmpty)
    }
}
