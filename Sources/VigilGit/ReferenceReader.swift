import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reference as the repository's ref files state it, read without touching the object database.
public struct ReferenceTip: Sendable, Hashable {
    /// The full name, e.g. `refs/heads/main`. For a folder under `refs/` that could not be listed,
    /// the folder's name with a trailing slash, e.g. `refs/heads/`.
    public var name: String
    /// The object the reference leads to, symbolic references followed; not peeled (an annotated
    /// tag's id is the tag object's). `nil` when it cannot be read, or for a symbolic reference to
    /// a name that does not exist.
    public var target: ObjectID?
    /// For a symbolic reference, the name it points at.
    public var symbolicTarget: String?
    /// Why the reference could not be read; `nil` for one that was read, including a symbolic
    /// reference to a name that does not exist (a fact about the repository, not a failure).
    public var problem: String?

    public init(name: String, target: ObjectID?, symbolicTarget: String? = nil, problem: String? = nil) {
        self.name = name
        self.target = target
        self.symbolicTarget = symbolicTarget
        self.problem = problem
    }
}

/// Every reference a repository holds under `refs/`, and where its ref files live.
public struct ReferenceSnapshot: Sendable, Hashable {
    public var folders: GitFolders
    /// Sorted by name; references that could not be read are listed with their problem.
    public var references: [ReferenceTip]
    /// Every folder under `refs/` that was listed, `refs` itself first, as absolute paths: a
    /// change to a loose reference renames a file in one of them, which changes its mtime.
    public var referenceFolders: [String]
}

/// Reads a repository's references from its ref files alone: `packed-refs` and the loose files
/// under `refs/`. No object is read, no libgit2 repository is opened and no config is parsed, so
/// a poll costs a few system calls per changed file.
///
/// Everything here is attacker-controlled, and the answer is honest rather than silent: a loose
/// file that is a FIFO, a socket or a device, a symlink that leads out of the repository or to a
/// folder, a file too large to be a reference or not in its format, a name git would refuse
/// (control characters, `..`, not UTF-8), a folder that cannot be listed, and a chain of symbolic
/// references that loops or runs too deep are each listed with their problem, never dropped. A
/// `packed-refs` that cannot be read makes the whole read fail, since every ref it holds would
/// otherwise look deleted.
public enum ReferenceReader {
    /// git follows at most this many symbolic references in a row (`SYMREF_MAXDEPTH`).
    static let maxSymbolicDepth = 5
    /// A loose reference file larger than this is not one git wrote (41 bytes, or `ref: <name>`).
    static let maxLooseBytes = 4096
    /// Bounds on the `refs/` walk, so a hostile repository cannot make a read endless.
    static let maxFolders = 100_000
    static let maxLooseFiles = 1_000_000

    /// The references of the repository at `path` whose names `including` accepts (by default,
    /// all of them), and the folders they live in.
    public static func read(
        repository path: String, including: @escaping (String) -> Bool = { _ in true }
    ) throws(GitError) -> ReferenceSnapshot {
        let folders = try GitFolders.locate(path)
        Libgit2.ensureInitialised()
        var reading = Reading(root: folders.commonFolder, including: including)
        try reading.listLooseFiles()
        // Symbolic references are loose files only; their chains are followed first so that the
        // names they end at can be picked out of packed-refs on its single pass.
        var neededFromPacked: Set<String> = []
        for name in reading.loose.keys where including(name) {
            if case .pending(let final) = reading.resolve(name, packedRead: false) { neededFromPacked.insert(final) }
        }
        let looseNames = Set(reading.loose.keys)
        reading.packed = try PackedReferences.read(folders.commonFolder + "/packed-refs") { name in
            !looseNames.contains(name) && (including(name) || neededFromPacked.contains(name))
        }
        return ReferenceSnapshot(
            folders: folders, references: reading.tips(), referenceFolders: reading.folders)
    }

    /// Whether git would accept `name` as a reference name; `nil` when it would, else why not.
    static func nameProblem(_ name: String) -> String? {
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            return "its name holds control characters"
        }
        if name.unicodeScalars.contains("\u{FFFD}") { return "its name is not UTF-8" }
        var valid: Int32 = 0
        guard git_reference_name_is_valid(&valid, name) == 0, valid == 1 else {
            git_error_clear()
            return "its name is not a valid reference name"
        }
        return nil
    }
}

// MARK: - One read

/// The state of one read: the loose entries found, their contents once read, and packed-refs.
private struct Reading {
    enum Entry {
        /// A regular file (or a symlink to one inside the repository), not read yet.
        case file(String)
        case object(ObjectID)
        case symbolic(String)
        case problem(String)
    }

    enum Resolution {
        case object(ObjectID)
        /// A symbolic reference to a name that no file holds.
        case dangling
        /// Leads to a name not among the loose files; packed-refs is not read yet.
        case pending(String)
        case problem(String)
    }

    /// The repository's common folder, every symlink resolved (`GitFolders` resolves it): a
    /// symlink under `refs/` must lead inside it.
    let root: String
    let including: (String) -> Bool
    var loose: [String: Entry] = [:]
    var packed: [String: ObjectID] = [:]
    var folders: [String] = []
    init(root: String, including: @escaping (String) -> Bool) {
        self.root = root
        self.including = including
    }

    // MARK: Listing

    mutating func listLooseFiles() throws(GitError) {
        var pending = ["refs"]
        var files = 0
        while let folder = pending.popLast() {
            guard folders.count < ReferenceReader.maxFolders else {
                throw GitError(
                    kind: .other, message: "more than \(ReferenceReader.maxFolders) folders under \(root)/refs",
                    operation: "read references")
            }
            guard let names = FolderListing.names(in: Array((root + "/" + folder).utf8CString)) else {
                let reason = errno
                if folder == "refs", reason == ENOENT { return }
                loose[folder + "/"] = .problem("the folder cannot be listed: \(describe(reason))")
                continue
            }
            folders.append(root + "/" + folder)
            for name in names where name != "." && name != ".." {
                let relative = folder + "/" + name
                if name.unicodeScalars.contains("\u{FFFD}") {
                    // The path cannot be spelt again from the decoded name, so it cannot be opened.
                    loose[relative] = .problem("its name is not UTF-8")
                    continue
                }
                files += 1
                guard files <= ReferenceReader.maxLooseFiles else {
                    throw GitError(
                        kind: .other, message: "more than \(ReferenceReader.maxLooseFiles) files under \(root)/refs",
                        operation: "read references")
                }
                if let entry = examine(relative, isLockFile: name.hasSuffix(".lock"), subfolders: &pending) {
                    loose[relative] = entry
                }
            }
        }
    }

    /// What the entry at `relative` is; `nil` for a folder (queued in `subfolders`) or a lock file.
    private func examine(_ relative: String, isLockFile: Bool, subfolders: inout [String]) -> Entry? {
        let path = root + "/" + relative
        var link = stat()
        guard lstat(path, &link) == 0 else { return .problem("it cannot be examined: \(describe(errno))") }
        switch link.st_mode & S_IFMT {
        case S_IFDIR:
            subfolders.append(relative)
            return nil
        case S_IFREG:
            // git's own transient files while it updates a reference, not references.
            return isLockFile ? nil : .file(path)
        case S_IFLNK:
            return isLockFile ? nil : symlinkEntry(path)
        default:
            return .problem("it is not a regular file (\(kindName(link.st_mode))); it was not read")
        }
    }

    /// A symlink under `refs/`: git reads one whose text is a reference name as a symbolic
    /// reference (an old form); any other is read through only when it leads to a regular file
    /// inside the repository, so a link cannot make Vigil read files the repository does not own.
    private func symlinkEntry(_ path: String) -> Entry {
        var text = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &text, 4096)
        if count > 0 {
            let target = String(decoding: text[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("refs/"), ReferenceReader.nameProblem(target) == nil { return .symbolic(target) }
        }
        guard let resolved = realpath(path, nil) else {
            return .problem("it is a symlink that leads nowhere: \(describe(errno))")
        }
        let real = String(cString: resolved)
        free(resolved)
        guard real.hasPrefix(root + "/") else {
            return .problem("it is a symlink that leads out of the repository; it was not read")
        }
        switch RegularFile.kind(of: real) {
        case .regular: return .file(real)
        case .directory: return .problem("it is a symlink to a folder; it was not followed")
        case .other(let kind): return .problem("it is a symlink to something not a regular file (\(kind))")
        case nil: return .problem("it is a symlink that leads nowhere")
        }
    }

    // MARK: Reading loose files

    /// The content of the loose entry `name`, reading its file on first use.
    private mutating func content(_ name: String) -> Entry? {
        guard let entry = loose[name] else { return nil }
        guard case .file(let path) = entry else { return entry }
        let read = Reading.readLooseFile(path)
        loose[name] = read
        return read
    }

    static func readLooseFile(_ path: String) -> Entry {
        let file: Int32
        switch RegularFile.descriptor(path) {
        case .success(let opened): file = opened
        case .failure(.notRegular(let kind)): return .problem("it is not a regular file (\(kind)); it was not read")
        case .failure(let failure): return .problem("it cannot be read: \(failure.message(path))")
        }
        defer { close(file) }
        var bytes = [UInt8](repeating: 0, count: ReferenceReader.maxLooseBytes + 1)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(file, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                return .problem("it cannot be read: \(describe(errno))")
            }
            if count == 0 { break }
            filled += count
        }
        guard filled <= ReferenceReader.maxLooseBytes else {
            return .problem("the file is larger than \(ReferenceReader.maxLooseBytes) bytes; it is not a reference")
        }
        var line = bytes[..<filled]
        while let last = line.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") || last == 0x20 {
            line.removeLast()
        }
        if line.count == 40, let id = ObjectID(hex: String(decoding: line, as: UTF8.self)) { return .object(id) }
        let prefix = Array("ref:".utf8)
        if line.starts(with: prefix) {
            let target = String(decoding: line.dropFirst(prefix.count).drop { $0 == 0x20 || $0 == 0x09 }, as: UTF8.self)
            if let problem = ReferenceReader.nameProblem(target) {
                return .problem("it is a symbolic reference to a name git refuses (\(problem.dropFirst(4)))")
            }
            return .symbolic(target)
        }
        return .problem("the file is neither an object id nor a symbolic reference")
    }

    // MARK: Resolving

    /// Follows `name` through symbolic references to an object id.
    mutating func resolve(_ name: String, packedRead: Bool) -> Resolution {
        var current = name
        var visited: [String] = [name]
        while true {
            switch content(current) {
            case .object(let id):
                return .object(id)
            case .problem(let problem):
                return .problem(current == name ? problem : "it leads to \(current), which cannot be read: \(problem)")
            case .symbolic(let target):
                if visited.contains(target) {
                    return .problem("it is part of a loop of symbolic references: \(visited.joined(separator: " -> "))")
                }
                guard visited.count <= ReferenceReader.maxSymbolicDepth else {
                    return .problem("more than \(ReferenceReader.maxSymbolicDepth) symbolic references in a row")
                }
                visited.append(target)
                current = target
            case .file, nil:
                guard packedRead else { return .pending(current) }
                return packed[current].map { Resolution.object($0) } ?? .dangling
            }
        }
    }

    /// Every included reference, loose and packed, sorted by name.
    mutating func tips() -> [ReferenceTip] {
        var result: [ReferenceTip] = []
        for name in loose.keys where including(name) || name.hasSuffix("/") {
            if let problem = name.hasSuffix("/") ? nil : ReferenceReader.nameProblem(name) {
                result.append(ReferenceTip(name: name, target: nil, problem: problem))
                continue
            }
            var symbolic: String?
            if case .symbolic(let target) = content(name) { symbolic = target }
            switch resolve(name, packedRead: true) {
            case .object(let id): result.append(ReferenceTip(name: name, target: id, symbolicTarget: symbolic))
            case .dangling, .pending: result.append(ReferenceTip(name: name, target: nil, symbolicTarget: symbolic))
            case .problem(let problem):
                result.append(ReferenceTip(name: name, target: nil, symbolicTarget: symbolic, problem: problem))
            }
        }
        for (name, id) in packed where loose[name] == nil && including(name) {
            let problem = ReferenceReader.nameProblem(name)
            result.append(ReferenceTip(name: name, target: problem == nil ? id : nil, problem: problem))
        }
        return result.sorted { $0.name < $1.name }
    }
}

private func describe(_ code: Int32) -> String {
    String(lossyCString: strerror(code))
}

private func kindName(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: "a FIFO"
    case S_IFSOCK: "a socket"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    default: "of an unknown kind"
    }
}
