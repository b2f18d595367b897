import Foundation
import Testing
import VigilGit
import VigilTestSupport

@Suite("Diffing a commit")
struct DiffTests {
    @Test func rootCommitDiffsAgainstTheEmptyTree() throws {
        let fixture = try FixtureRepository()
        let id = try fixture.commit("root", files: ["a.txt": "one\ntwo\n", "dir/b.txt": "bee\n"])
        let diff = try Repository(path: fixture.path).diff(of: id)
        #expect(diff.files.map(\.path).sorted() == ["a.txt", "dir/b.txt"])
        let a = try diff.file("a.txt")
        #expect(a.status == .added)
        #expect(a.oldMode == .absent)
        #expect(a.newMode == .regular)
        #expect(a.oldBlob == nil)
        #expect(a.newBlob == (try oid(fixture.revParse("\(id):a.txt"))))
        #expect(a.oldSize == 0)
        #expect(a.newSize == 8)
        #expect(a.addedLines == [DiffLine(number: 1, text: "one"), DiffLine(number: 2, text: "two")])
        #expect(a.removedLines.isEmpty)
        #expect(diff.addedLineCount == 3)
        #expect(diff.unreadable.isEmpty)
    }

    @Test func modifiedFileReportsChangedLinesWithTheirNumbers() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "1\n2\n3\n4\n5\n6\n"])
        let id = try fixture.commit("two", files: ["a.txt": "1\ntwo\n3\n4\n5\n6\nseven\n"])
        let change = try Repository(path: fixture.path).diff(of: id).file("a.txt")
        #expect(change.status == .modified)
        #expect(change.oldPath == "a.txt")
        #expect(change.newPath == "a.txt")
        #expect(change.removedLines == [DiffLine(number: 2, text: "2")])
        #expect(change.addedLines == [DiffLine(number: 2, text: "two"), DiffLine(number: 7, text: "seven")])
        #expect(change.oldSize == 12)
        #expect(change.newSize == 20)
        #expect(change.newContent == .text)
    }

    @Test func deletedFileListsItsLinesAsRemoved() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["gone.txt": "x\ny\n", "kept.txt": "k\n"])
        try fixture.remove("gone.txt")
        let id = try fixture.commit("delete")
        let diff = try Repository(path: fixture.path).diff(of: id)
        #expect(diff.files.count == 1)
        let change = try diff.file("gone.txt")
        #expect(change.status == .deleted)
        #expect(change.path == "gone.txt")
        #expect(change.newMode == .absent)
        #expect(change.newBlob == nil)
        #expect(change.oldSize == 4)
        #expect(change.newSize == 0)
        #expect(change.removedLines == [DiffLine(number: 1, text: "x"), DiffLine(number: 2, text: "y")])
        #expect(diff.removedLineCount == 2)
    }

    @Test func renameIsDetectedAndOnlyTheEditIsReported() throws {
        let fixture = try FixtureRepository()
        let body = (1...20).map { "line \($0)\n" }.joined()
        try fixture.commit("one", files: ["old/name.txt": body])
        try fixture.git("mv", "old/name.txt", "new name.txt")
        try fixture.write("new name.txt", body + "line 21\n")
        let id = try fixture.commit("rename")
        let repository = try Repository(path: fixture.path)
        let diff = try repository.diff(of: id)
        #expect(diff.files.count == 1)
        let change = try diff.file("new name.txt")
        #expect(change.status == .renamed)
        #expect(change.oldPath == "old/name.txt")
        #expect(change.newPath == "new name.txt")
        #expect(change.added == ["line 21"])
        #expect(change.addedNumbers == [21])
        #expect(change.removedLines.isEmpty)

        let plain = try repository.diff(of: id, options: DiffOptions(detectRenames: false))
        #expect(Set(plain.files.map(\.status)) == [.added, .deleted])
        #expect(try plain.file("new name.txt").addedLines.count == 21)
    }

    @Test func fileToSymlinkIsATypeChangeWithBothSidesLines() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["target.txt": "t\n", "link": "was a file\nwith two lines\n"])
        try FileManager.default.removeItem(atPath: fixture.path + "/link")
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/link", withDestinationPath: "target.txt")
        let id = try fixture.commit("make it a link")
        let change = try Repository(path: fixture.path).diff(of: id).file("link")
        #expect(change.status == .typeChanged)
        #expect(change.oldMode == .regular)
        #expect(change.newMode == .symlink)
        #expect(change.removed == ["was a file", "with two lines"])
        #expect(change.added == ["target.txt"])
        #expect(change.newSize == 10)
    }

    @Test func symlinkToFileShowsTheNewFilesLines() throws {
        // libgit2 reports no lines for a type change; content added this way must still be seen.
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["target.txt": "t\n"])
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/config", withDestinationPath: "target.txt")
        try fixture.commit("link")
        try FileManager.default.removeItem(atPath: fixture.path + "/config")
        let id = try fixture.commit("file", files: ["config": "aws_secret=AKIAIOSFODNN7EXAMPLE\n"])
        let change = try Repository(path: fixture.path).diff(of: id).file("config")
        #expect(change.status == .typeChanged)
        #expect(change.oldMode == .symlink)
        #expect(change.newMode == .regular)
        #expect(change.addedLines == [DiffLine(number: 1, text: "aws_secret=AKIAIOSFODNN7EXAMPLE")])
        #expect(change.removed == ["target.txt"])
    }

    @Test func executableBitChangeIsAModeChangeWithoutLines() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["run.sh": "echo hi\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/run.sh")
        let id = try fixture.commit("make executable")
        let change = try Repository(path: fixture.path).diff(of: id).file("run.sh")
        #expect(change.status == .modified)
        #expect(change.oldMode == .regular)
        #expect(change.newMode == .executable)
        #expect(change.addedLines.isEmpty)
        #expect(change.removedLines.isEmpty)
    }

    @Test func submoduleIsAGitlinkWithoutBlobOrLines() throws {
        let fixture = try FixtureRepository()
        let first = try fixture.commit("one", files: ["a.txt": "a\n"])
        try fixture.git("update-index", "--add", "--cacheinfo", "160000,\(first),vendor/lib")
        // Committed straight from the index: `git add -A` would drop a gitlink with no checkout.
        try fixture.git(["commit", "-q", "-m", "add submodule"], environment: [
            "GIT_AUTHOR_DATE": "@1700009000 +0000", "GIT_COMMITTER_DATE": "@1700009000 +0000",
        ])
        let id = try fixture.revParse("HEAD")
        let diff = try Repository(path: fixture.path).diff(of: id)
        let change = try diff.file("vendor/lib")
        #expect(change.status == .added)
        #expect(change.newMode == .submodule)
        #expect(change.newBlob == nil)
        #expect(change.newSize == 0)
        #expect(change.addedLines.isEmpty)
        #expect(diff.unreadable.isEmpty)
    }

    @Test func binaryFileHasSizesAndNoLines() throws {
        let fixture = try FixtureRepository()
        try fixture.write("image.bin", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])
        try fixture.commit("add binary")
        try fixture.write("image.bin", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02, 0x03, 0x04, 0x0A])
        let id = try fixture.commit("change binary")
        let change = try Repository(path: fixture.path).diff(of: id).file("image.bin")
        #expect(change.oldContent == .binary)
        #expect(change.newContent == .binary)
        #expect(change.oldSize == 7)
        #expect(change.newSize == 10)
        #expect(change.addedLines.isEmpty)
        #expect(change.removedLines.isEmpty)
    }

    @Test func addedBinaryFileHasItsSize() throws {
        let fixture = try FixtureRepository()
        try fixture.write("blob.bin", bytes: [UInt8](repeating: 0, count: 3000))
        let id = try fixture.commit("add binary")
        let change = try Repository(path: fixture.path).diff(of: id).file("blob.bin")
        #expect(change.status == .added)
        #expect(change.oldContent == .absent)
        #expect(change.newContent == .binary)
        #expect(change.newSize == 3000)
    }

    @Test func aSideLargerThanTheLimitIsNotReadButHasItsSize() throws {
        let fixture = try FixtureRepository()
        let small = String(repeating: "small line\n", count: 10)
        let big = String(repeating: "a long text line that is not binary at all\n", count: 200)
        try fixture.commit("one", files: ["big.txt": small])
        let id = try fixture.commit("two", files: ["big.txt": big, "added.txt": big])
        let options = DiffOptions(maxBlobBytes: 1000)
        let diff = try Repository(path: fixture.path).diff(of: id, options: options)
        let modified = try diff.file("big.txt")
        #expect(modified.oldContent == .text)
        #expect(modified.newContent == .overLimit)
        #expect(modified.oldSize == Int64(small.utf8.count))
        #expect(modified.newSize == Int64(big.utf8.count))
        #expect(modified.addedLines.isEmpty)
        #expect(modified.removedLines.isEmpty, "which old lines went is unknown")
        let added = try diff.file("added.txt")
        #expect(added.newContent == .overLimit)
        #expect(added.newSize == Int64(big.utf8.count))

        let unlimited = try Repository(path: fixture.path).diff(of: id)
        #expect(try unlimited.file("big.txt").newContent == .text)
        #expect(try unlimited.file("added.txt").addedLines.count == 200)
    }

    @Test func crlfLineEndingsAreStripped() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["win.txt": "first\r\nsecond\r\n"])
        let id = try fixture.commit("two", files: ["win.txt": "first\r\nchanged\r\nthird\r\n"])
        let change = try Repository(path: fixture.path).diff(of: id).file("win.txt")
        #expect(change.removedLines == [DiffLine(number: 2, text: "second")])
        #expect(change.addedLines == [DiffLine(number: 2, text: "changed"), DiffLine(number: 3, text: "third")])
    }

    @Test func fileWithoutTrailingNewline() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "keep\nlast"])
        let changed = try fixture.commit("two", files: ["a.txt": "keep\nnew last"])
        let terminated = try fixture.commit("three", files: ["a.txt": "keep\nnew last\n"])
        let repository = try Repository(path: fixture.path)
        let change = try repository.diff(of: changed).file("a.txt")
        #expect(change.removedLines == [DiffLine(number: 2, text: "last")])
        #expect(change.addedLines == [DiffLine(number: 2, text: "new last")])
        // Adding the final newline changes the last line, and nothing else.
        let ending = try repository.diff(of: terminated).file("a.txt")
        #expect(ending.removedLines == [DiffLine(number: 2, text: "new last")])
        #expect(ending.addedLines == [DiffLine(number: 2, text: "new last")])
    }

    @Test func emptyFileIsAddedWithoutLines() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "a\n"])
        let id = try fixture.commit("two", files: ["empty.txt": ""])
        let change = try Repository(path: fixture.path).diff(of: id).file("empty.txt")
        #expect(change.status == .added)
        #expect(change.newSize == 0)
        #expect(change.addedLines.isEmpty)
        #expect(change.newContent == .text)
    }

    @Test func gitattributesCannotHideLines() throws {
        // A commit that marks its own files `-diff` or `binary` must not hide their lines from checks.
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["app.py": "print('hi')\n"])
        let id = try fixture.commit("two", files: [
            ".gitattributes": "*.py -diff\n*.cfg binary\n", "app.py": "print('hi')\nKEY='AKIAIOSFODNN7EXAMPLE'\n",
            "prod.cfg": "password=hunter2\n",
        ])
        let diff = try Repository(path: fixture.path).diff(of: id)
        let app = try diff.file("app.py")
        #expect(app.newContent == .text)
        #expect(app.addedLines == [DiffLine(number: 2, text: "KEY='AKIAIOSFODNN7EXAMPLE'")])
        #expect(app.newSize == Int64("print('hi')\nKEY='AKIAIOSFODNN7EXAMPLE'\n".utf8.count))
        #expect(try diff.file("prod.cfg").added == ["password=hunter2"])
    }

    @Test func textWithControlCharactersIsNotBinary() throws {
        let fixture = try FixtureRepository()
        let text = "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{e}\u{f}token=abc\u{1b}[0m\n"
        let id = try fixture.commit("controls", files: ["odd.txt": text])
        let change = try Repository(path: fixture.path).diff(of: id).file("odd.txt")
        #expect(change.newContent == .text)
        #expect(change.added == [String(text.dropLast())])
    }

    @Test func emptyCommitHasNoFiles() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "a\n"])
        let id = try fixture.commit("nothing changed")
        let diff = try Repository(path: fixture.path).diff(of: id)
        #expect(diff == CommitDiff(sizeLimit: DiffOptions.defaultMaxBlobBytes))
    }
}
