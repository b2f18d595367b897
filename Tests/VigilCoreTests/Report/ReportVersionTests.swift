import Testing

@testable import VigilCore

/// Tag order for `--by-tag` and the range syntax of `--range`.
@Suite struct ReportVersionTests {
    @Test func tagsOrderAsVersions() {
        let names = ["v1.10.0", "v1.9.0", "v1.2", "v2.0.0-rc.1", "v2.0.0", "v2.0.0-rc.10", "v2.0.0-beta", "v1.2.1"]
        let sorted = names.compactMap(VersionTag.init).sorted().map(\.name)
        let expected = ["v1.2", "v1.2.1", "v1.9.0", "v1.10.0", "v2.0.0-beta", "v2.0.0-rc.1", "v2.0.0-rc.10", "v2.0.0"]
        #expect(sorted == expected)
    }

    @Test func namesThatAreNotVersions() {
        for name in ["latest", "v1.2.3foo", "v1..2", "v1.2-", "v99999999999999999999.1", "v1.2-rc..1", ""] {
            #expect(VersionTag(name) == nil, "\(name)")
        }
        #expect(VersionTag("release-2024.05+build.7") != nil)
    }

    @Test func rangesNeedBothEnds() throws {
        #expect(try ReportRun.parseRange("v1..v2") == ("v1", "v2"))
        #expect(try ReportRun.parseRange("HEAD~3..HEAD") == ("HEAD~3", "HEAD"))
        for bad in ["v1", "..v2", "v1..", "v1...v2", "a..b..c", ""] {
            #expect(throws: ReportFailure.self) { try ReportRun.parseRange(bad) }
        }
    }
}
