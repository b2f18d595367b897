import Foundation
import Testing
import VigilCore
import VigilTestSupport

@testable import VigilDaemon

/// The `[[repos]]` paths and globs, expanded again every cycle to canonical paths.
@Suite("Repository set")
struct RepositorySetTests {
    private func bareRepository(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FixtureRepository.run("/usr/bin/git", ["init", "-q", "--bare", path])
    }

    @Test func globPicksUpNewRepositoriesAndDropsVanishedOnes() throws {
        let scratch = try ScratchFolder()
        try bareRepository(scratch.path + "/one.git")
        var set = RepositorySet()
        let entries = [RepositorySettings(path: scratch.path + "/*.git", protectedRefs: ["refs/heads/main"])]

        let first = set.refresh(entries)
        #expect(first.added.map(\.path) == [scratch.path + "/one.git"])
        #expect(first.added.first?.settings.protectedRefs == ["refs/heads/main"])

        try bareRepository(scratch.path + "/two.git")
        let second = set.refresh(entries)
        #expect(second.added.map(\.path) == [scratch.path + "/two.git"])
        #expect(second.vanished.isEmpty)
        #expect(second.watched.count == 2)

        try FileManager.default.removeItem(atPath: scratch.path + "/one.git")
        let third = set.refresh(entries)
        #expect(third.vanished == [scratch.path + "/one.git"])
        #expect(third.added.isEmpty)
        #expect(set.refresh(entries).vanished.isEmpty)
    }

    @Test func pathsAsTypedCollapseToOneCanonicalRepository() throws {
        let fixture = try FixtureRepository()
        let link = fixture.root + "/link"
        #expect(symlink(fixture.path, link) == 0)
        var set = RepositorySet()
        let change = set.refresh([
            RepositorySettings(path: fixture.path + "/", scope: .all),
            RepositorySettings(path: link), RepositorySettings(path: fixture.path + "/.git"),
            RepositorySettings(path: fixture.root + "/./repo"),
        ])
        #expect(change.watched.map(\.path) == [fixture.path])
        // The first entry naming a repository decides its settings.
        #expect(change.watched.first?.settings.scope == .all)
    }

    @Test func unreadablePathsAreReportedOnceWithTheReasonAndRetried() throws {
        let scratch = try ScratchFolder()
        try FileManager.default.createDirectory(atPath: scratch.path + "/plain", withIntermediateDirectories: true)
        var set = RepositorySet()
        let entries = [
            RepositorySettings(path: scratch.path + "/missing"), RepositorySettings(path: scratch.path + "/plain"),
        ]
        let first = set.refresh(entries)
        #expect(first.watched.isEmpty)
        #expect(first.newlyUnreadable.count == 2)
        #expect(first.unreadable.first { $0.path.hasSuffix("/missing") }?.reason.contains("No such file") == true)
        #expect(first.unreadable.first { $0.path.hasSuffix("/plain") }?.reason.contains("not a git repository") == true)

        let second = set.refresh(entries)
        #expect(second.unreadable.count == 2)
        #expect(second.newlyUnreadable.isEmpty)

        // Made a repository: picked up on the next cycle, not given up on.
        try FixtureRepository.run("/usr/bin/git", ["init", "-q", scratch.path + "/plain"])
        let third = set.refresh(entries)
        #expect(third.added.map(\.path) == [scratch.path + "/plain"])
        #expect(third.unreadable.count == 1)
    }

    @Test func watchedRepositoryThatBecomesUnreadableVanishesAndIsReported() throws {
        let scratch = try ScratchFolder()
        try bareRepository(scratch.path + "/r.git")
        var set = RepositorySet()
        let entries = [RepositorySettings(path: scratch.path + "/r.git")]
        #expect(set.refresh(entries).added.count == 1)
        try FileManager.default.removeItem(atPath: scratch.path + "/r.git/HEAD")
        #expect(mkfifo(scratch.path + "/r.git/HEAD", 0o644) == 0)
        // A known path is located again at least every `resolveEvery` cycles (in between, the
        // daemon's ref read of the repository fails and is logged: its HEAD stamp changed).
        var change = set.refresh(entries)
        for _ in 0..<RepositorySet.resolveEvery where change.vanished.isEmpty {
            change = set.refresh(entries)
        }
        #expect(change.vanished == [scratch.path + "/r.git"])
        #expect(change.newlyUnreadable.first?.reason.contains("FIFO") == true)
    }

    @Test func aKnownPathThatDisappearsIsDroppedAtOnce() throws {
        let scratch = try ScratchFolder()
        try bareRepository(scratch.path + "/r.git")
        var set = RepositorySet()
        let entries = [RepositorySettings(path: scratch.path + "/r.git")]
        #expect(set.refresh(entries).added.count == 1)
        #expect(set.refresh(entries).watched.count == 1, "known: not resolved again")
        try FileManager.default.removeItem(atPath: scratch.path + "/r.git")
        let change = set.refresh(entries)
        #expect(change.vanished == [scratch.path + "/r.git"])
        #expect(change.watched.isEmpty)
    }

    @Test func changedSettingsAreReportedAsReconfigured() throws {
        let scratch = try ScratchFolder()
        try bareRepository(scratch.path + "/r.git")
        var set = RepositorySet()
        _ = set.refresh([RepositorySettings(path: scratch.path + "/r.git")])
        let change = set.refresh([RepositorySettings(path: scratch.path + "/r.git", refs: ["refs/tags/*"])])
        #expect(change.reconfigured.map(\.settings.refs) == [["refs/tags/*"]])
        #expect(change.added.isEmpty)
    }

    @Test func hostilePathTextNeverStopsTheExpansion() throws {
        let scratch = try ScratchFolder()
        try bareRepository(scratch.path + "/ok.git")
        var set = RepositorySet()
        let change = set.refresh([
            RepositorySettings(path: scratch.path + "/\u{1b}[31mred"), RepositorySettings(path: "[[["),
            RepositorySettings(path: scratch.path + "/" + String(repeating: "x", count: 5000)),
            RepositorySettings(path: scratch.path + "/*.git"),
        ])
        #expect(change.watched.map(\.path) == [scratch.path + "/ok.git"])
    }
}
