/// What one commit changed, relative to its first parent (or the empty tree for a root commit).
/// For a merge it holds only what the merge itself introduced: lines found in no parent.
public struct CommitDiff: Sendable, Hashable {
    public var files: [FileChange]
    /// Objects that could not be read while diffing; the other files are still reported.
    public var unreadable: [UnreadableObject]
    /// The budget that ran out while the blobs were read, if one did; the sides it left unread
    /// are `.unread`.
    public var budgetSpent: DiffBudgetSpent?
    /// The size limit sides were judged by (`DiffOptions.maxBlobBytes`), for messages about
    /// `.overLimit` sides; `nil` when not known (a diff built by hand).
    public var sizeLimit: Int64?

    public init(
        files: [FileChange] = [], unreadable: [UnreadableObject] = [], budgetSpent: DiffBudgetSpent? = nil,
        sizeLimit: Int64? = nil
    ) {
        self.files = files
        self.unreadable = unreadable
        self.budgetSpent = budgetSpent
        self.sizeLimit = sizeLimit
    }

    public var addedLineCount: Int { files.reduce(0) { $0 + $1.addedLines.count } }
    /// Removed lines, including those counted but not listed (`FileChange.unlistedRemovedLines`).
    public var removedLineCount: Int { files.reduce(0) { $0 + $1.removedLineCount } }
}

/// Which of a commit's budgets ran out while its diff was read, and how much had been read.
public struct DiffBudgetSpent: Sendable, Hashable {
    public enum Budget: Sendable, Hashable {
        /// `DiffOptions.byteBudget`: blob bytes one commit's diff may read.
        case bytes(Int64)
        /// `DiffOptions.deadline`: wall time for one commit's diff and checks.
        case time(Duration)
    }

    public var budget: Budget
    /// Blob bytes read for this commit before it ran out.
    public var bytesRead: Int64

    public init(budget: Budget, bytesRead: Int64) {
        self.budget = budget
        self.bytesRead = bytesRead
    }
}

/// What one side of a change held, as far as the diff read it. Each side is judged on its own,
/// so a binary or oversized old version never hides the lines of a text new version.
public enum SideContent: Sendable, Hashable {
    /// No blob on this side: the file does not exist there, or it is a submodule.
    case absent
    /// Read as text: its lines are in the diff.
    case text
    /// A NUL byte in its first 8000 bytes (git's rule): read, but it has no lines.
    case binary
    /// Larger than `DiffOptions.maxBlobBytes`: never read as lines.
    case overLimit
    /// Not read because a budget of the commit ran out first (`CommitDiff.budgetSpent`).
    case unread
    /// Not read because the object could not be read (listed in `CommitDiff.unreadable`).
    case unreadable
}

/// One path's change. A type change (file to symlink and back) lists every old line as removed and
/// every new line as added; a submodule change has no lines. Lines come only from text sides: when
/// one side is text and the other is not (binary, over the size limit), the text side is diffed
/// against nothing, so every line of a text new side is added and checked.
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
    /// What each side held as far as it was read; lines come only from `.text` sides.
    public var oldContent: SideContent
    public var newContent: SideContent
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
    /// Lines that went with an old side over the size limit (a deleted file, or one turned into a
    /// symlink): counted from its newlines, not listed, so a mass deletion of big files still shows.
    public var unlistedRemovedLines: Int
    /// Each side's whole content, for files `DiffOptions.wholeSides` asked for, when that side is
    /// text and within its size; `nil` otherwise.
    public var oldBytes: [UInt8]?
    public var newBytes: [UInt8]?

    public init(
        status: Status, oldPath: String, newPath: String, oldMode: FileMode = .regular,
        newMode: FileMode = .regular, oldContent: SideContent = .text, newContent: SideContent = .text,
        oldSize: Int64 = 0, newSize: Int64 = 0, oldBlob: ObjectID? = nil, newBlob: ObjectID? = nil,
        addedLines: [DiffLine] = [], removedLines: [DiffLine] = [], unlistedRemovedLines: Int = 0,
        oldBytes: [UInt8]? = nil, newBytes: [UInt8]? = nil
    ) {
        self.status = status
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldMode = oldMode
        self.newMode = newMode
        self.oldContent = oldContent
        self.newContent = newContent
        self.oldSize = oldSize
        self.newSize = newSize
        self.oldBlob = oldBlob
        self.newBlob = newBlob
        self.addedLines = addedLines
        self.removedLines = removedLines
        self.unlistedRemovedLines = unlistedRemovedLines
        self.oldBytes = oldBytes
        self.newBytes = newBytes
    }

    /// The path a finding should name: the new path, or the old one for a deletion.
    public var path: String { status == .deleted ? oldPath : newPath }

    /// Removed lines, listed or only counted.
    public var removedLineCount: Int { removedLines.count + unlistedRemovedLines }
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
