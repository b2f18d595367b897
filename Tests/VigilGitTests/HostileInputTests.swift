import Foundation
import Testing
import VigilGit
import VigilTestSupport

/// Repository content is attacker-controlled. VigilGit reports it exactly (escaping is the
/// renderer's job) and never fails or loses data because of it.
@Suite("Hostile content")
struct HostileInputTests {
    @Test func controlCharactersAndEscapeSequencesInSignaturesAreKeptExactly() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        let tree = try fixture.revParse("HEAD^{tree}")
        let parent = try fixture.revParse("HEAD")
        // git (and libgit2) trim spaces and control characters at the ends of a name, so the hostile
        // bytes sit in the middle, where they are kept exactly.
        let name = "Mallory\u{1b}]0;owned\u{7}\u{1b}[2J\u{1b}[31mRed\u{8}\u{7f}\u{1}Name"
        let email = "m\u{1b}[0m@example.com"
        var object = "tree \(tree)\nparent \(parent)\n"
        object += "author \(name) <\(email)> 1700000000 +0000\n"
        object += "committer \(name) <\(email)> 1700000000 +0000\n\n"
        object += "subject \u{1b}[1mbold\u{1b}[0m\r\n\nbody"
        let id = try fixture.writeObject(type: "commit", bytes: Array(object.utf8))
        let commit = try Repository(path: fixture.path).commit(oid(id))
        #expect(commit.author.name == name)
        #expect(commit.author.email == email)
        #expect(commit.committer.name == name)
        #expect(commit.summary == "subject \u{1b}[1mbold\u{1b}[0m")
        #expect(commit.rawMessage == Array("subject \u{1b}[1mbold\u{1b}[0m\r\n\nbody".utf8))
    }

    @Test func invalidUTF8InAuthorNameIsReplacedNotDropped() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        let tree = try fixture.revParse("HEAD^{tree}")
        var object = Array("tree \(tree)\nauthor Bad".utf8) + [0xFF, 0xC0]
        object += Array("Name <b@example.com> 1 +0000\n".utf8)
        object += Array("committer C <c@example.com> 1 +0000\n\nmessage\n".utf8)
        let id = try fixture.writeObject(type: "commit", bytes: object)
        let commit = try Repository(path: fixture.path).commit(oid(id))
        #expect(commit.author.name == "Bad\u{FFFD}\u{FFFD}Name")
        #expect(commit.committer.name == "C")
    }

    @Test func pathsWithNewlinesSpacesAndUnicode() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("first", files: ["a.txt": "a\n"])
        let paths = [
            "line\nbreak.txt", "with space/and tab\t.txt", "ünïcödé/日本語.txt", "emoji 🚀.md", "-dash.txt",
            "esc\u{1b}[31m.txt",
        ]
        for (index, path) in paths.enumerated() { try fixture.write(path, "content \(index)\n") }
        let id = try fixture.commit("odd paths")
        let diff = try Repository(path: fixture.path).diff(of: id)
        #expect(Set(diff.files.map(\.path)) == Set(paths))
        for (index, path) in paths.enumerated() {
            let change = try diff.file(path)
            #expect(change.status == .added)
            #expect(change.added == ["content \(index)"])
        }
    }

    @Test func renameAcrossOddPaths() throws {
        let fixture = try FixtureRepository()
        let body = (1...10).map { "row \($0)\n" }.joined()
        try fixture.commit("first", files: ["plain.txt": body])
        try fixture.git("mv", "plain.txt", "new\nname ✓.txt")
        let id = try fixture.commit("rename")
        let change = try Repository(path: fixture.path).diff(of: id).file("new\nname ✓.txt")
        #expect(change.status == .renamed)
        #expect(change.oldPath == "plain.txt")
        #expect(change.addedLines.isEmpty)
    }

    @Test func veryLongLinesAreReturnedWhole() throws {
        let fixture = try FixtureRepository()
        let long = String(repeating: "0123456789abcdef", count: 64 * 1024)
        let id = try fixture.commit("long", files: ["min.js": "short\n\(long)\nend"])
        let change = try Repository(path: fixture.path).diff(of: id).file("min.js")
        #expect(change.newContent == .text)
        #expect(change.addedLines.count == 3)
        #expect(change.addedLines[1] == DiffLine(number: 2, text: long))
        #expect(change.addedLines[2] == DiffLine(number: 3, text: "end"))
    }

    @Test func invalidUTF8InFileContentIsReplaced() throws {
        let fixture = try FixtureRepository()
        try fixture.write("latin1.txt", bytes: Array("caf".utf8) + [0xE9, 0x0A])
        let id = try fixture.commit("latin-1 file")
        let change = try Repository(path: fixture.path).diff(of: id).file("latin1.txt")
        #expect(change.newContent == .text)
        #expect(change.added == ["caf\u{FFFD}"])
    }

    @Test func hugeCommitMessageIsReadWhole() throws {
        let fixture = try FixtureRepository()
        let message = "subject\n\n" + String(repeating: "x", count: 1 << 20)
            + "\n\nSigned-off-by: S <s@example.com>\n"
        let id = try fixture.commit(message)
        let commit = try Repository(path: fixture.path).commit(oid(id))
        #expect(commit.rawMessage.count == message.utf8.count)
        #expect(commit.trailers == [Trailer(key: "Signed-off-by", value: "S <s@example.com>")])
    }
}
