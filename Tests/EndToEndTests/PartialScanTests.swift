import Foundation
import Testing
import VigilTestSupport

/// A scan that could not read a branch says so: an error record, and exit 3 even when it also
/// found alerts (3 outranks 1), for `rescan` and `attribution` alike. "0 errors, exit 0" over a
/// history with an unreadable branch would call a partial scan clean.
@Suite struct PartialScanTests {
    static let claude = "Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>"
    static let awsKey = "AKIAQYLPMN5HHHFPZAM2"

    let repository: FixtureRepository
    /// The tip of `side`, whose object is deleted: the branch cannot be read.
    let lostTip: String

    /// `main` holds an AI commit with an AWS key (an alert); `side` has a tip that no longer exists.
    init() throws {
        repository = try FixtureRepository()
        try repository.commit("Initial", files: ["app.py": "print('hi')\n"])
        try repository.git("checkout", "-q", "-b", "side")
        lostTip = try repository.commit("Side work", files: ["side.txt": "side\n"])
        try repository.git("checkout", "-q", "main")
        try repository.commit(
            "Wire up storage\n\n\(Self.claude)\n",
            files: ["config/prod.py": "aws_access_key_id = \"\(Self.awsKey)\"\n"])
        try repository.deleteLooseObject(lostTip)
    }

    @Test func unreadableBranchIsAnErrorRecordAndExitThreeEvenWithAlerts() throws {
        let result = try VigilBinary.run(["rescan", repository.path, "--all", "--format", "json", "--dry-run"])
        #expect(result.status == 3, "a partial scan exits 3, not 1: \(result.stderr)")
        let records = try result.jsonLines()
        #expect(records.contains { $0["kind"] as? String == "alert" }, "the alerts found are still printed")
        let error = try #require(records.first { $0["kind"] as? String == "error" })
        let message = try #require(error["message"] as? String)
        #expect(message.contains("refs/heads/side"))
        #expect(message.contains(lostTip))
        #expect(records.last?["errors"] as? Int == 1)
    }

    @Test func textOutputNamesTheBranch() throws {
        let result = try VigilBinary.run(["rescan", repository.path, "--dry-run"])
        #expect(result.status == 3)
        #expect((result.stdout + result.stderr).contains("refs/heads/side"))
    }

    @Test func sarifSaysTheExecutionWasNotSuccessful() throws {
        let result = try VigilBinary.run(["rescan", repository.path, "--format", "sarif", "--dry-run"])
        #expect(result.status == 3)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        #expect(!(run["results"] as? [Any] ?? []).isEmpty, "the alerts are still in the log")
    }

    @Test func sarifOfACompleteScanIsSuccessful() throws {
        let clean = try FixtureRepository()
        try clean.commit("Initial", files: ["app.py": "print('hi')\n"])
        let result = try VigilBinary.run(["rescan", clean.path, "--format", "sarif", "--dry-run"])
        #expect(result.status == 0)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
    }

    @Test func attributionReportsTheBranchAndExitsThree() throws {
        let result = try VigilBinary.run(["attribution", repository.path, "--format", "json"])
        #expect(result.status == 3, "\(result.stderr)")
        let records = try result.jsonLines()
        let error = try #require(records.first { $0["kind"] as? String == "error" })
        #expect((error["message"] as? String)?.contains("refs/heads/side") == true)
        #expect(records.filter { $0["kind"] as? String == "commit" }.count == 2, "readable commits still listed")
    }

    @Test func rescanHelpDocumentsThatThreeOutranksOne() throws {
        let result = try VigilBinary.run(["rescan", "--help"])
        #expect(result.stdout.contains("3 outranks 1"))
    }
}
