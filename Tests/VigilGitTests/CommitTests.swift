import Foundation
import Testing
import VigilGit
import VigilTestSupport

@Suite("Reading commits")
struct CommitTests {
    @Test func readsIdParentsAndSignatures() throws {
        let fixture = try FixtureRepository()
        let first = try fixture.commit("first", files: ["a.txt": "a\n"])
        let author = FixtureRepository.Identity("Asha Author", "asha@example.com")
        let committer = FixtureRepository.Identity("Cole Committer", "cole@example.com")
        try fixture.write("a.txt", "b\n")
        let second = try fixture.commit(
            messageBytes: Array("second\n".utf8),
            dates: .init(author: "@1700000000 +0530", committer: "@1700003600 -0800"),
            author: author, committer: committer)
        let commit = try Repository(path: fixture.path).commit(oid(second))
        #expect(commit.id == (try oid(second)))
        #expect(commit.parents == [try oid(first)])
        #expect(commit.author == Signature(name: "Asha Author", email: "asha@example.com", time: 1_700_000_000,
            offsetMinutes: 330))
        #expect(commit.committer == Signature(name: "Cole Committer", email: "cole@example.com",
            time: 1_700_003_600, offsetMinutes: -480))
        #expect(!commit.isRoot)
        #expect(!commit.isMerge)
    }

    @Test func rootAndMergeCommits() throws {
        let fixture = try FixtureRepository()
        let root = try fixture.commit("root", files: ["a.txt": "a\n"])
        try fixture.git("checkout", "-q", "-b", "side")
        let side = try fixture.commit("side", files: ["b.txt": "b\n"])
        try fixture.git("checkout", "-q", "main")
        let main = try fixture.commit("main", files: ["c.txt": "c\n"])
        fixture.startMerge(["side"])
        let merge = try fixture.commit("merge side")
        let repository = try Repository(path: fixture.path)
        #expect(try repository.commit(oid(root)).isRoot)
        let mergeCommit = try repository.commit(oid(merge))
        #expect(mergeCommit.isMerge)
        #expect(mergeCommit.parents == [try oid(main), try oid(side)])
    }

    @Test func rawMessageIsKeptByteForByte() throws {
        let fixture = try FixtureRepository()
        let bytes: [UInt8] = Array("Subject line\n\n".utf8) + [0x62, 0x61, 0x64, 0x20, 0xFF, 0xFE, 0xC3, 0x0A]
            + Array("  trailing spaces kept  \n\n\n".utf8)
        let id = try fixture.commit(messageBytes: bytes)
        let commit = try Repository(path: fixture.path).commit(oid(id))
        #expect(commit.rawMessage == bytes)
        #expect(commit.encoding == nil)
        #expect(commit.summary == "Subject line")
        #expect(commit.message.contains("bad \u{FFFD}"))
    }

    @Test func declaredLatin1MessageIsDecodedLikeGitLog() throws {
        let fixture = try FixtureRepository()
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" cr".utf8) + [0xE8, 0x6D, 0x65, 0x0A]
        let id = try fixture.commit(
            messageBytes: bytes, dates: .init("@1700000000 +0000"), configuration: ["i18n.commitEncoding=ISO-8859-1"])
        let commit = try Repository(path: fixture.path).commit(oid(id))
        #expect(commit.rawMessage == bytes)
        #expect(commit.encoding == "ISO-8859-1")
        #expect(commit.message == "Café crème\n")
        // git agrees when it re-encodes for display.
        #expect(try fixture.git("log", "-1", "--format=%s", "--encoding=UTF-8") == "Café crème\n")
    }

    @Test func latin1NamesInALatin1CommitAreDecoded() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        let tree = try fixture.revParse("HEAD^{tree}")
        let name: [UInt8] = Array("Jos".utf8) + [0xE9]
        var object = Array("tree \(tree)\nauthor ".utf8) + name + Array(" <jose@example.com> 1700000000 +0100\n".utf8)
        object += Array("committer ".utf8) + name + Array(" <jose@example.com> 1700000000 +0100\n".utf8)
        object += Array("encoding ISO-8859-1\n\nol".utf8) + [0xE9, 0x0A]
        let id = try fixture.writeObject(type: "commit", bytes: object)
        let commit = try Repository(path: fixture.path).commit(oid(id))
        #expect(commit.author.name == "José")
        #expect(commit.committer.name == "José")
        #expect(commit.author.offsetMinutes == 60)
        #expect(commit.message == "olé\n")
    }

    @Test func missingCommitIsNotFoundWithLibgit2Details() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        let repository = try Repository(path: fixture.path)
        let error = #expect(throws: GitError.self) { try repository.commit(absentID) }
        #expect(error?.kind == .notFound)
        #expect(error?.code == notFoundCode)
        #expect(error?.errorClass == odbErrorClass)
        #expect(error?.message.contains(absentID.hex) == true)
        #expect(error?.operation == "git_commit_lookup(\(absentID.short))")
        #expect(error?.description.hasPrefix("git_commit_lookup") == true)
    }

    @Test func blobIsNotACommit() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        let repository = try Repository(path: fixture.path)
        let blob = try oid(fixture.revParse("HEAD:a.txt"))
        #expect(throws: GitError.self) { try repository.commit(blob) }
    }
}

@Suite("Trailers")
struct TrailerTests {
    private func trailers(of message: String) throws -> [Trailer] {
        let fixture = try FixtureRepository()
        let id = try fixture.commit(message)
        return try Repository(path: fixture.path).commit(oid(id)).trailers
    }

    @Test func readsTheTrailerBlock() throws {
        let found = try trailers(of: """
            Add the thing

            Some explanation.

            Co-authored-by: Claude <noreply@anthropic.com>
            Signed-off-by: Dana Developer <dana@example.com>

            """)
        #expect(found == [
            Trailer(key: "Co-authored-by", value: "Claude <noreply@anthropic.com>"),
            Trailer(key: "Signed-off-by", value: "Dana Developer <dana@example.com>"),
        ])
    }

    @Test func keyValueLineOutsideTheLastParagraphIsNotATrailer() throws {
        let found = try trailers(of: """
            Subject

            Generated-by: not a trailer, this paragraph is not the last one

            The last paragraph is prose, so there are no trailers.

            """)
        #expect(found.isEmpty)
    }

    @Test func onlyTheLastParagraphCounts() throws {
        let found = try trailers(of: """
            Subject

            Tool: in the body
            more body text

            Reviewed-by: Rae Reviewer <rae@example.com>

            """)
        #expect(found == [Trailer(key: "Reviewed-by", value: "Rae Reviewer <rae@example.com>")])
    }

    @Test func subjectAloneIsNeverATrailer() throws {
        #expect(try trailers(of: "Fixes: the subject line\n").isEmpty)
    }

    @Test func messageWithoutTrailersHasNone() throws {
        #expect(try trailers(of: "Subject\n\nJust a body.\n").isEmpty)
    }

    @Test func crlfMessageTrailerValuesHaveNoCarriageReturn() throws {
        let found = try trailers(of: "Subject\r\n\r\nBody\r\n\r\nCo-authored-by: Claude <c@example.com>\r\n")
        #expect(found == [Trailer(key: "Co-authored-by", value: "Claude <c@example.com>")])
    }

    @Test func dashedLineInTheBodyDoesNotHideTrailers() throws {
        // libgit2 treats "---" as the start of an emailed patch; git log's %(trailers) does not.
        let message = "Subject\n\nNotes\n---\nmore notes\n\nCo-authored-by: Claude <c@example.com>\n"
        #expect(try trailers(of: message) == [Trailer(key: "Co-authored-by", value: "Claude <c@example.com>")])
        let fixture = try FixtureRepository()
        try fixture.commit(message)
        #expect(try fixture.git("log", "-1", "--format=%(trailers:only)").contains("Co-authored-by: Claude"))
    }

    @Test func squashMergeDividerDoesNotHideTrailers() throws {
        // GitHub's squash merges write a `---------` line before the co-author trailers.
        let message = "Fix (#231)\n\n* Initial plan\n\n---------\n\nCo-authored-by: Bot <1+bot@example.com>\n"
        #expect(try trailers(of: message) == [Trailer(key: "Co-authored-by", value: "Bot <1+bot@example.com>")])
        let fixture = try FixtureRepository()
        try fixture.commit(message)
        #expect(try fixture.git("log", "-1", "--format=%(trailers:only)").contains("Co-authored-by: Bot"))
    }

    @Test func gitGeneratedTrailerAllowsSomeProseInTheBlock() throws {
        // git's rule: a block with a git-generated trailer counts when at least 25% of it is trailers.
        let found = try trailers(of: """
            Subject

            Signed-off-by: Dana Developer <dana@example.com>
            a note written under the sign-off

            """)
        #expect(found == [Trailer(key: "Signed-off-by", value: "Dana Developer <dana@example.com>")])
    }
}
