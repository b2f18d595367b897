import Foundation
import Testing
import VigilGit
import VigilTestSupport

/// Vigil finds a commit's changed paths with its own walk over both trees. These tests hold it to
/// `git diff-tree` on the shapes that trip tree walks up, and to hostile trees that git never writes.
@Suite("Walking two trees")
struct TreeWalkTests {
    @Test func agreesWithGitDiffTreeOverAShuffledHistory() throws {
        let fixture = try FixtureRepository()
        var random = SeededRandom(seed: 20261129)
        var commits: [String] = []
        for round in 0..<60 {
            for _ in 0..<(1 + random.next(4)) {
                try applyRandomEdit(to: fixture, round: round, random: &random)
            }
            commits.append(try fixture.commit("round \(round)"))
        }
        let repository = try Repository(path: fixture.path)
        var statuses: Set<String> = []
        for id in commits {
            let expected = try gitDiffTree(fixture, id)
            statuses.formUnion(expected.map(\.status))
            let diff = try repository.diff(of: id, options: DiffOptions(detectRenames: false))
            let actual = diff.files.map { RawChange($0) }
            #expect(actual == expected, "commit \(id)")
            #expect(diff.unreadable.isEmpty)
        }
        // The history exercised every kind of change, so agreeing above means something.
        #expect(statuses == ["A", "D", "M", "T"])
    }

    @Test func fileReplacedByFolderIsADeletionAndAdditions() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("file", files: ["a": "file\n", "a-b": "x\n", "a.b": "y\n"])
        try fixture.remove("a")
        let id = try fixture.commit("folder", files: ["a/inner.txt": "inner\n", "a/deeper/z.txt": "z\n"])
        let diff = try Repository(path: fixture.path).diff(of: id, options: DiffOptions(detectRenames: false))
        #expect(diff.files.map(\.path) == ["a", "a/deeper/z.txt", "a/inner.txt"])
        #expect(diff.files.map(\.status) == [.deleted, .added, .added])
        #expect(try diff.file("a").removed == ["file"])
    }

    @Test func deletedFolderListsEveryFileItHeld() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("tree", files: ["keep.txt": "k\n", "gone/a.txt": "a\n", "gone/sub/b.txt": "b\n"])
        try fixture.remove("gone")
        let id = try fixture.commit("delete folder")
        let diff = try Repository(path: fixture.path).diff(of: id)
        #expect(diff.files.map(\.path) == ["gone/a.txt", "gone/sub/b.txt"])
        #expect(diff.files.allSatisfy { $0.status == .deleted })
    }

    @Test func unsortedAndDuplicatedTreeEntriesEndTheWalk() throws {
        let fixture = try FixtureRepository()
        let parent = try fixture.commit("normal", files: ["a.txt": "a\n", "b.txt": "b\n"])
        let blob = try fixture.git("rev-parse", "\(parent):a.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        // Entries out of order and a name twice: git fsck rejects this, git never writes it.
        var tree: [UInt8] = []
        for name in ["z.txt", "a.txt", "a.txt", "m.txt"] {
            tree += Array("100644 \(name)".utf8) + [0] + hexBytes(blob)
        }
        let treeID = try hashObject(fixture, type: "tree", bytes: tree)
        let id = try fixture.git("commit-tree", treeID, "-p", parent, "-m", "hostile")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let diff = try Repository(path: fixture.path).diff(of: id, options: DiffOptions(detectRenames: false))
        // Whatever the pairing, the walk ends and every reported path is one the trees hold.
        #expect(!diff.files.isEmpty)
        #expect(Set(diff.files.map(\.path)).isSubset(of: ["a.txt", "b.txt", "m.txt", "z.txt"]))
    }

    @Test func deeplyNestedTreeDoesNotExhaustTheStack() throws {
        let fixture = try FixtureRepository()
        let depth = 3000
        let path = Array(repeating: "d", count: depth).joined(separator: "/") + "/leaf.txt"
        let script = """
            commit refs/heads/main
            committer Dana Developer <dana@example.com> 1700000000 +0000
            data 5
            deep

            M 100644 inline \(path)
            data 5
            leaf

            """
        try fixture.git(["fast-import", "--quiet"], input: Data(script.utf8))
        let id = try fixture.git("rev-parse", "main").trimmingCharacters(in: .whitespacesAndNewlines)
        // Scanners call diff on worker threads, whose stacks are small.
        let result = try runOnSmallStack { try Repository(path: fixture.path).diff(of: id) }
        #expect(result.files.map(\.path) == [path])
        #expect(result.files.first?.added == ["leaf"])
    }
}

// MARK: - Helpers

/// One line of `git diff-tree -r --raw`, or the same facts from a `FileChange`.
private struct RawChange: Equatable, CustomStringConvertible {
    var path: String
    var status: String
    var oldMode: String
    var newMode: String

    init(path: String, status: String, oldMode: String, newMode: String) {
        self.path = path
        self.status = status
        self.oldMode = oldMode
        self.newMode = newMode
    }

    init(_ change: FileChange) {
        path = change.path
        status =
            switch change.status {
            case .added: "A"
            case .deleted: "D"
            case .modified: "M"
            case .typeChanged: "T"
            case .renamed: "R"
            case .copied: "C"
            }
        oldMode = change.oldMode.octal
        newMode = change.newMode.octal
    }

    var description: String { "\(status) \(oldMode) \(newMode) \(path)" }
}

extension FileMode {
    fileprivate var octal: String {
        switch self {
        case .absent: "000000"
        case .regular: "100644"
        case .executable: "100755"
        case .symlink: "120000"
        case .submodule: "160000"
        case .tree: "040000"
        case .other(let raw): String(raw, radix: 8)
        }
    }
}

private func gitDiffTree(_ fixture: FixtureRepository, _ id: String) throws -> [RawChange] {
    let output = try fixture.git("diff-tree", "-r", "--root", "--no-renames", "--raw", "-z", "--no-commit-id", id)
    var fields = output.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
    var changes: [RawChange] = []
    while fields.count >= 2, fields[0].hasPrefix(":") {
        let meta = fields[0].dropFirst().split(separator: " ")
        changes.append(RawChange(path: fields[1], status: String(meta[4]), oldMode: String(meta[0]),
            newMode: String(meta[1])))
        fields.removeFirst(2)
    }
    return changes
}

/// One random change to the work tree: files in nested folders with names that sort awkwardly,
/// deletions of files and folders, executable bits, symlinks, and files and folders swapping places.
private func applyRandomEdit(to fixture: FixtureRepository, round: Int, random: inout SeededRandom) throws {
    let folders = ["", "a/", "a-b/", "a.b/", "a/b/", "a/b/c/", "z/", "é/"]
    let names = ["a", "a.txt", "a-b", "a.b", "b", "Z", "ü.txt", "x y"]
    let path = folders[random.next(folders.count)] + names[random.next(names.count)]
    let full = fixture.path + "/" + path
    let manager = FileManager.default
    let kind = entryKind(at: full)
    switch random.next(6) {
    case 0 where kind != nil:
        try manager.removeItem(atPath: full)
    case 1 where kind == .typeRegular:
        let attributes = try manager.attributesOfItem(atPath: full)
        let mode = (attributes[.posixPermissions] as? Int ?? 0o644) == 0o755 ? 0o644 : 0o755
        try manager.setAttributes([.posixPermissions: mode], ofItemAtPath: full)
    case 2 where kind != .typeDirectory:
        if kind != nil { try manager.removeItem(atPath: full) }
        try makeFolders(for: path, in: fixture)
        try manager.createSymbolicLink(atPath: full, withDestinationPath: "target-\(round)")
    default:
        if kind != nil { try manager.removeItem(atPath: full) }
        try makeFolders(for: path, in: fixture)
        try fixture.write(path, "round \(round)\nline \(random.next(1000))\n")
    }
}

/// What is at `path` without following a symlink; `nil` when nothing is.
private func entryKind(at path: String) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
}

/// Makes the folders above `path`, replacing any file or symlink in the way (a file becomes a folder).
private func makeFolders(for path: String, in fixture: FixtureRepository) throws {
    var prefix = fixture.path
    for component in path.split(separator: "/").dropLast() {
        prefix += "/" + component
        switch entryKind(at: prefix) {
        case .typeDirectory?: continue
        case nil: break
        default: try FileManager.default.removeItem(atPath: prefix)
        }
        try FileManager.default.createDirectory(atPath: prefix, withIntermediateDirectories: false)
    }
}

/// A small deterministic generator, so a failure reproduces.
private struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}

/// Runs `body` on a thread with a 512 KiB stack (a dispatch worker's size) and returns its result.
private func runOnSmallStack<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let outcome = ThreadOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        outcome.result = Result { try body() }
        done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    done.wait()
    return try #require(outcome.result).get()
}

/// A thread's result: written by the thread before it signals, read after the wait.
private final class ThreadOutcome<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
