import Foundation
import Testing
import VigilTestSupport

/// `vigil rescan` on repositories whose files are hostile: damaged packs and indexes, and FIFOs
/// where git keeps files. Every scan must end (a watchdog kills it otherwise) with the damage
/// reported and the documented exit code, never a signal.
@Suite("Rescan of hostile repository files")
struct HostileRepositoryFilesTests {
    // MARK: - Damaged packs

    @Test func damagedIndexEntryEndsThePartialScanWithExitThreeAndAnErrorRecord() throws {
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.type == "blob" && !$0.isDelta }
        var index = fixture.pristineIndex
        // One flipped bit sends the offset 256 MiB past the pack's end: libgit2 1.5 read there.
        let far = UInt32(victim.offset) | 0x1000_0000
        PackedFixture.put(far, into: &index, at: fixture.offsetField(victim.position))
        try fixture.write(index: index)

        let result = try rescan(fixture.repository.path)
        #expect(result.status == 3, "\(result.status): \(result.stderr)")
        let records = try result.jsonLines()
        let errors = records.filter { $0["kind"] as? String == "error" }
        #expect(errors.contains { ($0["message"] as? String)?.contains(victim.id) == true }, "\(errors)")
        #expect(records.last?["kind"] as? String == "summary")
        #expect(records.last?["commits"] as? Int == fixture.commits.count)
    }

    /// Eight copies of Vigil's own history with a damaged pack index, which crashed every scan.
    @Test func vendoredCorruptPackCopiesEndWithExitThreeAndErrors() throws {
        let archive = CorruptPackArchive.path
        #expect(FileManager.default.fileExists(atPath: archive), "missing fixture \(archive)")
        let folder = try FixtureRepository.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try FixtureRepository.run("/usr/bin/tar", ["xzf", archive, "-C", folder], in: folder)
        let copies = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".git") }.sorted()
        #expect(copies.count == 8)
        for copy in copies {
            let result = try rescan(folder + "/" + copy)
            #expect(result.status == 3, "\(copy): exit \(result.status): \(result.stderr)")
            let summary = try result.jsonLines().last
            #expect((summary?["errors"] as? Int ?? 0) > 0, "\(copy): \(String(describing: summary))")
        }
    }

    // MARK: - FIFOs

    @Test func fifoInPlaceOfALooseObjectIsAnErrorForThatObject() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "a\n"])
        try fixture.commit("two", files: ["b.txt": "b\n"])
        let blob = try fixture.revParse("HEAD:b.txt")
        let file = try fixture.looseObjectPath(blob)
        try fixture.deleteLooseObject(blob)
        #expect(mkfifo(file, 0o644) == 0)

        let result = try rescan(fixture.path)
        #expect(result.status == 3, "\(result.status): \(result.stderr)")
        let errors = try result.jsonLines().filter { $0["kind"] as? String == "error" }
        #expect(errors.contains { ($0["message"] as? String)?.contains("not a regular file") == true }, "\(errors)")
    }

    @Test(arguments: ["packed-refs", "config", "refs/heads/fifo"])
    func fifoInPlaceOfAFileGitReadsRefusesTheRepositoryNamingIt(_ name: String) throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "a\n"])
        try fixture.git("pack-refs", "--all")
        let file = fixture.path + "/.git/" + name
        try? FileManager.default.removeItem(atPath: file)
        #expect(mkfifo(file, 0o644) == 0)

        let result = try rescan(fixture.path)
        #expect(result.status == 2, "\(result.status): \(result.stderr)")
        #expect(result.stderr.contains("not a regular file"), "\(result.stderr)")
        #expect(result.stderr.contains(name), "\(result.stderr)")
    }

    /// Symlinks are followed: one to a regular file reads like the file, one to a FIFO is refused.
    @Test func symlinkedPackedRefsIsReadWhenItLeadsToARegularFileOnly() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "a\n"])
        try fixture.git("pack-refs", "--all")
        let packedRefs = fixture.path + "/.git/packed-refs"
        let moved = fixture.root + "/packed-refs-elsewhere"
        try FileManager.default.moveItem(atPath: packedRefs, toPath: moved)
        try FileManager.default.createSymbolicLink(atPath: packedRefs, withDestinationPath: moved)
        let regular = try rescan(fixture.path)
        #expect(regular.status == 0, "\(regular.status): \(regular.stderr)")
        #expect(try regular.jsonLines().last?["commits"] as? Int == 1)

        try FileManager.default.removeItem(atPath: moved)
        #expect(mkfifo(moved, 0o644) == 0)
        let fifo = try rescan(fixture.path)
        #expect(fifo.status == 2, "\(fifo.status): \(fifo.stderr)")
        #expect(fifo.stderr.contains("not a regular file"), "\(fifo.stderr)")
    }

    @Test func fifoNamedByAConfigIncludeRefusesTheRepositoryNamingIt() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "a\n"])
        let fifo = fixture.root + "/included"
        #expect(mkfifo(fifo, 0o644) == 0)
        let config = fixture.path + "/.git/config"
        let original = try String(contentsOfFile: config, encoding: .utf8)
        let including = original + "[include]\n\tpath = ../../included\n"
        try including.write(toFile: config, atomically: false, encoding: .utf8)

        let result = try rescan(fixture.path)
        #expect(result.status == 2, "\(result.status): \(result.stderr)")
        #expect(result.stderr.contains("not a regular file"), "\(result.stderr)")
        #expect(result.stderr.contains("included"), "\(result.stderr)")
    }

    // MARK: - Helpers

    /// `vigil rescan --all --scope all --format json --dry-run`, killed after two minutes: a scan
    /// that does not end fails the test through its exit status, never by timing.
    private func rescan(_ path: String) throws -> ProcessResult {
        let arguments = ["rescan", path, "--all", "--scope", "all", "--format", "json", "--dry-run"]
        return try ProcessResult.run(
            "/usr/bin/timeout", ["-s", "KILL", "120", VigilBinary.path] + arguments,
            environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": NSTemporaryDirectory()])
    }
}

/// The archive of corrupt packs, vendored under `Tests/Fixtures` (see its README).
enum CorruptPackArchive {
    static var path: String {
        VigilBinary.fixturesFolder + "/corrupt-packs/vigil-history-corrupt-packs.tar.gz"
    }
}
