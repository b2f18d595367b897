import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The object database each repository reads through, built by Vigil instead of libgit2's default.
///
/// libgit2's default database opens every pack in `objects/pack` (and in every alternate) as it
/// finds them, trusting their bytes: a damaged index crashes it. It also reads a multi-pack index
/// and a commit-graph file, more formats to trust. Here the database is made empty
/// (`git_odb_new`) and given, for the repository's objects folder and each alternate:
/// - the loose-object guard (`LooseObjectGuard`) in front of libgit2's loose backend, which still
///   answers existence and short-id questions;
/// - libgit2's single-pack backend (`git_odb_backend_one_pack`) for each pack in which every entry
///   passed `PackValidation`, and nothing for any other;
/// and, for all of them, Vigil's pack reader (`PackedObjectReader`) over every pack whose index and
/// header passed (it reports the objects of damaged entries as corrupt). When a pack is refused
/// whole, a last backend reports every object nothing else found as unreadable, naming the
/// refused packs and why: such an object may well be in one of them.
enum ObjectDatabase {
    /// Alternates chains deeper than this are ignored, as libgit2 ignores them.
    private static let maxAlternateDepth = 5
    /// An `objects/info/alternates` file longer than this is refused.
    private static let maxAlternatesBytes = 64 * 1024

    /// An objects folder to read from: the repository's own, or an alternate.
    private struct Folder {
        /// With a trailing slash.
        var path: String
        var isAlternate: Bool
    }

    /// Builds the database for the objects folder `objectsDirectory` (with a trailing slash) and its
    /// alternates, and makes it the repository's. Throws when an alternates file is not a regular
    /// file (reading a FIFO would never end) or libgit2 cannot make a backend.
    static func install(on repository: OpaquePointer, objectsDirectory: String) throws(GitError) {
        var made: OpaquePointer?
        try check(git_odb_new(&made), "git_odb_new")
        guard let odb = made else {
            throw GitError(kind: .other, message: "libgit2 returned no object database", operation: "git_odb_new")
        }
        defer { git_odb_free(odb) }

        var validPacks: [PackFile] = []
        let report = RefusedPackReport()
        let folders = try folders(from: objectsDirectory)
        for folder in folders {
            try addLooseBackends(folder, to: odb)
            for indexPath in PackedObjectReader.listIndexes(in: folder.path + "pack/") {
                // An index whose pack is gone (a repack removing it) is skipped, as libgit2 skips it.
                guard RegularFile.kind(of: String(indexPath.dropLast(4)) + ".pack") != nil else { continue }
                let pack: PackFile
                do {
                    pack = try PackFile(indexPath: indexPath)
                } catch {
                    report.reasons.append(error.reason)
                    continue
                }
                validPacks.append(pack)
                try addLibgit2Pack(pack.indexPath, isAlternate: folder.isAlternate, to: odb)
            }
        }
        if let reader = PackedObjectReader(packs: validPacks) {
            try OdbBackend.add(reader, to: odb, priority: 999, answersExists: true) { reader, request in
                reader.answerLibgit2(request)
            }
        }
        let latePacks = LatePackReader(
            packFolders: folders.map { $0.path + "pack/" }, known: validPacks.map(\.indexPath), report: report)
        try OdbBackend.add(
            latePacks, to: odb, priority: 998, answersExists: true, refresh: { $0.refresh() },
            answer: { latePacks, request in latePacks.answer(request) })
        // libgit2 orders backends by priority alone (the alternate flag only breaks ties).
        try OdbBackend.add(report, to: odb, priority: -1000, asAlternate: true) { report, request in
            report.answer(request)
        }
        try check(git_repository_set_odb(repository, odb), "git_repository_set_odb")
    }

    // MARK: - Backends

    private static func addLooseBackends(_ folder: Folder, to odb: OpaquePointer) throws(GitError) {
        var loose: UnsafeMutablePointer<git_odb_backend>?
        try check(git_odb_backend_loose(&loose, folder.path, -1, 0, 0, 0), "git_odb_backend_loose(\(folder.path))")
        try add(loose, priority: 1, isAlternate: folder.isAlternate, to: odb)
        try LooseObjectGuard.install(on: odb, objectsDirectory: folder.path, asAlternate: folder.isAlternate)
    }

    private static func addLibgit2Pack(_ indexPath: String, isAlternate: Bool, to odb: OpaquePointer)
        throws(GitError)
    {
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check(git_odb_backend_one_pack(&backend, indexPath), "git_odb_backend_one_pack(\(indexPath))")
        try add(backend, priority: 2, isAlternate: isAlternate, to: odb)
    }

    /// Hands a libgit2 backend to the database, which frees it from then on (or now, on failure).
    private static func add(
        _ backend: UnsafeMutablePointer<git_odb_backend>?, priority: Int32, isAlternate: Bool, to odb: OpaquePointer
    ) throws(GitError) {
        guard let backend else {
            throw GitError(kind: .other, message: "libgit2 returned no backend", operation: "git_odb_add_backend")
        }
        let code = isAlternate
            ? git_odb_add_alternate(odb, backend, priority) : git_odb_add_backend(odb, backend, priority)
        if code < 0 {
            let error = GitError.last(code: code, operation: "git_odb_add_backend")
            backend.pointee.free?(backend)
            throw error
        }
    }

    // MARK: - Folders

    /// The repository's objects folder, then its alternates, each folder once.
    private static func folders(from objectsDirectory: String) throws(GitError) -> [Folder] {
        var result: [Folder] = []
        var seen: Set<FileIdentity> = []
        var pending = [(path: objectsDirectory, depth: 0)]
        while !pending.isEmpty {
            let (path, depth) = pending.removeFirst()
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR,
                seen.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted
            else { continue }
            result.append(Folder(path: path, isAlternate: depth > 0))
            guard depth < maxAlternateDepth else { continue }
            for alternate in try alternates(of: path) {
                let absolute = alternate.hasPrefix("/") ? alternate : path + alternate
                pending.append((absolute.hasSuffix("/") ? absolute : absolute + "/", depth + 1))
            }
        }
        return result
    }

    /// The folders `objects/info/alternates` names, one a line (blank lines and `#` comments
    /// skipped); relative ones are relative to the objects folder, as git reads them.
    private static func alternates(of folder: String) throws(GitError) -> [String] {
        let path = folder + "info/alternates"
        switch RegularFile.contents(path, limit: maxAlternatesBytes) {
        case .success(let bytes):
            return bytes.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).compactMap { line in
                guard let first = line.first, first != UInt8(ascii: "#") else { return nil }
                return String(decoding: line, as: UTF8.self)
            }
        case .failure(.missing):
            return []
        case .failure(let failure):
            throw GitError(kind: .other, message: failure.message(path), operation: "read alternates")
        }
    }

    private struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }
}

/// The last backend of the database: once a pack has been refused, every object no other backend
/// found is reported unreadable, naming the packs and what is wrong with them, instead of "not
/// found". Until then it finds nothing.
final class RefusedPackReport {
    /// Why each refused pack was refused (at open, or when a later pack was found).
    var reasons: [String] = []

    func answer(_ request: OdbBackend.Request) -> Int32 {
        switch request {
        case .prefix: return GIT_PASSTHROUGH.rawValue
        case .exists: return 0
        case .header, .object: break
        }
        guard !reasons.isEmpty else { return GIT_PASSTHROUGH.rawValue }
        let message = "a pack failed validation and is not read: " + reasons.joined(separator: "; ")
        git_error_set_str(Int32(GIT_ERROR_ODB.rawValue), "object \(ObjectID(request.id)) cannot be read: \(message)")
        return GIT_ERROR.rawValue
    }
}
