import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Repository {
    /// Every reference under `refs/` (branches, tags, remotes, notes, stashes: callers filter) with
    /// the commit it peels to, sorted by name. `HEAD` is not listed; its target is.
    ///
    /// A reference that cannot be followed is listed with its `problem` rather than left out:
    /// libgit2's iterator silently skips a loose reference file it cannot read or parse, so the
    /// `refs/` folder is also listed here (names and file types only; no reference file is opened)
    /// and every file libgit2 did not return, and every folder that could not be listed, is
    /// reported. A scan that silently lost a branch would call a partial history clean.
    ///
    /// Throws before libgit2 reads anything when `refs/` holds something other than folders and
    /// regular files (a FIFO would block the read forever; a device could be endless).
    public func references() throws(GitError) -> [Reference] {
        let loose = try looseReferenceFiles()
        var iterator: OpaquePointer?
        try check(git_reference_iterator_new(&iterator, pointer), "git_reference_iterator_new")
        defer { git_reference_iterator_free(iterator) }
        var result: [Reference] = []
        var listed: Set<String> = []
        while true {
            var reference: OpaquePointer?
            let code = git_reference_next(&reference, iterator)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "git_reference_next")
            defer { git_reference_free(reference) }
            let name = String(lossyCString: git_reference_name(reference))
            listed.insert(name)
            result.append(resolve(reference, named: name))
        }
        for name in loose.files where !listed.contains(name) {
            let problem = "the reference file could not be read as a reference"
            result.append(Reference(name: name, commit: nil, problem: problem))
        }
        for (folder, reason) in loose.unlistable {
            result.append(Reference(name: folder, commit: nil, problem: "the folder could not be listed: \(reason)"))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The commit a reference leads to through any chain of tags, or why it leads nowhere.
    private func resolve(_ reference: OpaquePointer?, named name: String) -> Reference {
        var direct: OpaquePointer?
        let resolved = git_reference_resolve(&direct, reference)
        guard resolved == 0 else {
            let error = GitError.last(code: resolved, operation: "git_reference_resolve")
            git_error_clear()
            // A symbolic reference to a name that does not exist holds no history to miss.
            if resolved == GIT_ENOTFOUND.rawValue { return Reference(name: name, commit: nil) }
            return Reference(name: name, commit: nil, problem: "it cannot be resolved: \(error.message)")
        }
        defer { git_reference_free(direct) }
        guard let target = git_reference_target(direct) else {
            return Reference(name: name, commit: nil, problem: "it has no target")
        }
        var oid = target.pointee
        let targetID = ObjectID(oid)
        // Looked up before peeling: libgit2's peel reports a missing object only as "cannot be peeled".
        var object: OpaquePointer?
        var code = git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY)
        guard code == 0, let object else {
            let error = GitError.last(code: code, operation: "git_object_lookup")
            git_error_clear()
            return Reference(
                name: name, commit: nil, problem: "its tip \(targetID.hex) cannot be read: \(error.message)")
        }
        defer { git_object_free(object) }
        guard git_object_type(object) == GIT_OBJECT_TAG else {
            return git_object_type(object) == GIT_OBJECT_COMMIT
                ? Reference(name: name, commit: targetID) : Reference(name: name, commit: nil)
        }
        // A tag, or a chain of them: peeled until the target is no longer a tag.
        var peeled: OpaquePointer?
        code = git_object_peel(&peeled, object, GIT_OBJECT_ANY)
        guard code == 0, let peeled else {
            let error = GitError.last(code: code, operation: "git_object_peel")
            git_error_clear()
            return Reference(
                name: name, commit: nil, problem: "the tag \(targetID.hex) cannot be followed: \(error.message)")
        }
        defer { git_object_free(peeled) }
        guard git_object_type(peeled) == GIT_OBJECT_COMMIT else { return Reference(name: name, commit: nil) }
        return Reference(name: name, commit: ObjectID(git_object_id(peeled).pointee))
    }

    // MARK: - The refs/ folder

    /// The loose reference files under `refs/` by reference name, and the folders that could not
    /// be listed with the reason. Lock files (`*.lock`) are git's own transient files, not references.
    private func looseReferenceFiles() throws(GitError) -> (files: [String], unlistable: [(String, String)]) {
        guard let common = git_repository_commondir(pointer) else { return ([], []) }
        var root = String(cString: common)
        if !root.hasSuffix("/") { root += "/" }
        var files: [String] = []
        var unlistable: [(String, String)] = []
        var pending = ["refs/"]
        // Bounded like the tree walk: a hostile repository cannot make the listing endless.
        var foldersVisited = 0
        while let folder = pending.popLast() {
            foldersVisited += 1
            guard foldersVisited <= Repository.maxReferenceFolders else {
                throw GitError(
                    kind: .other, message: "more than \(Repository.maxReferenceFolders) folders under refs/",
                    operation: "list references")
            }
            guard let names = FolderListing.names(in: Array((root + folder).utf8CString)) else {
                let reason = errno
                if reason == ENOENT && folder == "refs/" { return ([], []) }
                unlistable.append((folder, String(lossyCString: strerror(reason))))
                continue
            }
            for name in names where name != "." && name != ".." {
                let relative = folder + name
                var link = stat()
                guard lstat(root + relative, &link) == 0 else {
                    unlistable.append((relative, String(lossyCString: strerror(errno))))
                    continue
                }
                // Judged as `RepositoryFiles` judges them at open: symlinks by their target, a link
                // to a folder not followed (libgit2 does not descend into one), and a link that
                // leads nowhere counted as a file, which libgit2 then fails to read and so reports.
                switch RegularFile.kind(of: root + relative) {
                case .directory:
                    if (link.st_mode & S_IFMT) == S_IFDIR { pending.append(relative + "/") }
                case .regular, nil:
                    if !name.hasSuffix(".lock") { files.append(relative) }
                case .other(let kind):
                    throw GitError(
                        kind: .other, message: RegularFile.Failure.notRegular(kind).message(root + relative),
                        operation: "list references")
                }
            }
        }
        return (files, unlistable)
    }

    /// Folders under `refs/` a listing visits at most.
    static let maxReferenceFolders = 100_000
}
