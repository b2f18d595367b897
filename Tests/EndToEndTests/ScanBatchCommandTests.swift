import Foundation
import Testing
import VigilTestSupport

/// `vigil scan-batch`, the daemon's scan child, run as the daemon runs it: a request on stdin,
/// protocol records on stdout.
@Suite struct ScanBatchCommandTests {
    static let claude = "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>"
    static let awsKey = "AKIAQYLPMN5HHHFPZAM2"
    static let otherKey = "AKIAZXCVBNMQWERTYUI7"
    /// `ScanBatchProducer.mostUnreachedRoots`.
    static let mostUnreachedRoots = 256

    let repository: FixtureRepository
    /// The canonical path (the temporary folder may sit behind a symlink).
    let path: String
    let base: String
    let leak: String
    let tidy: String
    let feature: String

    /// main: base (human) → leak (AI, a key) → tidy (AI); feature: from leak → feature (AI, a key).
    init() throws {
        repository = try FixtureRepository()
        path = URL(fileURLWithPath: repository.path).resolvingSymlinksInPath().path
        base = try repository.commit("Initial", files: ["app.py": "print('hi')\n"])
        leak = try repository.commit(
            "Wire up storage\n\n\(Self.claude)\n", files: ["config/prod.py": "key = \"\(Self.awsKey)\"\n"])
        try repository.git("checkout", "-q", "-b", "feature")
        feature = try repository.commit(
            "Add staging\n\n\(Self.claude)\n", files: ["config/staging.py": "key = \"\(Self.otherKey)\"\n"])
        try repository.git("checkout", "-q", "main")
        tidy = try repository.commit("Tidy\n\n\(Self.claude)\n", files: ["app.py": "print('hello')\n"])
    }

    // MARK: - Helpers

    static func request(
        repository: String, tips: [(String, String)], seen: [String] = [], moved: [[String: Any]] = [],
        deleted: [(String, String)] = [], limit: Int = 100, workers: Int = 2
    ) throws -> Data {
        let object: [String: Any] = [
            "repository": repository,
            "tips": tips.map { ["name": $0.0, "target": $0.1] },
            "seen": seen, "moved": moved,
            "deleted": deleted.map { ["name": $0.0, "target": $0.1] },
            "limit": limit, "workers": workers,
        ]
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func run(_ input: Data, arguments: [String] = []) throws -> ProcessResult {
        try VigilBinary.run(["scan-batch"] + arguments, input: input)
    }

    static func kinds(_ records: [[String: Any]]) -> [String] {
        records.map { $0["kind"] as? String ?? "?" }
    }

    static func alerts(_ records: [[String: Any]]) -> [[String: Any]] {
        records.filter { $0["kind"] as? String == "alert" }.compactMap { $0["alert"] as? [String: Any] }
    }

    /// The record the alert's `json` holds (the `vigil.alert/1` line).
    static func alertJSON(_ alert: [String: Any]) throws -> [String: Any] {
        let text = try #require(alert["json"] as? String)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Expects a refused request: exit 2, one `error` record on stdout, no `done`.
    static func expectRefused(
        _ result: ProcessResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        #expect(result.status == 2, "\(what): \(result.stderr)", sourceLocation: sourceLocation)
        let records = try result.jsonLines()
        #expect(kinds(records) == ["error"], "\(what): \(result.stdout)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("\u{1b}"), "\(what): stderr is escaped", sourceLocation: sourceLocation)
    }

    // MARK: - A batch

    @Test func aFullBatchPlansScansAndSaysWhereTheNextWalkStarts() throws {
        let input = try Self.request(
            repository: path, tips: [("refs/heads/main", tidy), ("refs/heads/feature", feature)])
        let result = try Self.run(input)
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let kinds = Self.kinds(records)
        #expect(kinds.first == "plan" && kinds.last == "done", "\(kinds)")

        let plan = try #require(records.first)
        #expect(plan["complete"] as? Bool == true)
        let planned = try #require(plan["commits"] as? [[String: Any]])
        let ids = planned.compactMap { $0["id"] as? String }
        #expect(Set(ids) == [base, leak, tidy, feature])
        let position = { (id: String) in ids.firstIndex(of: id) ?? -1 }
        #expect(position(base) < position(leak) && position(leak) < position(tidy), "oldest first")
        #expect(position(leak) < position(feature))
        let parents = Dictionary(
            uniqueKeysWithValues: planned.map { ($0["id"] as? String ?? "", $0["parents"] as? [String] ?? []) })
        #expect(parents[base] == [])
        #expect(parents[tidy] == [leak])
        #expect(parents[feature] == [leak])

        // Each commit record follows its alerts; commits come in plan order.
        #expect(records.filter { $0["kind"] as? String == "commit" }.compactMap { $0["commit"] as? String } == ids)
        let alerts = Self.alerts(records)
        #expect(alerts.count == 2, "\(result.stdout)")
        for alert in alerts {
            let commit = try #require(alert["commit"] as? String)
            let alertIndex = try #require(
                records.firstIndex { ($0["alert"] as? [String: Any])?["commit"] as? String == commit })
            let commitIndex = try #require(
                records.firstIndex { $0["kind"] as? String == "commit" && $0["commit"] as? String == commit })
            #expect(alertIndex < commitIndex)
            #expect(alert["repository"] as? String == path)
            #expect(alert["source"] as? String == "daemon")
            let json = try Self.alertJSON(alert)
            #expect(json["seq"] is NSNull)
            #expect(json["source"] as? String == "daemon")
            #expect(json["repo"] as? String == path)
        }
        let byCommit = Dictionary(uniqueKeysWithValues: alerts.map { ($0["commit"] as? String ?? "", $0) })
        #expect(byCommit[leak]?["ref"] as? String == "refs/heads/main", "the first ref in tips order reaching it")
        #expect(byCommit[feature]?["ref"] as? String == "refs/heads/feature")
        #expect(!result.stdout.contains(Self.awsKey) && !result.stdout.contains(Self.otherKey))

        let done = try #require(records.last)
        #expect(Set(done["seen"] as? [String] ?? []) == [tidy, feature])
        #expect(done["commits"] as? Int == 4)
        #expect(done["alerts"] as? Int == 2)
        #expect(done["errors"] as? Int == 0)
    }

    @Test func theSameFindingHasTheIdRescanGivesIt() throws {
        let tips = [("refs/heads/main", tidy), ("refs/heads/feature", feature)]
        let batch = try Self.run(try Self.request(repository: path, tips: tips)).jsonLines()
        let rescan = try VigilBinary.run(["rescan", repository.path + "/", "--format", "json", "--dry-run"])
        let rescanIDs = try rescan.jsonLines().filter { $0["kind"] as? String == "alert" }.compactMap {
            $0["id"] as? String
        }
        #expect(rescanIDs.count == 2)
        #expect(Set(Self.alerts(batch).compactMap { $0["id"] as? String }) == Set(rescanIDs))
    }

    @Test func seenRootsAreHiddenAndKeptWhenTheTipsDoNotReachThem() throws {
        let input = try Self.request(
            repository: path, tips: [("refs/heads/main", tidy)], seen: [leak, feature])
        let result = try Self.run(input)
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let planned = (records.first?["commits"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(planned == [tidy])
        #expect(Self.alerts(records).isEmpty)
        // leak is reached by the new tip and dropped; feature's branch is not, and stays hidden.
        #expect(Set(records.last?["seen"] as? [String] ?? []) == [tidy, feature])
    }

    /// Every rebased or deleted branch leaves an old root no tip reaches. Kept without bound they
    /// grow for months, and each costs a reachability check against every tip in every batch.
    @Test func theOldRootsNoTipReachesAreKeptBoundedly() throws {
        var stream = ""
        for index in 0..<(ScanBatchCommandTests.mostUnreachedRoots + 40) {
            stream += "commit refs/dangling/\(index)\ncommitter A <a@example.com> 1700000000 +0000\ndata <<END\n"
            stream += "dangling \(index)\nEND\n\n"
        }
        try repository.git(["fast-import", "--quiet"], input: Data(stream.utf8))
        let dangling = try repository.git("for-each-ref", "--format=%(objectname)", "refs/dangling/")
            .split(separator: "\n").map(String.init)
        let deletions = dangling.indices.map { "delete refs/dangling/\($0)\n" }.joined()
        try repository.git(["update-ref", "--stdin"], input: Data(deletions.utf8))
        let input = try Self.request(repository: path, tips: [("refs/heads/main", tidy)], seen: [leak] + dangling)
        let result = try Self.run(input)
        #expect(result.status == 0, "\(result.stderr)")
        let seen = Set(try result.jsonLines().last?["seen"] as? [String] ?? [])
        #expect(seen.contains(tidy))
        #expect(seen.count == 1 + ScanBatchCommandTests.mostUnreachedRoots, "\(seen.count) roots")
        #expect(seen.subtracting([tidy]).isSubset(of: Set(dangling)))
    }

    @Test func aLimitCutsTheHistoryOldestFirst() throws {
        let input = try Self.request(
            repository: path, tips: [("refs/heads/main", tidy), ("refs/heads/feature", feature)], limit: 2)
        let result = try Self.run(input)
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let plan = try #require(records.first)
        #expect(plan["complete"] as? Bool == false)
        let planned = (plan["commits"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(planned == [base, leak])
        #expect(records.filter { $0["kind"] as? String == "commit" }.count == 2)
        let done = try #require(records.last)
        #expect(done["seen"] as? [String] == [], "an incomplete batch moves no hide root")
        #expect(done["commits"] as? Int == 2)
    }

    @Test func newestScansOnlyTheNewestCommitsOfAFirstSight() throws {
        var request = try #require(
            try JSONSerialization.jsonObject(
                with: try Self.request(
                    repository: path, tips: [("refs/heads/main", tidy), ("refs/heads/feature", feature)]))
                as? [String: Any])
        request["newest"] = 2
        let result = try Self.run(try JSONSerialization.data(withJSONObject: request))
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let plan = try #require(records.first)
        #expect(plan["complete"] as? Bool == true)
        let planned = (plan["commits"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(planned == [feature, tidy], "the newest two, oldest first")
        #expect(Self.alerts(records).map { $0["commit"] as? String } == [feature])
        #expect(Set(records.last?["seen"] as? [String] ?? []) == [tidy, feature])
    }

    // MARK: - Ref findings

    @Test(arguments: [true, false])
    func aForcePushRaisesHistoryRewrite(protected: Bool) throws {
        try repository.git("reset", "-q", "--hard", base)
        let rewritten = try repository.commit("Start over", files: ["app.py": "print('again')\n"])
        let moved: [[String: Any]] = [
            ["name": "refs/heads/main", "old": tidy, "new": rewritten, "protected": protected]
        ]
        let input = try Self.request(
            repository: path, tips: [("refs/heads/main", rewritten)], seen: [tidy, feature], moved: moved)
        let result = try Self.run(input)
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let rewrite = try #require(Self.alerts(records).first { $0["check"] as? String == "history-rewrite" })
        #expect(rewrite["commit"] as? String == rewritten)
        #expect(rewrite["ref"] as? String == "refs/heads/main")
        #expect(rewrite["severity"] as? String == (protected ? "high" : "info"))
        let json = try Self.alertJSON(rewrite)
        #expect(json["title"] as? String == "refs/heads/main was rewritten: 2 commits left it")
        #expect(Self.kinds(records).last == "done")

        // A fast-forward is no rewrite.
        let forward: [[String: Any]] = [["name": "refs/heads/main", "old": base, "new": rewritten, "protected": true]]
        let clean = try Self.run(
            try Self.request(repository: path, tips: [("refs/heads/main", rewritten)], seen: [base], moved: forward))
        #expect(!Self.alerts(try clean.jsonLines()).contains { $0["check"] as? String == "history-rewrite" })
    }

    @Test func aRewriteWhoseOldTipIsGoneIsStillRaised() throws {
        try repository.git("reset", "-q", "--hard", base)
        try repository.git("branch", "-q", "-D", "feature")
        try repository.git("reflog", "expire", "--expire=now", "--all")
        try repository.git("gc", "-q", "--prune=now")
        let moved: [[String: Any]] = [["name": "refs/heads/main", "old": tidy, "new": base, "protected": true]]
        let result = try Self.run(
            try Self.request(repository: path, tips: [("refs/heads/main", base)], seen: [tidy], moved: moved))
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let rewrite = try #require(Self.alerts(records).first { $0["check"] as? String == "history-rewrite" })
        let title = try Self.alertJSON(rewrite)["title"] as? String
        #expect(title == "refs/heads/main was rewritten: its old tip \(tidy.prefix(12)) is no longer in the repository")
        #expect(records.last?["seen"] as? [String] == [base], "a root no longer in the repository is dropped")
    }

    @Test func aTipThatCannotBeReadIsAnErrorAndTheOthersAreScanned() throws {
        let missing = String(repeating: "0123456789", count: 4)
        let result = try Self.run(
            try Self.request(repository: path, tips: [("refs/heads/gone", missing), ("refs/heads/main", tidy)]))
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let errors = records.filter { $0["kind"] as? String == "error" }
        #expect(errors.count == 1)
        #expect((errors.first?["message"] as? String)?.contains("refs/heads/gone") == true)
        #expect(records.filter { $0["kind"] as? String == "commit" }.count == 3)
        #expect(records.last?["kind"] as? String == "done")
        #expect(records.last?["errors"] as? Int == 1)
    }

    @Test func aDeletedProtectedRefRaisesRefDeleted() throws {
        try repository.git("branch", "-q", "-D", "feature")
        let input = try Self.request(
            repository: path, tips: [("refs/heads/main", tidy)], seen: [tidy, feature],
            deleted: [("refs/heads/feature", feature)])
        let result = try Self.run(input)
        #expect(result.status == 0, "\(result.stderr)")
        let records = try result.jsonLines()
        let deleted = try #require(Self.alerts(records).first { $0["check"] as? String == "ref-deleted" })
        #expect(deleted["commit"] as? String == feature)
        #expect(deleted["ref"] as? String == "refs/heads/feature")
        #expect(deleted["severity"] as? String == "high")
        #expect(try Self.alertJSON(deleted)["title"] as? String == "refs/heads/feature was deleted")
    }

    @Test func refFindingsFollowTheConfigAndRedaction() throws {
        let scratch = try ScratchFolder()
        let config = try scratch.write(
            "vigil.toml", "[checks.ref-deleted]\nseverity = \"critical\"\n[checks.history-rewrite]\nenabled = false\n")
        let token = "ghp_R8x2Kq9LmZ4vT7nW1pY6sB3dF5hJ0cG8aE2u"
        let moved: [[String: Any]] = [["name": "refs/heads/main", "old": tidy, "new": base, "protected": true]]
        let input = try Self.request(
            repository: path, tips: [("refs/heads/main", base)], seen: [tidy], moved: moved,
            deleted: [("refs/heads/\(token)", feature)])
        let result = try Self.run(input, arguments: ["--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        let alerts = Self.alerts(try result.jsonLines())
        #expect(!alerts.contains { $0["check"] as? String == "history-rewrite" }, "switched off")
        let deleted = try #require(alerts.first { $0["check"] as? String == "ref-deleted" })
        #expect(deleted["severity"] as? String == "critical")
        #expect(!result.stdout.contains(token), "a ref name is repository text and is redacted")
    }

    @Test func theRequestsEntryAppliesThatReposTableWithoutExpandingTheOthers() throws {
        let scratch = try ScratchFolder()
        // Table 2 names the repository through a glob of its folder and switches off the check
        // that fires here; table 1 names a glob that matches nothing and would apply defaults.
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let config = try scratch.write(
            "vigil.toml",
            """
            [[repos]]
            path = "/nonexistent/*.git"

            [[repos]]
            path = "\(folder)/*"
            scope = "all"
            [repos.checks.ref-deleted]
            enabled = false
            """)
        var object = try #require(
            try JSONSerialization.jsonObject(
                with: try Self.request(
                    repository: path, tips: [("refs/heads/main", tidy)], seen: [tidy],
                    deleted: [("refs/heads/gone", base)])) as? [String: Any])
        object["entry"] = 1
        let result = try Self.run(try JSONSerialization.data(withJSONObject: object), arguments: ["--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!Self.alerts(try result.jsonLines()).contains { $0["check"] as? String == "ref-deleted" })

        object["entry"] = 7
        let outOfRange = try Self.run(try JSONSerialization.data(withJSONObject: object), arguments: ["--config", config])
        #expect(outOfRange.status == 2)
        #expect(outOfRange.stdout.contains("\"kind\":\"error\""))
    }

    // MARK: - Hostile requests

    @Test func hostileRequestsAreRefusedWithAnErrorRecord() throws {
        let good = try #require(
            try JSONSerialization.jsonObject(
                with: try Self.request(repository: path, tips: [("refs/heads/main", tidy)])) as? [String: Any])
        func variant(_ change: (inout [String: Any]) -> Void) throws -> Data {
            var object = good
            change(&object)
            return try JSONSerialization.data(withJSONObject: object)
        }
        let file = try ScratchFolder().write("not-a-repo", "just a file\n")
        let cases: [(String, Data)] = [
            ("empty", Data()),
            ("not JSON", Data("{\"repository\": ".utf8)),
            ("binary", Data([0xff, 0xfe, 0x00, 0x1b, 0x5b])),
            ("an array", Data("[]".utf8)),
            ("limit is a string", try variant { $0["limit"] = "100" }),
            ("limit is zero", try variant { $0["limit"] = 0 }),
            ("limit is huge", try variant { $0["limit"] = Int.max }),
            ("workers negative", try variant { $0["workers"] = -1 }),
            ("newest negative", try variant { $0["newest"] = -5 }),
            ("newest a string", try variant { $0["newest"] = "all" }),
            ("tips missing", try variant { $0["tips"] = nil }),
            ("tips is an object", try variant { $0["tips"] = ["name": "refs/heads/main"] }),
            (
                "tip not hex",
                try variant { $0["tips"] = [["name": "refs/heads/main", "target": String(repeating: "z", count: 40)]] }
            ),
            ("tip uppercase", try variant { $0["tips"] = [["name": "refs/heads/main", "target": tidy.uppercased()]] }),
            ("tip short", try variant { $0["tips"] = [["name": "refs/heads/main", "target": "abc123"]] }),
            ("seen with escapes", try variant { $0["seen"] = ["\u{1b}[31m" + String(repeating: "a", count: 35)] }),
            (
                "ref with control",
                try variant { $0["tips"] = [["name": "refs/heads/\u{1b}]0;x\u{7}", "target": tidy]] }
            ),
            ("ref not a ref", try variant { $0["tips"] = [["name": "main", "target": tidy]] }),
            ("repository is a file", try variant { $0["repository"] = file }),
            ("repository missing", try variant { $0["repository"] = self.path + "/nope" }),
            ("repository not canonical", try variant { $0["repository"] = self.path + "/" }),
            ("repository empty", try variant { $0["repository"] = "" }),
            ("repository with NUL", try variant { $0["repository"] = self.path + "\u{0}x" }),
        ]
        for (what, input) in cases {
            try Self.expectRefused(try Self.run(input), what)
        }
    }

    @Test func aRequestOver64MiBIsRefusedWithoutReadingItAll() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path + "/huge.json"
        #expect(FileManager.default.createFile(atPath: file, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: file))
        let chunk = Data(repeating: 0x20, count: 1 << 20)
        for _ in 0..<65 { handle.write(chunk) }
        try handle.close()
        // Through a redirect rather than a pipe: the child stops reading, and a pipe's writer
        // would be killed by SIGPIPE.
        let result = try ProcessResult.run(
            "/bin/sh", ["-c", "exec \"$0\" scan-batch < \"$1\"", VigilBinary.path, file],
            environment: ["PATH": "/usr/bin:/bin", "HOME": scratch.path])
        try Self.expectRefused(result, "65 MiB")
        #expect(result.stdout.contains("64 MiB"))
    }

    @Test func aMemoryLimitIsSetBeforeScanningAndBadValuesAreUsageErrors() throws {
        let input = try Self.request(repository: path, tips: [("refs/heads/main", tidy)])
        let limited = try Self.run(input, arguments: ["--memory-limit", String(8 << 30)])
        #expect(limited.status == 0, "\(limited.stderr)")
        #expect(Self.kinds(try limited.jsonLines()).last == "done")
        // Far too little to start a scan: the child fails, it does not take the host down.
        let starved = try VigilBinary.run(
            ["scan-batch", "--memory-limit", "4096"], environment: ["SWIFT_BACKTRACE": "enable=no"], input: input)
        #expect(starved.status != 0)
        #expect(!starved.stdout.contains("\"done\""))
        for bad in ["-1", "lots", "99999999999999999999999"] {
            let result = try Self.run(input, arguments: ["--memory-limit", bad])
            #expect(result.status == 2, "\(bad): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
