import Testing
import VigilGit

@testable import VigilCore

@Suite("review-required")
struct ReviewRequiredCheckTests {
    private let migration = Fixture.added("db/migrations/0042_orders.sql", ["ALTER TABLE orders ADD x int;"])

    private func findings(
        _ trailers: [Trailer], verdict: Verdict = Fixture.aiVerdict, files: [FileChange]? = nil,
        options: KeyValuePairs<String, ConfigValue> = [:]
    ) throws -> [Finding] {
        let check = try Fixture.check(ReviewRequiredCheck.self, options)
        return check.run(try Fixture.context(files ?? [migration], verdict: verdict, trailers: trailers))
    }

    @Test("an AI commit on a protected path with no review trailer is flagged")
    func unreviewed() throws {
        let trailers = [Trailer(key: "Co-Authored-By", value: "Claude <noreply@anthropic.com>")]
        let finding = try #require(try findings(trailers).first)
        #expect(finding.check == "review-required")
        #expect(finding.severity == .high)
        #expect(finding.path == "db/migrations/0042_orders.sql")
        #expect(finding.evidence.contains("claude-code"))
    }

    @Test("a human reviewer other than the author satisfies it")
    func reviewed() throws {
        #expect(try findings([Trailer(key: "Reviewed-by", value: "Sam Reviewer <sam@example.com>")]).isEmpty)
        #expect(try findings([Trailer(key: "acked-by", value: "Sam Reviewer <sam@example.com>")]).isEmpty)
        #expect(try findings([Trailer(key: "Signed-off-by", value: "Sam Reviewer")]).isEmpty)
    }

    @Test("a review trailer by the author themselves does not count")
    func selfReview() throws {
        let byEmail = try findings([Trailer(key: "Reviewed-by", value: "D. Developer <DANA@example.com>")])
        #expect(byEmail.count == 1)
        #expect(byEmail.first?.evidence.contains("is the author") == true)
        let byName = try findings([Trailer(key: "Signed-off-by", value: "Dana Developer <dana@home.example>")])
        #expect(byName.count == 1)
    }

    @Test("AI tools and bots cannot review")
    func automatedReviewers() throws {
        let reviewers = [
            "Claude <noreply@anthropic.com>", "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
            "Dana Developer (aider) <dana@work.example>", "Copilot <198982749+Copilot@users.noreply.github.com>",
            "Cursor Agent <cursoragent@cursor.com>", "claude code",
        ]
        for reviewer in reviewers {
            let result = try findings([Trailer(key: "Reviewed-by", value: reviewer)])
            #expect(result.count == 1, "\(reviewer) must not count as a human review")
        }
    }

    @Test("the attribution catalogue decides who is a tool: new agents and review bots cannot review")
    func catalogueReviewers() throws {
        let automated = [
            "Oz <oz-agent@warp.dev>", "Kiro Agent", "Firebender <help@firebender.com>",
            "gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>",
            "Copilot <175728472+Copilot@users.noreply.github.com>", "Dana (gastown) <dana@gastown.kilo.ai>",
            "Claude", "GitHub Copilot", "GitHub <noreply@github.com>",
        ]
        for reviewer in automated {
            let result = try findings([Trailer(key: "Reviewed-by", value: reviewer)])
            #expect(result.count == 1, "\(reviewer) must not count as a human review")
            #expect(result.first?.evidence.contains("not counted") == true)
        }
        // People who share a name with a tool are people.
        for reviewer in ["Kiro Tanaka <kiro@example.com>", "Claude Monet <claude@monet.example>"] {
            #expect(try findings([Trailer(key: "Reviewed-by", value: reviewer)]).isEmpty, "\(reviewer)")
        }
    }

    @Test("a review bot's suggestion alone raises it only when suggestions count as AI")
    func suggestions() throws {
        let suggested = Verdict(suggestedBy: ["gemini-code-assist"])
        #expect(try findings([], verdict: suggested).isEmpty)
        var counted = suggested
        counted.suggestionsCountAsAI = true
        let finding = try #require(try findings([], verdict: counted).first)
        #expect(finding.evidence.contains("with a suggestion by gemini-code-assist"))
    }

    @Test("operators can name their own bots and choose the trailers")
    func options() throws {
        let botOptions: KeyValuePairs<String, ConfigValue> = ["bot_identities": Fixture.strings(["^release-bot "])]
        let botTrailer = Trailer(key: "Reviewed-by", value: "Release-Bot <rb@acme.example>")
        let bot = try findings([botTrailer], options: botOptions)
        #expect(bot.count == 1)
        let trailerOptions: KeyValuePairs<String, ConfigValue> = ["trailers": Fixture.strings(["Change-Approved-By"])]
        let approved = [Trailer(key: "Change-Approved-By", value: "Sam Reviewer <sam@example.com>")]
        #expect(try findings(approved, options: trailerOptions).isEmpty)
        let signed = [Trailer(key: "Signed-off-by", value: "Sam Reviewer <sam@example.com>")]
        #expect(try findings(signed, options: trailerOptions).count == 1)
    }

    @Test("human commits and unprotected paths never raise it")
    func quiet() throws {
        #expect(try findings([], verdict: .human).isEmpty)
        let committedOnly = Verdict(committedBy: ["aider"])
        #expect(try findings([], verdict: committedOnly).isEmpty)
        #expect(try findings([], files: [Fixture.modified("src/app.py", added: Fixture.lines(["x"]))]).isEmpty)
    }

    @Test("an invalid bot regex is a problem with key and line")
    func invalidRegex() {
        let problems = Fixture.problems(ReviewRequiredCheck.self, ["bot_identities": Fixture.strings(["(unclosed"])])
        #expect(problems.count == 1)
        #expect(problems.first?.key == "checks.review-required.bot_identities")
        #expect(problems.first?.line == 11)
    }
}
