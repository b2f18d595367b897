import Testing
import VigilCore
import VigilDaemon

/// The protocol checks on a child's lines, one violation at a time.
@Suite struct ScanBatchReaderTests {
    let plan = ScanFixture.chain(1...3)

    func read(_ lines: [String], limit: Int = 1000, budget: Int = 64 << 20, request: ScanBatchRequest? = nil)
        -> ScanBatchReader
    {
        var reader = ScanBatchReader(request: request ?? ScanFixture.request(limit: limit), outputBudget: budget)
        for line in lines { reader.read(line: Array(line.utf8)) }
        return reader
    }

    func violation(_ lines: [String], limit: Int = 1000, request: ScanBatchRequest? = nil) -> (
        line: Int, reason: String
    )? {
        guard case .protocolViolation(let line, let reason) = read(lines, limit: limit, request: request).result.failure
        else {
            return nil
        }
        return (line, reason)
    }

    /// The fixture's request with `refs/heads/main` moved from c0 to c3 and `refs/heads/release`
    /// (protected, last at c2) deleted.
    var requestWithRefChanges: ScanBatchRequest {
        var request = ScanFixture.request()
        request.moved = [
            RefMove(name: "refs/heads/main", old: ScanFixture.commit(0), new: ScanFixture.commit(3), protected: true)
        ]
        request.deleted = [RefTip(name: "refs/heads/release", target: ScanFixture.commit(2))]
        return request
    }

    var planLine: String { ScanBatchRecord.plan(commits: plan, complete: true).line() }

    @Test func aWholeBatchReadsCleanly() {
        let reader = read(ScanFixture.lines(plan: plan))
        #expect(reader.result.failure == nil)
        #expect(reader.result.completed.count == 3)
        #expect(reader.result.done != nil)
    }

    @Test func anAlertBeforeThePlanIsRefused() {
        let alert = ScanBatchRecord.alert(ScanFixture.alert(on: ScanFixture.commit(1))).line()
        #expect(violation([alert])?.line == 1)
    }

    @Test func errorsMayComeBeforeThePlan() {
        let error = ScanBatchRecord.error(commit: nil, message: "slow").line()
        let reader = read([error] + ScanFixture.lines(plan: plan))
        #expect(reader.result.failure == nil)
        #expect(reader.result.errors.count == 1)
    }

    @Test func commitsOutOfPlanOrderAreRefused() {
        let lines = [planLine, ScanBatchRecord.commit(id: ScanFixture.commit(2)).line()]
        #expect(violation(lines)?.reason == "a commit that is not the next planned one")
    }

    @Test func anUnplannedCommitIsRefused() {
        let lines = [planLine, ScanBatchRecord.commit(id: ScanFixture.commit(77)).line()]
        #expect(violation(lines)?.line == 2)
    }

    @Test func anAlertForAnotherCommitIsRefused() {
        let lines = [planLine, ScanBatchRecord.alert(ScanFixture.alert(on: ScanFixture.commit(2))).line()]
        #expect(violation(lines)?.reason == "an alert for a commit other than the next planned one")
    }

    @Test func anAlertAboutAnotherRepositoryIsRefused() {
        let forged = ScanFixture.alert(on: ScanFixture.commit(1), repository: "/srv/git/other.git")
        #expect(violation([planLine, ScanBatchRecord.alert(forged).line()])?.reason == "a malformed alert")
    }

    /// The queue filters, follows up and logs by the record's fields and writes its JSON: a child
    /// must not say one thing in the fields and another in the JSON, nor smuggle a line break or a
    /// second `seq` into the log line.
    @Test func anAlertWhoseFieldsDisagreeWithItsJSONIsRefused() {
        let honest = ScanFixture.alert(on: ScanFixture.commit(1))
        var check = honest
        check.check = "secret-in-diff"
        var severity = honest
        severity.severity = .info
        var ref = honest
        ref.ref = "refs/heads/main"
        var time = honest
        time.time = "2099-01-01T00:00:00Z"
        var tools = honest
        tools.tools = ["claude-code"]
        var source = honest
        source.source = .rescan
        let forgedLine =
            "{\"schema\":\"vigil.alert/1\",\"id\":\"\(String(repeating: "a", count: 32))\",\"seq\":7}"
        var lineBreak = honest
        lineBreak.json = String(honest.json.dropLast()) + ",\"note\":\"x\"}\n" + forgedLine
        var notJSON = honest
        notJSON.json = String(honest.json.dropLast())
        var secondSeq = honest
        secondSeq.json = String(honest.json.dropLast()) + ",\"seq\":7}"
        var secondID = honest
        secondID.json = String(honest.json.dropLast()) + ",\"id\":\"\(String(repeating: "b", count: 32))\"}"
        for (name, lie) in [
            ("check", check), ("severity", severity), ("ref", ref), ("time", time), ("tools", tools),
            ("source", source), ("line break", lineBreak), ("not JSON", notJSON), ("second seq", secondSeq),
            ("second id", secondID),
        ] {
            #expect(violation([planLine, ScanBatchRecord.alert(lie).line()])?.reason == "a malformed alert", "\(name)")
        }
        #expect(violation([planLine, ScanBatchRecord.alert(honest).line()]) == nil)
        let badTime = ScanFixture.alert(on: ScanFixture.commit(1), time: "yesterday\u{1b}[2J")
        #expect(violation([planLine, ScanBatchRecord.alert(badTime).line()])?.reason == "a malformed alert")
    }

    @Test func aCommitAlertAfterTheLastCommitIsRefusedButRefAlertsAreKept() {
        var lines = ScanFixture.lines(plan: plan, done: false)
        let rewrite = ScanFixture.alert(on: ScanFixture.commit(3), check: "history-rewrite", ref: "refs/heads/main")
        lines.append(ScanBatchRecord.alert(rewrite).line())
        #expect(read(lines, request: requestWithRefChanges).result.refAlerts == [rewrite])
        lines.append(ScanBatchRecord.alert(ScanFixture.alert(on: ScanFixture.commit(3))).line())
        #expect(violation(lines, request: requestWithRefChanges)?.reason == "a commit alert after the last commit")
    }

    /// A ref alert answers a ref the request says moved or vanished, on that ref's commit: a child
    /// cannot raise `history-rewrite` or `ref-deleted` about anything else.
    @Test func refAlertsOnlyAnswerTheRequestsMovedAndDeletedRefs() {
        let lines = ScanFixture.lines(plan: plan, done: false)
        let rewrite = ScanFixture.alert(on: ScanFixture.commit(3), check: "history-rewrite", ref: "refs/heads/main")
        let deletion = ScanFixture.alert(on: ScanFixture.commit(2), check: "ref-deleted", ref: "refs/heads/release")
        let kept = read(
            lines + [rewrite, deletion].map { ScanBatchRecord.alert($0).line() }, request: requestWithRefChanges)
        #expect(kept.result.failure == nil)
        #expect(kept.result.refAlerts == [rewrite, deletion])
        let forged = [
            ScanFixture.alert(on: ScanFixture.commit(2), check: "history-rewrite", ref: "refs/heads/main"),
            ScanFixture.alert(on: ScanFixture.commit(3), check: "ref-deleted", ref: "refs/heads/main"),
            ScanFixture.alert(on: ScanFixture.commit(1), check: "ref-deleted", ref: "refs/heads/release"),
        ]
        for alert in forged {
            #expect(
                violation(lines + [ScanBatchRecord.alert(alert).line()], request: requestWithRefChanges)?.reason
                    == "a ref alert about a ref that did not move or vanish", "\(alert.check) on \(alert.commit)")
        }
        #expect(
            violation(lines + [ScanBatchRecord.alert(rewrite).line()])?.reason
                == "a ref alert about a ref that did not move or vanish", "no ref moved")
    }

    /// Each error about a commit becomes a `scan-failed` alert on it: a child may only name the
    /// commits of its batch (planned, or a moved or deleted ref's).
    @Test func anErrorAboutACommitOutsideTheBatchIsRefused() {
        let outside = ScanBatchRecord.error(commit: ScanFixture.commit(4242), message: "unreadable").line()
        #expect(violation([planLine, outside])?.reason == "an error about a commit outside the batch")
        #expect(violation([outside])?.reason == "an error about a commit outside the batch")
        let planned = ScanBatchRecord.error(commit: ScanFixture.commit(2), message: "unreadable").line()
        let refCommit = ScanBatchRecord.error(commit: ScanFixture.commit(2), message: "tip unreadable").line()
        let reader = read([planLine, planned, refCommit], request: requestWithRefChanges)
        #expect(reader.result.failure == nil)
        #expect(reader.result.errors.count == 2)
    }

    /// The hide roots a child names are believed for every later walk: a commit named there is
    /// never scanned, nor anything behind it. Only the request's tips and old roots may be named.
    @Test func doneWithAHideRootTheRequestDidNotHaveIsRefused() {
        var lines = ScanFixture.lines(plan: plan, done: false)
        lines.append(
            ScanBatchRecord.done(
                seen: [ScanFixture.commit(3), ScanFixture.commit(4242)], commits: 3, alerts: 3, errors: 0
            ).line())
        #expect(violation(lines)?.reason == "done with a hide root that is neither a tip nor an old root")
        let old = ScanFixture.commit(0)
        var kept = ScanFixture.lines(plan: plan, done: false)
        kept.append(ScanBatchRecord.done(seen: [ScanFixture.commit(3), old], commits: 3, alerts: 3, errors: 0).line())
        #expect(read(kept, request: ScanFixture.request(seen: [old])).result.done?.seen == [ScanFixture.commit(3), old])
    }

    @Test func anythingAfterDoneIsRefused() {
        let lines = ScanFixture.lines(plan: plan) + [ScanBatchRecord.error(commit: nil, message: "late").line()]
        #expect(violation(lines)?.reason == "a record after done")
    }

    @Test func doneBeforeEveryPlannedCommitIsRefused() {
        let lines = [planLine, ScanBatchRecord.done(seen: [], commits: 0, alerts: 0, errors: 0).line()]
        #expect(violation(lines)?.reason == "done before every planned commit")
    }

    @Test func doneWithTheWrongCountIsRefused() {
        var lines = ScanFixture.lines(plan: plan, done: false)
        lines.append(ScanBatchRecord.done(seen: [], commits: 7, alerts: 0, errors: 0).line())
        #expect(violation(lines)?.reason == "done with counts that do not match")
    }

    @Test func malformedPlansAreRefused() {
        let bad = PlannedCommit(id: "HEAD", parents: [])
        #expect(violation([ScanBatchRecord.plan(commits: [bad], complete: true).line()]) != nil)
        let twice = [plan[0], plan[0]]
        #expect(violation([ScanBatchRecord.plan(commits: twice, complete: true).line()]) != nil)
        let reversed = Array(plan.reversed())
        #expect(
            violation([ScanBatchRecord.plan(commits: reversed, complete: true).line()])?.reason
                == "a plan out of topological order")
        #expect(violation([planLine], limit: 2)?.reason == "a plan of 3 commits over the limit")
        #expect(violation([ScanBatchRecord.plan(commits: [], complete: false).line()]) != nil)
        #expect(violation([planLine, planLine])?.reason == "a second plan")
    }

    @Test func linesThatAreNotRecordsAreRefused() {
        #expect(violation(["{\"kind\":\"plan\"}"])?.reason == "not a protocol record")
        #expect(violation(["[]"]) != nil)
        #expect(violation([""]) != nil)
        var reader = ScanBatchReader(request: ScanFixture.request(limit: 10), outputBudget: 1 << 20)
        reader.read(line: [0x7B, 0xFF, 0xFE, 0x7D])
        #expect(reader.result.failure == .protocolViolation(line: 1, reason: "not UTF-8"))
    }

    @Test func theFirstViolationStandsAndLaterLinesAreIgnored() {
        let lines = ["garbage"] + ScanFixture.lines(plan: plan)
        let reader = read(lines)
        #expect(reader.result.failure == .protocolViolation(line: 1, reason: "not a protocol record"))
        #expect(reader.result.plan == nil)
        #expect(reader.lineNumber == 1)
    }

    @Test func errorMessagesAreKeptShortAndFew() {
        let long = ScanBatchRecord.error(commit: nil, message: String(repeating: "m", count: 5000)).line()
        let reader = read(Array(repeating: long, count: ScanBatchReader.maximumErrors + 5))
        #expect(reader.result.errors.count == ScanBatchReader.maximumErrors)
        #expect(reader.result.droppedErrors == 5)
        #expect(reader.result.errors[0].message.count == ScanBatchReader.maximumErrorMessage)
    }
}
