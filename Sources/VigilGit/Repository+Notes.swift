import CGit2

extension Repository {
    /// The note attached to `commit` under `notesRef` (e.g. `refs/notes/ai`), or `nil` when there is none
    /// (no such notes reference, or no note for this commit). The text is decoded as UTF-8 with
    /// invalid bytes replaced, and kept whole, trailing newline included.
    public func note(for commit: ObjectID, notesRef: String) throws(GitError) -> String? {
        var note: OpaquePointer?
        var oid = commit.oid
        let code = git_note_read(&note, pointer, notesRef, &oid)
        if code == GIT_ENOTFOUND.rawValue {
            git_error_clear()
            return nil
        }
        try check(code, "git_note_read(\(notesRef), \(commit.short))")
        defer { git_note_free(note) }
        return String(lossyCString: git_note_message(note))
    }
}
