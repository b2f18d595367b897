import Testing

@testable import VigilCore

/// Every validation rule, each asserted with the key and line an operator would be sent to.
@Suite struct ConfigValidationTests {
    // MARK: - Unknown keys

    @Test func unknownKeysAreErrorsInEverySection() {
        let text = """
            colour = "red"
            [daemon]
            pol_interval = "1s"
            [[repos]]
            path = "/r"
            scopes = "all"
            [attribution]
            built_in = true
            [[attribution.signatures]]
            tool = "t"
            field = "message"
            pattern = "x"
            tools = "u"
            [followup]
            cmd = ["x"]
            """
        let problems = configProblems(text)
        #expect(problems.count == 6, "\(problems)")
        expectProblem(problems, key: "colour", line: 1, message: "unknown key")
        expectProblem(problems, key: "daemon.pol_interval", line: 3, message: "poll_interval")
        expectProblem(problems, key: "repos[0].scopes", line: 6, message: "unknown key")
        expectProblem(problems, key: "attribution.built_in", line: 8, message: "builtin")
        expectProblem(problems, key: "attribution.signatures[0].tools", line: 13, message: "unknown key")
        expectProblem(problems, key: "followup.cmd", line: 15, message: "command")
        #expect(problems.allSatisfy { $0.file == "test.toml" })
        #expect(problems.map(\.line) == [1, 3, 6, 8, 13, 15], "reported in file order")
    }

    @Test func unknownKeyWrittenAsADottedKeyOrInlineTable() {
        let text = """
            daemon.poll_interval = "1s"
            daemon.extra = 1
            followup = { command = ["x"], retries = 2 }
            """
        let problems = configProblems(text)
        expectProblem(problems, key: "daemon.extra", line: 2, message: "unknown key")
        expectProblem(problems, key: "followup.retries", line: 3, message: "unknown key")
        #expect(problems.count == 2)
    }

    // MARK: - Types

    @Test func wrongTypesNameWhatWasExpected() {
        let text = """
            [daemon]
            poll_interval = 30
            state_dir = ["/var/lib/vigil"]
            [[repos]]
            path = "/r"
            fetch = "yes"
            refs = "refs/heads/*"
            protected_refs = ["refs/heads/main", 7]
            [attribution]
            builtin = 1
            [followup]
            max_attempts = "5"
            """
        let problems = configProblems(text)
        expectProblem(problems, key: "daemon.poll_interval", line: 2, message: "expected a string, found an integer")
        expectProblem(problems, key: "daemon.state_dir", line: 3, message: "expected a string, found an array")
        expectProblem(problems, key: "repos[0].fetch", line: 6, message: "expected true or false, found a string")
        expectProblem(problems, key: "repos[0].refs", line: 7, message: "expected an array of strings, found a string")
        expectProblem(problems, key: "repos[0].protected_refs", line: 8, message: "element that is an integer")
        expectProblem(problems, key: "attribution.builtin", line: 10, message: "expected true or false")
        expectProblem(problems, key: "followup.max_attempts", line: 12, message: "expected an integer, found a string")
        #expect(problems.count == 7)
    }

    @Test func sectionsMustBeTables() {
        let text = """
            daemon = "fast"
            attribution = [1]
            checks = 3
            followup = true
            """
        let problems = configProblems(text)
        expectProblem(problems, key: "daemon", line: 1, message: "expected a table, found a string")
        expectProblem(problems, key: "attribution", line: 2, message: "expected a table, found an array")
        expectProblem(problems, key: "checks", line: 3, message: "expected a table, found an integer")
        expectProblem(problems, key: "followup", line: 4, message: "expected a table, found a boolean")
    }

    @Test func reposWrittenAsASingleTableSaysHowToFixIt() {
        let problems = configProblems("# repos\n[repos]\npath = \"/r\"\n")
        expectProblem(problems, key: "repos", line: 2, message: "write each as [[repos]]")
        #expect(problems.count == 1)
    }

    @Test func checkEntriesMustBeTables() {
        let text = """
            [checks]
            secrets = "builtin"
            [[repos]]
            path = "/r"
            checks = { mass-deletion = 5 }
            """
        let problems = configProblems(text)
        expectProblem(
            problems, key: "checks.secrets", line: 2, message: "expected a table of the check's options, found a string"
        )
        expectProblem(problems, key: "repos[0].checks.mass-deletion", line: 5, message: "expected a table")
    }

    @Test func datesAreRefusedWithWhatWasExpected() {
        let text = """
            [daemon]
            poll_interval = 2024-01-01
            [[repos]]
            path = 1979-05-27T07:32:00Z
            [checks.secrets]
            since = 07:32:00
            """
        let problems = configProblems(text)
        expectProblem(problems, key: "daemon.poll_interval", line: 2, message: "found a date")
        expectProblem(problems, key: "daemon.poll_interval", line: 2, message: "expected a duration")
        expectProblem(problems, key: "repos[0].path", line: 4, message: "expected a string, found a date-time")
        expectProblem(problems, key: "checks.secrets.since", line: 6, message: "found a time")
        #expect(problems.count == 3, "a date in place of the path is not also reported as a missing path")
    }

    @Test func unknownKeyHoldingADateIsAnUnknownKey() {
        let problems = configProblems("[daemon]\nstarted = 2024-01-01\n")
        expectProblem(problems, key: "daemon.started", line: 2, message: "unknown key")
    }

    // MARK: - Values

    @Test func pollIntervalMustBeADurationOfAtLeast100ms() {
        let tooShort = ["99ms", "0s", "0ms"]
        let malformed = ["30", "30 s", "1.5s", "-1s", "5d", "", "s", "99999999999999999999h", "1H"]
        for text in tooShort + malformed {
            let problems = configProblems("\n[daemon]\npoll_interval = \"\(text)\"\n")
            let message = tooShort.contains(text) ? "must be at least 100ms" : "expected a duration"
            expectProblem(problems, key: "daemon.poll_interval", line: 3, message: message)
        }
        let fifty = configProblems("[daemon]\npoll_interval = \"50ms\"\n")
        expectProblem(fifty, key: "daemon.poll_interval", line: 2, message: "at least 100ms, found 50ms")
    }

    @Test func pathsMustNotBeEmpty() {
        let text = """
            [daemon]
            state_dir = ""
            alert_log = ""
            [[repos]]
            path = ""
            """
        let problems = configProblems(text)
        expectProblem(problems, key: "daemon.state_dir", line: 2, message: "must not be empty")
        expectProblem(problems, key: "daemon.alert_log", line: 3, message: "must not be empty")
        expectProblem(problems, key: "repos[0].path", line: 5, message: "must not be empty")
    }

    @Test func repositoryPathIsRequired() {
        let text = """
            [[repos]]
            path = "/ok"

            [[repos]]
            scope = "all"
            """
        let problems = configProblems(text)
        expectProblem(problems, key: "repos[1].path", line: 4, message: "required")
        #expect(problems.count == 1)
    }

    @Test func scopeMustBeAIOrAll() {
        let problems = configProblems("[[repos]]\npath = \"/r\"\nscope = \"AI\"\n")
        expectProblem(problems, key: "repos[0].scope", line: 3, message: "expected \"ai\" or \"all\", found \"AI\"")
    }

    @Test func initialMustBeBaselineFullOrLastN() {
        for text in ["last:0", "last:", "last:-3", "last:ten", "last: 5", "Baseline", "last:99999999999999999999", ""] {
            let problems = configProblems("[[repos]]\npath = \"/r\"\ninitial = \"\(text)\"\n")
            expectProblem(problems, key: "repos[0].initial", line: 3, message: "found \"\(text)\"")
        }
    }

    @Test func refsMustStartWithRefsSlash() {
        let text = """
            [[repos]]
            path = "/r"
            refs = ["refs/heads/*", "main", "heads/dev"]
            protected_refs = ["refs/"]
            """
        let problems = configProblems(text)
        let refs = problems.filter { $0.key == "repos[0].refs" }
        #expect(refs.count == 2)
        #expect(refs.allSatisfy { $0.line == 3 })
        #expect(refs.contains { $0.message.contains("element 2") && $0.message.contains("refs/heads/main") })
        #expect(refs.contains { $0.message.contains("element 3") && $0.message.contains("\"heads/dev\"") })
        expectProblem(problems, key: "repos[0].protected_refs", line: 4, message: "starting with \"refs/\"")
    }

    @Test func refsMustNotBeEmpty() {
        let problems = configProblems("[[repos]]\npath = \"/r\"\nrefs = []\n")
        expectProblem(problems, key: "repos[0].refs", line: 3, message: "at least one")
    }

    @Test func notesRefMustStartWithRefsSlash() {
        let problems = configProblems("[attribution]\nnotes_ref = \"notes/ai\"\n")
        expectProblem(problems, key: "attribution.notes_ref", line: 2, message: "starting with \"refs/\"")
    }

    // MARK: - Signatures

    @Test func signaturesNeedToolFieldAndPattern() {
        let text = """
            [[attribution.signatures]]
            field = "author-email"

            [[attribution.signatures]]
            tool = "acme"
            field = "author-mail"
            pattern = "("
            id = ""
            """
        let problems = configProblems(text)
        expectProblem(problems, key: "attribution.signatures[0].tool", line: 1, message: "required")
        expectProblem(problems, key: "attribution.signatures[0].pattern", line: 1, message: "required")
        expectProblem(problems, key: "attribution.signatures[1].field", line: 6, message: "author-email, ")
        expectProblem(problems, key: "attribution.signatures[1].field", line: 6, message: "found \"author-mail\"")
        expectProblem(
            problems, key: "attribution.signatures[1].pattern", line: 7, message: "invalid regular expression")
        expectProblem(problems, key: "attribution.signatures[1].id", line: 8, message: "must not be empty")
        #expect(problems.count == 5)
    }

    @Test func signatureIDsMustBeUnique() {
        let text = """
            [[attribution.signatures]]
            id = "same"
            tool = "a"
            field = "message"
            pattern = "x"
            [[attribution.signatures]]
            id = "same"
            tool = "b"
            field = "message"
            pattern = "y"
            """
        let problems = configProblems(text)
        expectProblem(problems, key: "attribution.signatures[1].id", line: 7, message: "first defined on line 1")
    }

    @Test func signatureIDsDefaultToToolAndIndex() throws {
        let text = """
            [[attribution.signatures]]
            tool = "acme"
            field = "note"
            pattern = "acme"
            [[attribution.signatures]]
            tool = "acme"
            field = "committer-name"
            pattern = "bot"
            """
        let config = try ConfigLoader.parse(text, file: nil)
        #expect(config.attribution.signatures.map(\.id) == ["custom.acme.0", "custom.acme.1"])
        #expect(config.attribution.signatures.map(\.field) == [.note, .committerName])
    }

    // MARK: - Follow-up

    @Test func followUpCommandMustNameAProgram() {
        let empty = configProblems("[followup]\ncommand = []\n")
        expectProblem(empty, key: "followup.command", line: 2, message: "must name a program")
        let blank = configProblems("[followup]\ncommand = [\"\", \"x\"]\n")
        expectProblem(blank, key: "followup.command", line: 2, message: "must not be empty")
        let string = configProblems("[followup]\n\ncommand = \"/bin/notify\"\n")
        expectProblem(string, key: "followup.command", line: 3, message: "expected an array of strings")
        let attempts = configProblems("[followup]\nmax_attempts = 0\n")
        expectProblem(attempts, key: "followup.max_attempts", line: 2, message: "between 1 and 100")
    }

    // MARK: - Many at once

    @Test func everyProblemIsReportedInOnePass() throws {
        let text = """
            [daemon]
            poll_interval = "fast"
            state_dir = 1

            [[repos]]
            scope = "some"
            initial = "last:0"
            refs = ["main"]

            [attribution]
            builtin = "yes"

            [followup]
            command = []
            extra = 1
            """
        let problems = configProblems(text, file: "/etc/vigil/vigil.toml")
        #expect(
            problems.map(\.key) == [
                "daemon.poll_interval", "daemon.state_dir", "repos[0].path", "repos[0].scope", "repos[0].initial",
                "repos[0].refs", "attribution.builtin", "followup.command", "followup.extra",
            ])
        #expect(problems.map(\.line) == [2, 3, 5, 6, 7, 8, 11, 14, 15])
        let error = ConfigProblems(problems)
        let first = try #require(error.description.split(separator: "\n").first)
        #expect(first.hasPrefix("/etc/vigil/vigil.toml:2: daemon.poll_interval: expected a duration"))
    }
}
