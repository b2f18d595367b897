/// What one commit changed, relative to its first parent (or the empty tree for a root commit).
/// For a merge it holds only what the merge itself introduced: lines found in no parent.
public struct CommitDiff: Sendable, Hashable {
    public var files: [FileChange]
    /// Objects that could not be read while diffing; the other files are still reported.
    public var unreadable: [UnreadableObject]

    public init(files: [FileChange] = [], unreadable: [UnreadableObject] = []) {
        self.files = files
        self.unreadable = unreadable
    }

    public var addedLineCount: Int { files.reduce(0) { $0 + $1.addedLines.count } }
    public var removedLineCount: Int { files.reduce(0) { $0 + $1.removedLines.count } }
}

/// One path's change. A type change (file to symlink and back) lists every old line as removed and
/// every new line as added; a submodule change has no lines.
public struct FileChange: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case added, deleted, modified, renamed, copied, typeChanged
    }

    public var status: Status
    /// The path before the change; equals `newPath` unless renamed or copied.
    public var oldPath: String
    public var newPath: String
    public var oldMode: FileMode
    public var newMode: FileMode
    /// True when either side is binary (a NUL in its first 8000 bytes, git's rule, or larger than
    /// `DiffOptions.maxBlobBytes`); a binary change reports sizes and no lines.
    public var isBinary: Bool
    /// Blob sizes in bytes; 0 on the side where the file does not exist, and for a submodule.
    public var oldSize: Int64
    public var newSize: Int64
    /// The blob on each side; `nil` where the file does not exist, and for a submodule (a commit).
    public var oldBlob: ObjectID?
    public var newBlob: ObjectID?
    /// Lines present after the change and not before, numbered in the new file.
    public var addedLines: [DiffLine]
    /// Lines present before the change and not after, numbered in the old file.
    public var removedLines: [DiffLine]

    public init(
        status: Status, oldPath: String, newPath: String, oldMode: FileMode = .regular,
        newMode: FileMode = .regular, isBinary: Bool = false, oldSize: Int64 = 0, newSize: Int64 = 0,
        oldBlob: ObjectID? = nil, newBlob: ObjectID? = nil,
        addedLines: [DiffLine] = [], removedLines: [DiffLine] = []
    ) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldMode = oldMode
        self.newMode = newMode
        self.isBinary = isBinary
        self.oldSize = oldSize
        self.newSize = newSize
        self.oldBlob = oldBlob
        self.newBlob = newBlob
        self.addedLines = addedLines
        self.removedLines = removedLines
    }

    /// The path a finding should name: the new path, or the old one for a deletion.
    public var path: String { status == .deleted ? oldPath : newPath }
}

/// One line of a diff: its 1-based number on its side, and its text without the line ending.
public struct DiffLine: Sendable, Hashable {
    public var number: Int
    /// Decoded as UTF-8 with invalid bytes replaced.
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// A tree entry's mode, as git records it.
public enum FileMode: Sendable, Hashable {
    case absent, regular, executable, symlink, submodule, tree, other(UInt32)

    init(rawValue: UInt32) {
        switch rawValue {
        case 0: self = .absent
        case 0o100644: self = .regular
        case 0o100755: self = .executable
        case 0o120000: self = .symlink
        case 0o160000: self = .submodule
        case 0o040000: self = .tree
        default: self = .other(rawValue)
        }
    }
}

/// An object that could not be read: its id, the path it was needed for, and why.
public struct UnreadableObject: Sendable, Hashable {
    public var object: ObjectID?
    public var path: String?
    /// The failed operation and libgit2's message, for people.
    public var message: String
    /// The libgit2 error itself (code, class, operation), when the failure came from libgit2.
    public var error: GitError?

    public init(object: ObjectID?, path: String?, message: String, error: GitError? = nil) {
        self.object = object
        self.path = path
        self.message = message
        self.error = error
    }
}
