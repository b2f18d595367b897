import Testing
import VigilGit

@testable import VigilCore

/// One concern on one file is one alert: the check that owns it reports it, the others stay quiet.
@Suite struct FindingOverlapTests {
    static let workflow = ".github/workflows/release.yml"

    @Test func anAIWorkflowChangeWithoutReviewRaisesOnlyReviewRequired() throws {
        let findings = try NoiseFixture.findings([Fixture.modified(Self.workflow, added: Fixture.lines(["on: push"]))])
        #expect(NoiseFixture.checks(on: Self.workflow, in: findings) == ["review-required"])
    }

    @Test func aReviewedWorkflowChangeRaisesCIChangeNotProtectedPath() throws {
        let reviewed = [Trailer(key: "Reviewed-by", value: "Sam Reviewer <sam@example.com>")]
        let findings = try NoiseFixture.findings(
            [Fixture.modified(Self.workflow, added: Fixture.lines(["on: push"]))], trailers: reviewed)
        #expect(NoiseFixture.checks(on: Self.workflow, in: findings) == ["ci-change"])
    }

    @Test func aHumanWorkflowChangeRaisesCIChangeOnce() throws {
        let findings = try NoiseFixture.findings(
            [Fixture.modified(Self.workflow, added: Fixture.lines(["on: push"]))], verdict: .human)
        #expect(NoiseFixture.checks(on: Self.workflow, in: findings) == ["ci-change"])
    }

    @Test func reviewRequiredCoversEveryProtectedPathOfTheCommit() throws {
        let findings = try NoiseFixture.findings([
            Fixture.modified(Self.workflow, added: Fixture.lines(["on: push"])),
            Fixture.added("db/migrate/20260101_add_orders.rb", ["class AddOrders; end"]),
        ])
        #expect(findings.filter { $0.check == "protected-path" || $0.check == "ci-change" }.isEmpty, "\(findings)")
        #expect(findings.filter { $0.check == "review-required" }.count == 1)
    }

    // MARK: - Near misses: a concern no other check reports still alerts

    @Test func aHumanMigrationChangeStillRaisesProtectedPath() throws {
        let path = "db/migrate/20260101_add_orders.rb"
        let findings = try NoiseFixture.findings([Fixture.added(path, ["class AddOrders; end"])], verdict: .human)
        #expect(NoiseFixture.checks(on: path, in: findings) == ["protected-path"])
    }

    @Test func aCIFileReviewRequiredDoesNotGuardStillRaisesCIChange() throws {
        // `.gitlab-ci.yml` is a CI definition but not among review-required's default paths.
        let findings = try NoiseFixture.findings([
            Fixture.modified(".gitlab-ci.yml", added: Fixture.lines(["stages: [deploy]"])),
            Fixture.modified(Self.workflow, added: Fixture.lines(["on: push"])),
        ])
        #expect(NoiseFixture.checks(on: ".gitlab-ci.yml", in: findings) == ["ci-change"])
        #expect(NoiseFixture.checks(on: Self.workflow, in: findings) == ["review-required"])
    }

    @Test func withCIChangeSwitchedOffProtectedPathReportsTheWorkflow() throws {
        let findings = try NoiseFixture.findings(
            [Fixture.modified(Self.workflow, added: Fixture.lines(["on: push"]))],
            config: "[checks.ci-change]\nenabled = false\n", verdict: .human)
        #expect(NoiseFixture.checks(on: Self.workflow, in: findings) == ["protected-path"])
    }
}
