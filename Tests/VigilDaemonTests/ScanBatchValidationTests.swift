import Testing
import VigilCore
import VigilDaemon

@Suite struct ScanBatchValidationTests {
    let id = String(repeating: "a", count: 32)
    let commit = String(repeating: "b", count: 40)

    func record(id: String? = nil, json: String? = nil, repository: String = "/srv/app.git") -> AlertRecord {
        let id = id ?? self.id
        return AlertRecord(
            id: id, repository: repository, ref: nil, commit: commit, check: "mass-deletion", severity: .high,
            tools: [], time: "2026-12-01T00:00:00Z", source: .daemon,
            json: json ?? "{\"schema\":\"vigil.alert/1\",\"id\":\"\(id)\",\"seq\":null,\"time\":\"x\"}")
    }

    @Test func acceptsAWellFormedRecord() {
        #expect(ScanBatchValidation.isValid(record(), repository: "/srv/app.git"))
    }

    @Test func rejectsARecordAboutAnotherRepository() {
        #expect(!ScanBatchValidation.isValid(record(repository: "/srv/other.git"), repository: "/srv/app.git"))
    }

    @Test func rejectsARecordWhoseJSONCarriesAnotherID() {
        let forged = "{\"schema\":\"vigil.alert/1\",\"id\":\"\(String(repeating: "c", count: 32))\",\"seq\":null}"
        #expect(!ScanBatchValidation.isValid(record(json: forged), repository: "/srv/app.git"))
    }

    @Test func rejectsMalformedIDs() {
        #expect(!ScanBatchValidation.isValid(record(id: "ABC"), repository: "/srv/app.git"))
        #expect(!ScanBatchValidation.isValid(record(id: String(repeating: "g", count: 32)), repository: "/srv/app.git"))
    }

    /// A child's record may ask the queue to link a finding only for a check that reads the diff
    /// alone, and only with a well-formed patch id and key, both or neither.
    @Test func linkFieldsAreCheckedLikeTheRest() {
        let patchID = String(repeating: "d", count: 40)
        let key = String(repeating: "e", count: 64)
        var linkable = record()
        linkable.patchID = patchID
        linkable.linkKey = key
        #expect(ScanBatchValidation.isValid(linkable, repository: "/srv/app.git"))
        #expect(ScanBatchRecord(line: ScanBatchRecord.alert(linkable).line()) == .alert(linkable))
        var metadata = linkable
        metadata.check = "review-required"
        #expect(!ScanBatchValidation.isValid(metadata, repository: "/srv/app.git"))
        var lonely = linkable
        lonely.patchID = nil
        #expect(!ScanBatchValidation.isValid(lonely, repository: "/srv/app.git"))
        var malformed = linkable
        malformed.linkKey = String(repeating: "E", count: 64)
        #expect(!ScanBatchValidation.isValid(malformed, repository: "/srv/app.git"))
        malformed.linkKey = key
        malformed.patchID = "HEAD"
        #expect(!ScanBatchValidation.isValid(malformed, repository: "/srv/app.git"))
    }

    @Test func recordsRoundTripThroughTheProtocol() throws {
        let lines = [
            ScanBatchRecord.plan(commits: [PlannedCommit(id: commit, parents: [])], complete: true),
            .alert(record()), .commit(id: commit), .error(commit: nil, message: "bad\u{1b}[31m"),
            .done(seen: [commit], commits: 1, alerts: 1, errors: 1),
        ]
        for record in lines {
            let line = record.line()
            #expect(!line.contains("\n"))
            #expect(ScanBatchRecord(line: line) == record)
        }
        #expect(ScanBatchRecord(line: "{\"kind\":\"plan\"}") == nil)
        #expect(ScanBatchRecord(line: "not json") == nil)
    }
}
