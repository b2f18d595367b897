import Foundation
import Testing
import VigilCore
import VigilGit
import VigilTestSupport

/// Vigil's patch ids must be git's: `git show --format= --full-index C | git patch-id --stable`.
@Suite("Patch ids")
struct PatchIDTests {
    private let body = (1...20).map { "line \($0)\n" }.joined()

    /// git's patch id of `commit`, or `nil` when git prints none.
    private func gitPatchID(_ fixture: FixtureRepository, _ commit: String) throws -> String? {
        let patch = try fixture.git(["show", "--format=", "--full-index", commit])
        return try gitPatchID(fixture, patchText: patch)
    }

    private func gitPatchID(_ fixture: FixtureRepository, patchText: String) throws -> String? {
        let output = try fixture.git(["patch-id", "--stable"], input: Data(patchText.utf8))
        return output.split(separator: " ").first.map(String.init)
    }

    private func vigilText(_ fixture: FixtureRepository, _ commit: String) throws -> String {
        let repository = try Repository(path: fixture.path)
        var text = ""
        _ = try repository.patch(try repository.commit(#require(ObjectID(hex: commit))), maxBlobBytes: 1 << 20) {
            text += String(decoding: $0, as: UTF8.self)
            return true
        }
        return text
    }

    private func vigilPatchID(_ fixture: FixtureRepository, _ commit: String) throws -> String? {
        let repository = try Repository(path: fixture.path)
        let id = try #require(ObjectID(hex: commit))
        return try PatchID.compute(try repository.commit(id), in: repository, maxBlobBytes: 8 << 20)
    }

    /// Asserts Vigil and git agree on `commit`, and returns the id.
    @discardableResult
    private func agree(_ fixture: FixtureRepository, _ commit: String) throws -> String? {
        let expected = try gitPatchID(fixture, commit)
        let actual = try vigilPatchID(fixture, commit)
        let patch = try fixture.git(["show", "--format=", "--full-index", commit])
        let vigil = try vigilText(fixture, commit)
        #expect(actual == expected, "commit \(commit): \(patch)\nVigil's patch:\n\(vigil)")
        return actual
    }

    @Test func editsAdditionsAndDeletionsMatchGit() throws {
        let fixture = try FixtureRepository()
        let root = try fixture.commit("root", files: ["a.txt": body, "b.txt": "b\n", "gone.txt": "bye\n"])
        try #require(try agree(fixture, root) != nil)
        try fixture.write("a.txt", body.replacingOccurrences(of: "line 7\n", with: "line seven\n") + "tail\n")
        try fixture.write("c/new.txt", "fresh\n")
        try fixture.remove("gone.txt")
        try agree(fixture, try fixture.commit("edit, add, delete"))
        try fixture.write("b.txt", "no newline at the end")
        try agree(fixture, try fixture.commit("no newline"))
    }

    @Test func aCherryPickHasTheSamePatchIDEvenWhenItsFilesAndLinesMoved() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": body, "b.txt": body])
        try fixture.git("checkout", "-q", "-b", "release")
        try fixture.commit("release only", files: ["a.txt": "header\n" + body])
        try fixture.git("checkout", "-q", "main")
        let original = try fixture.commit(
            "fix", files: ["a.txt": body.replacingOccurrences(of: "line 15\n", with: "fixed\n"), "b.txt": body + "end\n"])
        try fixture.git("checkout", "-q", "release")
        try fixture.git("cherry-pick", original)
        let picked = try fixture.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let first = try agree(fixture, original)
        #expect(first != nil)
        #expect(try agree(fixture, picked) == first)
    }

    @Test func fileOrderDoesNotMatterToTheStableID() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": body, "b.txt": body])
        let commit = try fixture.commit(
            "two files", files: ["a.txt": body + "a\n", "b.txt": body.replacingOccurrences(of: "line 1\n", with: "")])
        let patch = try fixture.git(["show", "--format=", "--full-index", commit])
        let files = patch.components(separatedBy: "diff --git ").filter { !$0.isEmpty }.map { "diff --git " + $0 }
        try #require(files.count == 2)
        let swapped = files[1] + files[0]
        let git = try gitPatchID(fixture, patchText: swapped)
        #expect(git == (try gitPatchID(fixture, commit)))
        #expect(PatchID.of(patchText: swapped) == git)
        #expect(PatchID.of(patchText: patch) == git)
    }

    @Test func whitespaceChangesMatchGit() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.py": "def f():\n    return 1\n"])
        let reindent = try fixture.commit("reindent", files: ["a.py": "def f():\n\treturn 1\n"])
        try agree(fixture, reindent)
        let spaced = try fixture.commit("spaces inside", files: ["a.py": "def f():\n\treturn  1 \n"])
        try agree(fixture, spaced)
    }

    @Test func binaryFilesMatchGit() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": body])
        try fixture.write("blob.bin", bytes: [0, 1, 2, 3, 0, 255])
        try fixture.write("a.txt", body + "after\n")
        let added = try fixture.commit("binary added beside text")
        try #require(try agree(fixture, added) != nil)
        try fixture.write("blob.bin", bytes: [0, 9, 9, 9])
        try fixture.write("z.txt", "after the binary\n")
        try agree(fixture, try fixture.commit("binary changed, then a text file"))
    }

    @Test func renamesMatchGit() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["old.txt": body])
        try fixture.git("mv", "old.txt", "new.txt")
        let pure = try fixture.commit("pure rename")
        try #require(try agree(fixture, pure) != nil)
        try fixture.git("mv", "new.txt", "newer.txt")
        try fixture.write("newer.txt", body + "one more\n")
        try agree(fixture, try fixture.commit("rename with an edit"))
        // Scores where git and libgit2 differ most: short lines, CRLF, a rename beside an edit.
        try fixture.write("crlf.txt", (1...30).map { "w\($0)\r\n" }.joined())
        try fixture.commit("crlf")
        try fixture.git("mv", "crlf.txt", "crlf-moved.txt")
        try fixture.write("crlf-moved.txt", (1...30).map { $0 % 4 == 0 ? "changed \($0)\r\n" : "w\($0)\r\n" }.joined())
        try fixture.write("newer.txt", body)
        try agree(fixture, try fixture.commit("rename with many edits, and another file edited"))
    }

    @Test func modeChangesMatchGit() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["run.sh": "echo hi\n", "other.sh": "echo other\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/run.sh")
        let chmod = try fixture.commit("executable")
        let modeOnly = try agree(fixture, chmod)
        try #require(modeOnly != nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fixture.path + "/other.sh")
        try fixture.write("other.sh", "echo changed\n")
        try agree(fixture, try fixture.commit("executable and edited"))
    }

    @Test func anEmptyCommitHasNoPatchID() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": body])
        let empty = try fixture.commit("nothing")
        #expect(try gitPatchID(fixture, empty) == nil)
        #expect(try vigilPatchID(fixture, empty) == nil)
    }

    @Test func aMergeHasNoPatchID() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": body])
        try fixture.git("checkout", "-q", "-b", "side")
        try fixture.commit("side", files: ["b.txt": "b\n"])
        try fixture.git("checkout", "-q", "main")
        try fixture.commit("main", files: ["c.txt": "c\n"])
        try fixture.git("merge", "-q", "--no-ff", "-m", "merge", "side")
        let merge = try fixture.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try vigilPatchID(fixture, merge) == nil)
    }

    /// Near miss: the same added line on different surrounding lines is a different patch.
    @Test func differentContextIsADifferentPatch() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("base", files: ["a.txt": body])
        let first = try fixture.commit("add", files: ["a.txt": body.replacingOccurrences(of: "line 5\n", with: "line 5\nX\n")])
        try fixture.write("a.txt", body)
        try fixture.commit("revert")
        let second = try fixture.commit(
            "add elsewhere", files: ["a.txt": body.replacingOccurrences(of: "line 15\n", with: "line 15\nX\n")])
        #expect(try agree(fixture, first) != (try agree(fixture, second)))
    }

    @Test func hostilePatchTextNeverCrashes() {
        let texts = [
            "", "diff ", "diff --git a b\n@@ -", "diff --git a b\n--- a\n+++ b\n@@ -1,99999999999999999999 +1 @@\n+x\n",
            "diff --git a b\nindex ..\nBinary files differ\n", "diff --git a b\nindex \n", "\\ \n\\ No newline\n",
            "diff --git a b\n--- a\n+++ b\n@@ -,\n",
        ]
        for text in texts { _ = PatchID.of(patchText: text) }
    }
}
