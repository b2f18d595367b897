import VigilGit

extension Attributor {
    /// The verdict for `commit`, reading its git-ai note from `repository` under `notesRef` only when
    /// some signature reads notes. Handles stay with the caller's task; only the verdict leaves it.
    ///
    /// - Throws: `GitError` when the note exists but cannot be read (a missing note is not an error).
    public func verdict(for commit: Commit, in repository: Repository) throws(GitError) -> Verdict {
        let note = readsNotes ? try repository.note(for: commit.id, notesRef: notesRef) : nil
        return verdict(for: commit, note: note)
    }
}
