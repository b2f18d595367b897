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

extension Repository {
    /// The text of the blob a direct reference names, such as git-ai's older per-commit
    /// `refs/ai/authorship/<sha>`; `nil` when there is no such reference, when it is symbolic or
    /// names anything but a blob, or when the blob is over `maxBytes` (its size is read from the
    /// object header first, so a huge blob is never loaded). Invalid UTF-8 is replaced.
    public func blobText(atReference name: String, maxBytes: Int) throws(GitError) -> String? {
        var reference: OpaquePointer?
        let code = git_reference_lookup(&reference, pointer, name)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue {
            git_error_clear()
            return nil
        }
        try check(code, "git_reference_lookup(\(name))")
        defer { git_reference_free(reference) }
        guard let target = git_reference_target(reference) else { return nil }
        var oid = target.pointee
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var size = 0
        var type = GIT_OBJECT_ANY
        try check(git_odb_read_header(&size, &type, odb, &oid), "git_odb_read_header(\(name))")
        guard type == GIT_OBJECT_BLOB, size <= maxBytes else { return nil }
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), "git_blob_lookup(\(name))")
        defer { git_blob_free(blob) }
        let length = Int(git_blob_rawsize(blob))
        guard length > 0, length <= maxBytes, let content = git_blob_rawcontent(blob) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: content, count: length), as: UTF8.self)
    }

    /// Whether any reference's name starts with `prefix` (e.g. `refs/ai/authorship/`), so callers
    /// can skip per-commit lookups in the many repositories that have none.
    public func hasReferences(under prefix: String) throws(GitError) -> Bool {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, pointer, prefix + "*"), "git_reference_iterator_glob_new")
        defer { git_reference_iterator_free(iterator) }
        var name: UnsafePointer<CChar>?
        let code = git_reference_next_name(&name, iterator)
        if code == GIT_ITEROVER.rawValue { return false }
        try check(code, "git_reference_next_name")
        return true
    }
}
