import Testing

@testable import VigilCore

/// The happy path: a full config maps to the typed values an operator wrote.
@Suite struct ConfigLoaderTests {
    static let full = """
        [daemon]
        poll_interval = "500ms"
        state_dir = "/tmp/vigil-state"
        alert_log = "relative/alerts.jsonl"

        [[repos]]
        path = "/srv/git/*.git"
        refs = ["refs/heads/*", "refs/tags/v*"]
        protected_refs = ["refs/heads/main"]
        scope = "all"
        initial = "last:100"
        fetch = true

        [repos.checks.mass-deletion]
        max_deleted_lines = 5000

        [[repos]]
        path = "/srv/other.git"
        initial = "full"

        [attribution]
        builtin = false
        disabled = ["aider.trailer"]
        notes_ref = "refs/notes/git-ai"

        [[attribution.signatures]]
        tool = "acme-agent"
        field = "author-email"
        pattern = '(?i)^agent@acme\\.example$'

        [[attribution.signatures]]
        id = "acme.trailer"
        tool = "acme-agent"
        field = "trailer"
        pattern = '^Generated-By: acme'

        [checks.secrets]
        rules = "builtin"
        [checks.mass-deletion]
        max_deleted_lines = 1000
        [checks.protected-path]
        paths = ["migrations/**", "billing/**"]

        [followup]
        command = ["/usr/local/bin/notify-team", "--channel", "ops"]
        max_attempts = 3
        """

    @Test func mapsEverySectionToTypedValues() throws {
        let config = try ConfigLoader.parse(Self.full, file: "/etc/vigil/vigil.toml")
        #expect(config.source == "/etc/vigil/vigil.toml")

        #expect(config.daemon.pollInterval == .milliseconds(500))
        #expect(config.daemon.stateDirectory == "/tmp/vigil-state")
        #expect(config.daemon.alertLog == "relative/alerts.jsonl")  // kept as written

        try #require(config.repos.count == 2)
        let first = config.repos[0]
        #expect(first.path == "/srv/git/*.git")
        #expect(first.refs == ["refs/heads/*", "refs/tags/v*"])
        #expect(first.protectedRefs == ["refs/heads/main"])
        #expect(first.scope == .all)
        #expect(first.initial == .last(100))
        #expect(first.fetch)
        #expect(first.line == 6)
        let override = try #require(first.checks["mass-deletion"])
        #expect(override.path == "repos[0].checks.mass-deletion")
        #expect(override.line == 14)
        #expect(override.entries["max_deleted_lines"] == ConfigEntry(value: .integer(5000), line: 15))

        let second = config.repos[1]
        #expect(second.path == "/srv/other.git")
        #expect(second.refs == ["refs/heads/*"])
        #expect(second.protectedRefs.isEmpty)
        #expect(second.scope == .ai)
        #expect(second.initial == .full)
        #expect(!second.fetch)
        #expect(second.checks.isEmpty)
        #expect(second.line == 17)

        #expect(!config.attribution.builtin)
        #expect(config.attribution.disabled == ["aider.trailer"])
        #expect(config.attribution.notesRef == "refs/notes/git-ai")
        #expect(
            config.attribution.signatures == [
                SignatureSpec(
                    id: "custom.acme-agent.0", tool: "acme-agent", field: .authorEmail,
                    pattern: #"(?i)^agent@acme\.example$"#, line: 26),
                SignatureSpec(
                    id: "acme.trailer", tool: "acme-agent", field: .trailer, pattern: "^Generated-By: acme", line: 31),
            ])

        #expect(Set(config.checks.keys) == ["secrets", "mass-deletion", "protected-path"])
        let secrets = try #require(config.checks["secrets"])
        #expect(secrets.path == "checks.secrets")
        #expect(secrets.line == 37)
        #expect(try secrets.string("rules") == "builtin")
        let protected = try #require(config.checks["protected-path"])
        #expect(try protected.strings("paths") == ["migrations/**", "billing/**"])
        #expect(protected.line(of: "paths") == 42)

        #expect(config.followUp.command == ["/usr/local/bin/notify-team", "--channel", "ops"])
        #expect(config.followUp.maxAttempts == 3)
    }

    @Test func emptyTextIsTheBuiltInDefaultWithNoRepositories() throws {
        for text in ["", "\n\n", "# only a comment\n", "\u{FEFF}"] {
            let config = try ConfigLoader.parse(text, file: "empty.toml")
            let builtIn = VigilConfig.builtInDefault
            #expect(config.repos.isEmpty)
            #expect(config.daemon == builtIn.daemon)
            #expect(config.attribution == builtIn.attribution)
            #expect(config.followUp == builtIn.followUp)
            #expect(config.checks.isEmpty)
            #expect(config.source == "empty.toml")
        }
    }

    @Test func builtInDefaultHoldsTheDocumentedValues() {
        let config = VigilConfig.builtInDefault
        #expect(config.daemon.pollInterval == .seconds(30))
        #expect(config.daemon.stateDirectory == "/var/lib/vigil")
        #expect(config.daemon.alertLog == "/var/log/vigil/alerts.jsonl")
        #expect(config.repos.isEmpty)
        #expect(config.attribution.builtin)
        #expect(config.attribution.disabled.isEmpty)
        #expect(config.attribution.signatures.isEmpty)
        #expect(config.attribution.notesRef == "refs/notes/ai")
        #expect(config.checks.isEmpty)
        #expect(config.followUp.command == nil)
        #expect(config.followUp.maxAttempts == 5)
        #expect(config.source == nil)
    }

    @Test func durationsInEveryUnit() throws {
        let cases: [(String, Duration)] = [
            ("100ms", .milliseconds(100)), ("30s", .seconds(30)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
        ]
        for (text, expected) in cases {
            let config = try ConfigLoader.parse("[daemon]\npoll_interval = \"\(text)\"\n", file: nil)
            #expect(config.daemon.pollInterval == expected, "\(text)")
        }
    }

    @Test func initialScanForms() throws {
        let cases: [(String, InitialScan)] = [("baseline", .baseline), ("full", .full), ("last:1", .last(1))]
        for (text, expected) in cases {
            let config = try ConfigLoader.parse("[[repos]]\npath = \"/r\"\ninitial = \"\(text)\"\n", file: nil)
            #expect(config.repos.first?.initial == expected, "\(text)")
        }
    }

    @Test func repositoriesWrittenAsAnInlineArrayOfTables() throws {
        let text = """
            repos = [
                { path = "/a.git" },
                { path = "/b.git", scope = "all" },
            ]
            """
        let config = try ConfigLoader.parse(text, file: nil)
        #expect(config.repos.map(\.path) == ["/a.git", "/b.git"])
        #expect(config.repos.map(\.line) == [2, 3])
        #expect(config.repos[1].scope == .all)
    }

    @Test func checkTablesKeepTheirContentsForTheCatalogue() throws {
        let text = """
            [checks.risky-pattern]
            rules = [{ id = "drop-table", regex = '(?i)drop\\s+table' }]
            future_option = 3.5
            """
        let config = try ConfigLoader.parse(text, file: nil)
        let table = try #require(config.checks["risky-pattern"])
        #expect(table.entries["future_option"] == ConfigEntry(value: .float(3.5), line: 3))
        let rules = try #require(try table.tables("rules"))
        #expect(rules.first?.path == "checks.risky-pattern.rules[0]")
        #expect(rules.first?.line == 2)
        #expect(try rules.first?.string("regex") == #"(?i)drop\s+table"#)
    }
}
