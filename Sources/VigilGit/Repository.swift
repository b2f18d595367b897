import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open repository. Owns its libgit2 handle and every handle made from it; it is not `Sendable`
/// (libgit2: one object, one thread at a time), so each task that reads git opens its own.
public final class Repository {
    let pointer: OpaquePointer
    /// The path the repository was opened with.
    public let path: String
    /// Sizes of blobs read lately. A history walk meets most blobs twice (as a commit's new side,
    /// then as its parent's old side), and a packed blob's size costs an inflate to learn.
    var recentBlobSizes = BoundedMemo<ObjectID, Int64>(capacity: 8192)

    /// Which readers this handle uses (`ReadMode`).
    public let readMode: ReadMode

    /// Opens the repository at `path` exactly (bare, or a work tree with `.git`); never searches
    /// parent folders, so a typo cannot silently watch an enclosing repository. `readMode` `nil`
    /// takes the mode from the environment (`ReadMode.fromEnvironment`).
    ///
    /// Throws `notFound` for a missing path, `notARepository` for a file or a folder that is not a
    /// repository, and `permissionDenied` when this process may not enter the folder or its `.git`.
    public init(path: String, readMode: ReadMode? = nil) throws(GitError) {
        Libgit2.ensureInitialised()
        self.path = path
        if let readMode {
            self.readMode = readMode
        } else {
            self.readMode = try ReadMode.fromEnvironment()
        }
        try Repository.checkReadable(path)
        var handle: OpaquePointer?
        // Opened as bare even when it has a work tree: Vigil reads objects only. The work tree's
        // `.gitattributes` (text a commit controls) then cannot change how content is read, and
        // libgit2 stops looking it up, with a handful of system calls, for every file it diffs.
        // (`git_repository_set_bare` would do the same but writes `core.bare` into the config.)
        // Opened bare, libgit2 no longer appends `/.git` itself.
        var dotGit = stat()
        let hasWorkTree = lstat(path + "/.git", &dotGit) == 0
        try RepositoryFiles.checkBeforeOpen(path)
        let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue | GIT_REPOSITORY_OPEN_BARE.rawValue
        let code = git_repository_open_ext(&handle, hasWorkTree ? path + "/.git" : path, flags, nil)
        if code < 0 {
            var error = GitError.last(code: code, operation: "git_repository_open_ext")
            if code == GIT_ENOTFOUND.rawValue {
                // libgit2 says "not found" when it may not look inside `.git`: tell the two apart.
                if let denied = Repository.permissionProblem(path + "/.git") {
                    throw denied
                }
                error.kind = .notARepository
                error.message = "not a git repository: \(path)"
            }
            throw error
        }
        guard let handle else {
            throw GitError(kind: .other, message: "libgit2 returned no repository", operation: "open")
        }
        pointer = handle
        isBare = !hasWorkTree
        if let gitFolder = git_repository_path(handle), let commonFolder = git_repository_commondir(handle) {
            try RepositoryFiles.checkReferences(
                gitFolder: String(cString: gitFolder), commonFolder: String(cString: commonFolder))
        }
        try Repository.installObjectDatabase(on: handle, readMode: self.readMode)
    }

    deinit {
        git_repository_free(pointer)
    }

    /// The repository's `objects/` folder, with a trailing slash.
    static func objectsDirectory(of handle: OpaquePointer) -> String? {
        guard let common = git_repository_commondir(handle) else { return nil }
        var directory = String(cString: common)
        if !directory.hasSuffix("/") { directory += "/" }
        return directory + "objects/"
    }

    private static func checkReadable(_ path: String) throws(GitError) {
        var info = stat()
        if stat(path, &info) != 0 {
            let reason = errno
            let kind: GitError.Kind = reason == EACCES ? .permissionDenied : .notFound
            throw GitError(kind: kind, message: "\(systemMessage(reason)): \(path)", operation: "open")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw GitError(kind: .notARepository, message: "not a directory: \(path)", operation: "open")
        }
        if let denied = permissionProblem(path) {
            throw denied
        }
    }

    /// A `permissionDenied` error when the folder at `path` exists but this process may not list and
    /// enter it. It asks the kernel by opening `path/.`, which needs both rights and is checked with
    /// the process's effective identity; `access()` would answer for the real user id instead, and
    /// says yes to root even where root's file capabilities have been dropped.
    private static func permissionProblem(_ path: String) -> GitError? {
        let descriptor = open(path + "/.", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            close(descriptor)
            return nil
        }
        let reason = errno
        guard reason == EACCES || reason == EPERM else { return nil }
        return GitError(kind: .permissionDenied, message: "\(systemMessage(reason)): \(path)", operation: "open")
    }

    private static func systemMessage(_ code: Int32) -> String {
        String(lossyCString: strerror(code))
    }

    /// True for a repository without a work tree.
    public let isBare: Bool

    /// True when history is cut off (a shallow clone): walks end at the graft points.
    public var isShallow: Bool { git_repository_is_shallow(pointer) == 1 }

    // MARK: - Revisions

    /// Resolves a revision expression (`main`, `HEAD~3`, a hex prefix, a tag) to a commit.
    public func resolveCommit(_ revision: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, pointer, revision), "git_revparse_single(\(revision))")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "git_object_peel(\(revision))")
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit).pointee)
    }

    /// The commit an object id leads to: itself, or the target of a chain of tags.
    func peelToCommit(_ id: ObjectID) throws(GitError) -> git_oid {
        var oid = id.oid
        var object: OpaquePointer?
        try check(git_object_lookup(&object, pointer, &oid, GIT_OBJECT_ANY), "git_object_lookup(\(id.short))")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "git_object_peel(\(id.short))")
        defer { git_object_free(commit) }
        return git_object_id(commit).pointee
    }

    /// Whether `descendant` contains `ancestor` in its history (or is it).
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws(GitError) -> Bool {
        if ancestor == descendant { return true }
        var a = ancestor.oid
        var d = descendant.oid
        let code = git_graph_descendant_of(pointer, &d, &a)
        if code < 0 {
            let error = GitError.last(code: code, operation: "git_graph_descendant_of")
            // libgit2 1.5 ignores a shallow clone's grafts and fails at the cut; Vigil's walk honours them:
            // `ancestor` is in `descendant`'s history exactly when hiding `descendant` hides it too.
            guard isShallow else { throw error }
            let walk = try walk(from: [ancestor], hiding: [descendant])
            if let walkError = walk.error { throw walkError }
            return walk.commits.isEmpty
        }
        return code == 1
    }

    /// Whether an object with this id is in the object database.
    public func contains(_ id: ObjectID) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, pointer) == 0 else {
            git_error_clear()
            return false
        }
        defer { git_odb_free(odb) }
        var oid = id.oid
        return git_odb_exists(odb, &oid) == 1
    }
}
