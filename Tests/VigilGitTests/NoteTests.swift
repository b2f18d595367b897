import Foundation
import Testing
import VigilGit
import VigilTestSupport

@Suite("Notes")
struct NoteTests {
    @Test func readsANoteFromRefsNotesAI() throws {
        let fixture = try FixtureRepository()
        let first = try fixture.commit("first", files: ["a.txt": "a\n"])
        let second = try fixture.commit("second", files: ["a.txt": "b\n"])
        try fixture.git("notes", "--ref=ai", "add", "-m", "generated-by: claude-code", first)
        let repository = try Repository(path: fixture.path)
        #expect(try repository.note(for: oid(first), notesRef: "refs/notes/ai") == "generated-by: claude-code\n")
        #expect(try repository.note(for: oid(second), notesRef: "refs/notes/ai") == nil)
    }

    @Test func otherNotesRefsAreSeparate() throws {
        let fixture = try FixtureRepository()
        let first = try fixture.commit("first", files: ["a.txt": "a\n"])
        try fixture.git("notes", "add", "-m", "a default note", first)
        let repository = try Repository(path: fixture.path)
        #expect(try repository.note(for: oid(first), notesRef: "refs/notes/ai") == nil)
        #expect(try repository.note(for: oid(first), notesRef: "refs/notes/commits") == "a default note\n")
    }

    @Test func missingNotesRefMeansNoNote() throws {
        let fixture = try FixtureRepository()
        let first = try fixture.commit("first", files: ["a.txt": "a\n"])
        #expect(try Repository(path: fixture.path).note(for: oid(first), notesRef: "refs/notes/ai") == nil)
    }

    @Test func multiLineNoteIsKeptWhole() throws {
        let fixture = try FixtureRepository()
        let first = try fixture.commit("first", files: ["a.txt": "a\n"])
        try fixture.git("notes", "--ref=ai", "add", "-m", "tool: aider", "-m", "model: some-model", first)
        let note = try Repository(path: fixture.path).note(for: oid(first), notesRef: "refs/notes/ai")
        #expect(note == "tool: aider\n\nmodel: some-model\n")
    }
}
