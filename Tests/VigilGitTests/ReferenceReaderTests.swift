import Foundation
import Testing
import VigilTestSupport

@testable import VigilGit

/// The daemon's cheap ref read: the same answer as git for healthy repositories, and an honest
/// one (every unreadable ref listed with its problem, no hang, bounded memory) for hostile ones.
@Suite("Reference reader")
struct ReferenceReaderTests {
    /// `main` and `side`, an annotated tag, a lightweight tag, `main` packed then moved loosely.
    private func makeRepository() throws -> FixtureRepository {
        let fixture = try FixtureRepository()
        try fixture.commit("c0", files: ["a.txt": "a\n"])
        try fixture.git("checkout", "-q", "-b", "side")
        try fixture.commit("c1", files: ["b.txt": "b\n"])
        try fixture.git("tag", "-a", "v1", "-m", "release")
        try fixture.git("tag", "light")
        try fixture.git("checkout", "-q", "main")
        try fixture.git("pack-refs", "--all")
        try fixture.commit("c2", files: ["a.txt": "a2\n"])
        return fixture
    }

    private func read(_ fixture: FixtureRepository, _ including: @escaping (String) -> Bool = { _ in true }) throws
        -> [String: ReferenceTip]
    {
        let snapshot = try ReferenceReader.read(repository: fixture.path, including: including)
        return Dictionary(uniqueKeysWithValues: snapshot.references.map { ($0.name, $0) })
    }

    /// `git for-each-ref`'s names and (unpeeled) object ids.
    private func gitRefs(_ fixture: FixtureRepository) throws -> [String: String] {
        let output = try fixture.git("for-each-ref", "--format=%(refname) %(objectname)")
        var refs: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            refs[String(parts[0])] = String(parts[1])
        }
        return refs
    }

    // MARK: - Healthy repositories

    @Test func agreesWithGitOnPackedAndLooseRefs() throws {
        let fixture = try makeRepository()
        let tips = try read(fixture)
        #expect(tips.mapValues { $0.target?.hex ?? "" } == (try gitRefs(fixture)))
        #expect(tips.values.allSatisfy { $0.problem == nil })
    }

    @Test func looseRefOverridesItsPackedEntry() throws {
        let fixture = try makeRepository()
        let packed = try String(contentsOfFile: fixture.path + "/.git/packed-refs", encoding: .utf8)
        #expect(packed.contains("refs/heads/main"))
        #expect(try read(fixture)["refs/heads/main"]?.target?.hex == (try fixture.git("rev-parse", "main")).trimmed)
    }

    @Test func symbolicRefIsResolvedAndNamesItsTarget() throws {
        let fixture = try makeRepository()
        try fixture.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/heads/side")
        let tip = try #require(try read(fixture)["refs/remotes/origin/HEAD"])
        #expect(tip.symbolicTarget == "refs/heads/side")
        #expect(tip.target?.hex == (try fixture.git("rev-parse", "side")).trimmed)
    }

    @Test func filterKeepsOnlyIncludedNamesButStillFollowsSymbolicRefsOutsideIt() throws {
        let fixture = try makeRepository()
        // `side` is only in packed-refs; the symbolic ref is included, its target is not.
        try fixture.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/heads/side")
        let tips = try read(fixture) { $0.hasPrefix("refs/remotes/") }
        #expect(Array(tips.keys) == ["refs/remotes/origin/HEAD"])
        #expect(tips["refs/remotes/origin/HEAD"]?.target?.hex == (try fixture.git("rev-parse", "side")).trimmed)
    }

    @Test func danglingSymbolicRefHasNoTargetAndNoProblem() throws {
        let fixture = try makeRepository()
        try fixture.write(".git/refs/remotes/origin/HEAD", "ref: refs/remotes/origin/gone\n")
        let tip = try #require(try read(fixture)["refs/remotes/origin/HEAD"])
        #expect(tip.target == nil)
        #expect(tip.problem == nil)
        #expect(tip.symbolicTarget == "refs/remotes/origin/gone")
    }

    @Test func linkedWorkTreeReadsTheCommonRefs() throws {
        let fixture = try makeRepository()
        let other = fixture.root + "/other"
        try fixture.git("worktree", "add", "-q", other, "side")
        let snapshot = try ReferenceReader.read(repository: other)
        #expect(snapshot.folders.commonFolder.hasSuffix("/repo/.git"))
        #expect(snapshot.folders.gitFolder.contains("/worktrees/"))
        #expect(snapshot.references.contains { $0.name == "refs/heads/main" })
    }

    @Test func bareRepositoryAndFoldersAreReported() throws {
        let fixture = try FixtureRepository(bare: true)
        try fixture.git("update-ref", "refs/heads/main", try emptyCommit(in: fixture))
        try FileManager.default.createDirectory(
            atPath: fixture.path + "/refs/heads/feature", withIntermediateDirectories: true)
        let snapshot = try ReferenceReader.read(repository: fixture.path)
        #expect(snapshot.references.map(\.name) == ["refs/heads/main"])
        #expect(snapshot.referenceFolders.first == fixture.path + "/refs")
        #expect(snapshot.referenceFolders.contains(fixture.path + "/refs/heads/feature"))
    }

    @Test func lockFilesAreNotReferences() throws {
        let fixture = try makeRepository()
        try fixture.write(".git/refs/heads/main.lock", "half-written\n")
        #expect(try read(fixture)["refs/heads/main.lock"] == nil)
    }

    // MARK: - Unreadable refs are listed, never dropped

    @Test func fifoInPlaceOfARefIsAProblemNotAHang() throws {
        let fixture = try makeRepository()
        #expect(mkfifo(fixture.path + "/.git/refs/heads/pipe", 0o644) == 0)
        let tips = try read(fixture)
        #expect(tips["refs/heads/pipe"]?.problem?.contains("FIFO") == true)
        #expect(tips["refs/heads/main"]?.target != nil)
    }

    @Test func symlinkOutOfTheRepositoryIsNotFollowed() throws {
        let fixture = try makeRepository()
        let outside = fixture.root + "/outside"
        try Data((try fixture.git("rev-parse", "main")).utf8).write(to: URL(fileURLWithPath: outside))
        #expect(symlink(outside, fixture.path + "/.git/refs/heads/escape") == 0)
        #expect(symlink("/dev/zero", fixture.path + "/.git/refs/heads/zero") == 0)
        let tips = try read(fixture)
        #expect(tips["refs/heads/escape"]?.target == nil)
        #expect(tips["refs/heads/escape"]?.problem?.contains("out of the repository") == true)
        #expect(tips["refs/heads/zero"]?.problem != nil)
    }

    @Test func symlinkInsideTheRepositoryIsReadThrough() throws {
        let fixture = try makeRepository()
        let main = try fixture.git("rev-parse", "main").trimmed
        try fixture.write(".git/refs/stash-copy", main + "\n")
        #expect(symlink(fixture.path + "/.git/refs/stash-copy", fixture.path + "/.git/refs/heads/linked") == 0)
        #expect(symlink(fixture.path + "/.git/refs/tags", fixture.path + "/.git/refs/heads/folder") == 0)
        let tips = try read(fixture)
        #expect(tips["refs/heads/linked"]?.target?.hex == main)
        #expect(tips["refs/heads/folder"]?.problem?.contains("folder") == true)
    }

    @Test func legacySymlinkSymbolicRefIsFollowedAsGitDoes() throws {
        let fixture = try makeRepository()
        #expect(symlink("refs/heads/side", fixture.path + "/.git/refs/heads/alias") == 0)
        let tip = try #require(try read(fixture)["refs/heads/alias"])
        #expect(tip.symbolicTarget == "refs/heads/side")
        #expect(tip.target?.hex == (try fixture.git("rev-parse", "side")).trimmed)
    }

    @Test func namesWithControlCharactersAreProblems() throws {
        let fixture = try makeRepository()
        let main = try fixture.git("rev-parse", "main").trimmed
        try fixture.write(".git/refs/heads/evil\u{1b}[31m", main + "\n")
        try fixture.write(".git/refs/heads/a..b", main + "\n")
        let tips = try read(fixture)
        #expect(tips["refs/heads/evil\u{1b}[31m"]?.problem?.contains("control characters") == true)
        #expect(tips["refs/heads/evil\u{1b}[31m"]?.target == nil)
        #expect(tips["refs/heads/a..b"]?.problem?.contains("not a valid reference name") == true)
    }

    @Test func nameThatIsNotUTF8IsAProblem() throws {
        let fixture = try makeRepository()
        let path = fixture.path + "/.git/refs/heads/"
        let bytes = Array(path.utf8) + [0xff, 0xfe, 0x41, 0]
        let file = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(file >= 0)
        close(file)
        let tips = try read(fixture)
        #expect(tips.values.contains { $0.problem?.contains("not UTF-8") == true })
    }

    @Test func loopsAndLongChainsOfSymbolicRefsAreProblems() throws {
        let fixture = try makeRepository()
        try fixture.write(".git/refs/heads/loop-a", "ref: refs/heads/loop-b\n")
        try fixture.write(".git/refs/heads/loop-b", "ref: refs/heads/loop-a\n")
        for index in 0..<7 { try fixture.write(".git/refs/heads/chain\(index)", "ref: refs/heads/chain\(index + 1)\n") }
        try fixture.write(".git/refs/heads/chain7", try fixture.git("rev-parse", "main"))
        try fixture.write(".git/refs/heads/self", "ref: refs/heads/self\n")
        let tips = try read(fixture)
        #expect(tips["refs/heads/loop-a"]?.problem?.contains("loop") == true)
        #expect(tips["refs/heads/self"]?.problem?.contains("loop") == true)
        #expect(tips["refs/heads/chain0"]?.problem?.contains("symbolic references in a row") == true)
        #expect(tips["refs/heads/chain3"]?.target != nil)
    }

    @Test func garbledAndOversizedRefFilesAreProblems() throws {
        let fixture = try makeRepository()
        try fixture.write(".git/refs/heads/garbled", "this is not an object id\n")
        try fixture.write(".git/refs/heads/huge", String(repeating: "0", count: 100_000))
        try fixture.write(".git/refs/heads/short", "abc\n")
        try fixture.write(".git/refs/heads/bad-target", "ref: refs/heads/\u{7}bell\n")
        let tips = try read(fixture)
        #expect(tips["refs/heads/garbled"]?.problem != nil)
        #expect(tips["refs/heads/huge"]?.problem?.contains("larger than") == true)
        #expect(tips["refs/heads/short"]?.problem != nil)
        #expect(tips["refs/heads/bad-target"]?.problem != nil)
        #expect(tips["refs/heads/main"]?.problem == nil)
    }

    @Test func symbolicRefToAnUnreadableRefCarriesItsProblem() throws {
        let fixture = try makeRepository()
        try fixture.write(".git/refs/heads/garbled", "nonsense\n")
        try fixture.write(".git/refs/heads/alias", "ref: refs/heads/garbled\n")
        let tip = try #require(try read(fixture)["refs/heads/alias"])
        #expect(tip.problem?.contains("refs/heads/garbled") == true)
    }

    @Test(.enabled(if: FilesystemUser.canRunUnprivileged, "needs setfsuid when running as root"))
    func folderThatCannotBeListedIsReported() throws {
        let fixture = try makeRepository()
        try fixture.git("update-ref", "refs/heads/team/x", "main")
        let folder = fixture.path + "/.git/refs/heads/team"
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let tips = try FilesystemUser.runUnprivileged { try read(fixture) }
        #expect(tips["refs/heads/team/"]?.problem?.contains("denied") == true)
    }

    // MARK: - packed-refs

    @Test func oversizedPackedRefsFailsTheReadWithoutReadingIt() throws {
        let fixture = try makeRepository()
        let path = fixture.path + "/.git/packed-refs"
        #expect(truncate(path, off_t(PackedReferences.maxBytes + 1)) == 0)
        let error = #expect(throws: GitError.self) { try ReferenceReader.read(repository: fixture.path) }
        #expect(error?.message.contains("larger than") == true)
    }

    @Test func malformedPackedRefsFailsTheReadNamingTheLine() throws {
        let fixture = try makeRepository()
        let path = fixture.path + "/.git/packed-refs"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text += "garbage line\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: GitError.self) { try ReferenceReader.read(repository: fixture.path) }
        #expect(error?.message.contains("line") == true)
    }

    @Test func fifoInPlaceOfPackedRefsFailsTheReadWithoutHanging() throws {
        let fixture = try makeRepository()
        let path = fixture.path + "/.git/packed-refs"
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        #expect(throws: GitError.self) { try ReferenceReader.read(repository: fixture.path) }
    }

    @Test func packedRefsParserGivesOneAnswerWhateverTheChunking() throws {
        var text = "# pack-refs with: peeled fully-peeled sorted \n"
        for index in 0..<200 {
            text += String(format: "%040x", index + 1) + " refs/tags/t\(index)\n"
            if index % 3 == 0 { text += "^" + String(repeating: "a", count: 40) + "\n" }
        }
        let bytes = Array(text.utf8)
        var whole = PackedReferences.LineParser { _ in true }
        #expect(whole.feed(bytes[...]) == nil)
        #expect(whole.finish() == nil)
        #expect(whole.references.count == 200)
        var generator = FuzzBudget.generator(for: "packed-refs chunking")
        for _ in 0..<FuzzBudget.iterations(20) {
            var parser = PackedReferences.LineParser { _ in true }
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 1...97, using: &generator))
                #expect(parser.feed(bytes[start..<end]) == nil)
                start = end
            }
            #expect(parser.finish() == nil)
            #expect(parser.references == whole.references)
        }
    }

    @Test func packedRefsParserNeverCrashesOnRandomBytes() {
        var generator = FuzzBudget.generator(for: "packed-refs bytes")
        for _ in 0..<FuzzBudget.iterations(500) {
            let count = Int.random(in: 0...300, using: &generator)
            let alphabet = Array("0123456789abcdef ^#\n\r\t/refsheads\u{0}\u{1b}".utf8) + [0xff]
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            var parser = PackedReferences.LineParser { _ in true }
            if parser.feed(bytes[...]) == nil { _ = parser.finish() }
            #expect(parser.references.values.allSatisfy { $0.hex.count == 40 })
        }
    }

    // MARK: - Not repositories

    @Test func missingPathAndPlainFolderAreRefusedByKind() throws {
        let scratch = try ScratchFolder()
        let missing = #expect(throws: GitError.self) { try ReferenceReader.read(repository: scratch.path + "/nope") }
        #expect(missing?.kind == .notFound)
        let plain = #expect(throws: GitError.self) { try ReferenceReader.read(repository: scratch.path) }
        #expect(plain?.kind == .notARepository)
        let file = try scratch.write("file", "x")
        #expect(throws: GitError.self) { try ReferenceReader.read(repository: file) }
    }

    private func emptyCommit(in fixture: FixtureRepository) throws -> String {
        let tree = try fixture.git(["mktree"], input: Data()).trimmed
        return try fixture.git("commit-tree", tree, "-m", "root").trimmed
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
