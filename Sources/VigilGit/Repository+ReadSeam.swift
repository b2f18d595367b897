import CGit2

/// The seam between Vigil's own readers (`OwnReader/`) and libgit2's (`ReadMode`). Every place that
/// reads through one or the other asks `readMode`:
/// - the object database, here: Vigil's hand-built one (`ObjectDatabase`), or libgit2's default;
/// - the paths two trees differ in, here: the own tree walk, or `git_diff_tree_to_tree`;
/// - a commit's tree diff (`treeDiff`): the own tree walk, or libgit2's diff with rename detection;
/// - a file's lines (`appendLines`): `LineDiff`, or a `git_patch`;
/// - the history walk (`walk`): `HistoryWalker`, or libgit2's revwalk (`ReferenceWalk`).
extension Repository {
    /// Gives a just-opened handle the object database its mode reads through.
    static func installObjectDatabase(on handle: OpaquePointer, readMode: ReadMode) throws(GitError) {
        guard readMode == .fast, let objects = objectsDirectory(of: handle) else { return }
        try ObjectDatabase.install(on: handle, objectsDirectory: objects)
    }

    /// Paths that differ between two trees, from tree entries alone (no blob is read).
    func changedPaths(from old: OpaquePointer, to new: OpaquePointer) throws(GitError) -> Set<String> {
        switch readMode {
        case .fast:
            return Set(try changedEntries(from: old, to: new).map(\.path))
        case .reference:
            let diff = try treeToTree(from: old, to: new, options: DiffOptions(detectRenames: false))
            defer { git_diff_free(diff) }
            var paths: Set<String> = []
            for index in 0..<git_diff_num_deltas(diff) {
                guard let delta = git_diff_get_delta(diff, index) else { continue }
                paths.insert(String(lossyCString: delta.pointee.new_file.path))
            }
            return paths
        }
    }
}
