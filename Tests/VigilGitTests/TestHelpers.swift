import Foundation
import Testing
import VigilGit
import VigilTestSupport

/// An `ObjectID` for a full hex id the fixture printed; fails the test when it is not one.
func oid(_ hex: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ObjectID {
    try #require(ObjectID(hex: hex), sourceLocation: sourceLocation)
}

/// A well-formed id that no repository in these tests contains.
let absentID = ObjectID(hex: String(repeating: "de", count: 20))!

/// libgit2's `GIT_ENOTFOUND` and `GIT_ERROR_ODB`: the code and class of a missing object.
let notFoundCode: Int32 = -3
let odbErrorClass: Int32 = 9

extension Repository {
    /// The diff of the commit with this hex id.
    func diff(of hex: String, options: DiffOptions = DiffOptions()) throws -> CommitDiff {
        try diff(commit(try oid(hex)), options: options)
    }
}

extension CommitDiff {
    /// The change to `path` (its new path, or old path when deleted); fails the test when absent.
    func file(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> FileChange {
        try #require(files.first { $0.path == path }, "no change to \(path) in \(files.map(\.path))",
            sourceLocation: sourceLocation)
    }
}

extension FileChange {
    var added: [String] { addedLines.map(\.text) }
    var removed: [String] { removedLines.map(\.text) }
    var addedNumbers: [Int] { addedLines.map(\.number) }
    var removedNumbers: [Int] { removedLines.map(\.number) }
}

extension FixtureRepository {
    /// Starts merging `branches` into the current branch without committing (so the fixture's
    /// clock dates the merge commit); a conflict is left in the work tree for the test to resolve.
    func startMerge(_ branches: [String]) {
        _ = try? git(["merge", "-q", "--no-ff", "--no-commit"] + branches)
    }
}

/// Bytes from a hex string the test wrote itself.
func hexBytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        bytes.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

/// Writes an object as given, whatever git would think of it (`hash-object --literally`).
func hashObject(_ fixture: FixtureRepository, type: String, bytes: [UInt8]) throws -> String {
    try fixture.git(["hash-object", "-t", type, "-w", "--literally", "--stdin"], input: Data(bytes))
        .trimmingCharacters(in: .whitespacesAndNewlines)
}
