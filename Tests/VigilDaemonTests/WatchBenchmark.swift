import Foundation
import Testing
import VigilCore
import VigilGit
import VigilTestSupport

@testable import VigilDaemon

/// A benchmark run by hand, not an assertion: the CPU time of one change-detection pass over
/// 1,000 idle repositories, beside a full ref read of each and one `git for-each-ref` each.
///
///     VIGIL_WATCH_BENCH=1 swift test --skip-build --filter WatchBenchmark
///
/// That is a debug build, which roughly triples the reader's CPU; for the figures that matter,
/// build optimised: `VIGIL_WATCH_BENCH=1 swift test -c release -Xswiftc -enable-testing
/// --filter WatchBenchmark`.
///
/// CPU time is user + system from `getrusage` (this process for Vigil's passes, its children for
/// git), around each whole pass; the figures printed are per pass and per repository.
@Suite("Watch benchmark", .enabled(if: ProcessInfo.processInfo.environment["VIGIL_WATCH_BENCH"] != nil))
struct WatchBenchmark {
    static let repositories = 1_000

    @Test func idlePollOverAThousandRepositories() throws {
        let scratch = try ScratchFolder()
        let template = scratch.path + "/template"
        try makeTemplate(at: template)
        var paths: [String] = []
        for index in 0..<Self.repositories {
            let path = scratch.path + "/repo\(index)"
            // `cp -a` keeps the template's old mtimes, so every signature is trusted at once.
            try FixtureRepository.run("/bin/cp", ["-a", template, path])
            paths.append(path)
        }
        defer { try? FileManager.default.removeItem(atPath: scratch.path) }

        let repositories = paths.map {
            WatchedRepository(path: $0, settings: RepositorySettings(path: $0, refs: ["refs/heads/*", "refs/tags/*"]))
        }
        var poller = RefPoller()
        for _ in 0..<2 {
            for repository in repositories { _ = poller.poll(repository, marked: false) }
        }

        var idle: [Double] = []
        var reads = 0
        for _ in 0..<7 {
            let cpu = try measureSelf {
                for repository in repositories {
                    if case .read = poller.poll(repository, marked: false) { reads += 1 }
                }
            }
            idle.append(cpu)
        }
        var full: [Double] = []
        for _ in 0..<3 {
            full.append(try measureSelf { for path in paths { _ = try ReferenceReader.read(repository: path) } })
        }
        let git = try measureChildren {
            for path in paths {
                try FixtureRepository.run("/usr/bin/git", ["-C", path, "for-each-ref"])
            }
        }
        let snapshot = try ReferenceReader.read(repository: paths[0])
        // What was timed must be what was meant: idle passes read only the safety net's share
        // (each repository at most once in 7 cycles), and every repository holds the template's refs.
        #expect(reads <= Self.repositories, "idle passes read \(reads) times: signatures are not trusted")
        #expect(snapshot.references.count >= 10)
        #expect(snapshot.references.allSatisfy { $0.problem == nil })
        #expect(try ReferenceReader.read(repository: paths[Self.repositories - 1]).references == snapshot.references)
        print("""
            watch benchmark: \(Self.repositories) idle repositories, \(snapshot.references.count) refs and \
            \(snapshot.referenceFolders.count) folders under refs/ each
            change detection pass (7 passes, incl. \(reads) safety-net reads): median \
            \(format(median(idle))) s, \(format(median(idle) / Double(Self.repositories) * 1e6)) µs per repository \
            (min \(format(idle.min()! / Double(Self.repositories) * 1e6)), max \
            \(format(idle.max()! / Double(Self.repositories) * 1e6)))
            full ref read pass: median \(format(median(full))) s, \
            \(format(median(full) / Double(Self.repositories) * 1e6)) µs per repository
            git for-each-ref per repository (child CPU): \(format(git)) s, \
            \(format(git / Double(Self.repositories) * 1e6)) µs per repository
            """)
    }

    /// Branches, tags (one annotated), remote-tracking refs, some packed and some loose.
    private func makeTemplate(at path: String) throws {
        let fixture = try FixtureRepository(name: "template-source")
        try fixture.commit("c0", files: ["a.txt": "a\n"])
        for name in ["dev", "release-1", "feature/x", "feature/y"] { try fixture.git("branch", name) }
        try fixture.git("tag", "-a", "v1", "-m", "v1")
        try fixture.git("tag", "v1-light")
        for name in ["main", "dev"] { try fixture.git("update-ref", "refs/remotes/origin/\(name)", "HEAD") }
        try fixture.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
        try fixture.git("pack-refs", "--all")
        try fixture.commit("c1")
        try fixture.git("branch", "hotfix")
        try FixtureRepository.run("/bin/cp", ["-a", fixture.path, path])
        let past = Date(timeIntervalSince1970: 1_600_000_000)
        for item in FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [] {
            try? FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path + "/" + item)
        }
    }

    private func measureSelf(_ body: () throws -> Void) throws -> Double {
        let before = cpu(RUSAGE_SELF.rawValue)
        try body()
        return cpu(RUSAGE_SELF.rawValue) - before
    }

    private func measureChildren(_ body: () throws -> Void) throws -> Double {
        let before = cpu(RUSAGE_CHILDREN.rawValue)
        try body()
        return cpu(RUSAGE_CHILDREN.rawValue) - before
    }

    private func cpu(_ who: Int32) -> Double {
        var usage = rusage()
        getrusage(who, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    private func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
