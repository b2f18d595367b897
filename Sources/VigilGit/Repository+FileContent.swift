import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many leading bytes git inspects for a NUL when deciding that a blob is binary.
private let binaryProbeBytes = 8000

/// One commit's reading budget, shared by every tree diff of that commit (a merge has several).
final class ContentBudget {
    let byteBudget: Int64?
    let deadline: Deadline?
    /// Blob bytes read so far for this commit.
    private(set) var bytesRead: Int64 = 0
    /// Set when a budget ran out; nothing more is read after that.
    private(set) var spent: DiffBudgetSpent?

    init(_ options: DiffOptions) {
        byteBudget = options.byteBudget
        deadline = options.deadline
    }

    /// Whether `size` more bytes may be read now; counts them when so, and records the budget that
    /// ran out when not.
    func mayRead(_ size: Int64) -> Bool {
        guard spent == nil else { return false }
        if let deadline, deadline.hasPassed {
            spent = DiffBudgetSpent(budget: .time(deadline.budget), bytesRead: bytesRead)
            return false
        }
        if let byteBudget, size > byteBudget - bytesRead {
            spent = DiffBudgetSpent(budget: .bytes(byteBudget), bytesRead: bytesRead)
            return false
        }
        bytesRead += size
        return true
    }
}

extension Repository {
    /// Fills in a change's sizes, what each side held, and its lines, and returns the blobs that
    /// could not be read (the change is kept, without lines).
    ///
    /// Content is judged here rather than by libgit2's diff driver, for two reasons. The driver obeys
    /// `.gitattributes` (`-diff`, `binary`) from the work tree, so a commit could mark its own files
    /// binary and hide their lines from every check; and for a type change (file to symlink, symlink
    /// to file) it reports no lines at all.
    ///
    /// Each side is judged on its own: binary exactly when git's rule says so (a NUL in its first
    /// 8000 bytes), over the limit when larger than `maxBlobBytes`. A text side is diffed against
    /// the other side when that is text too, and against nothing otherwise, so a text new version
    /// is checked whatever the old one was. The one exception: a text old side next to a new side
    /// over the limit lists no removed lines, because which of its lines went is unknown. An old
    /// side over the limit that went whole (deletion, type change) has its newlines counted, within
    /// the byte budget, so mass deletions of big files still count their lines.
    func readContent(into change: inout FileChange, options: DiffOptions, budget: ContentBudget)
        -> [UnreadableObject]
    {
        var unreadable: [UnreadableObject] = []
        change.oldContent = change.oldBlob == nil ? .absent : .unread
        change.newContent = change.newBlob == nil ? .absent : .unread
        if let id = change.oldBlob {
            switch objectSize(id) {
            case .success(let size): change.oldSize = size
            case .failure(let error):
                change.oldContent = .unreadable
                unreadable.append(UnreadableObject(error, object: id, path: change.oldPath))
            }
        }
        if let id = change.newBlob {
            switch objectSize(id) {
            case .success(let size): change.newSize = size
            case .failure(let error):
                change.newContent = .unreadable
                unreadable.append(UnreadableObject(error, object: id, path: change.newPath))
            }
        }
        guard unreadable.isEmpty else { return unreadable }
        let oldWentWhole = change.status == .deleted || change.status == .typeChanged
        let oldOverLimit = change.oldBlob != nil && change.oldSize > options.maxBlobBytes
        let newOverLimit = change.newBlob != nil && change.newSize > options.maxBlobBytes
        let countsOldLines = oldOverLimit && oldWentWhole
        if oldOverLimit { change.oldContent = .overLimit }
        if newOverLimit { change.newContent = .overLimit }
        let readsOld = change.oldBlob != nil && (!oldOverLimit || countsOldLines)
        let readsNew = change.newBlob != nil && !newOverLimit
        // Both sides are read or neither: one side alone would turn unchanged lines into added ones.
        let toRead = (readsOld ? change.oldSize : 0) + (readsNew ? change.newSize : 0)
        guard !(readsOld || readsNew) || budget.mayRead(toRead) else { return [] }

        var oldBlob: BlobHandle?
        var newBlob: BlobHandle?
        if let id = change.oldBlob, readsOld {
            switch loadBlob(id) {
            case .success(let blob): oldBlob = blob
            case .failure(let error):
                change.oldContent = .unreadable
                unreadable.append(UnreadableObject(error, object: id, path: change.oldPath))
            }
        }
        if let id = change.newBlob, readsNew {
            switch loadBlob(id) {
            case .success(let blob): newBlob = blob
            case .failure(let error):
                change.newContent = .unreadable
                unreadable.append(UnreadableObject(error, object: id, path: change.newPath))
            }
        }
        guard unreadable.isEmpty else { return unreadable }
        if oldOverLimit {
            if let oldBlob, !oldBlob.looksBinary { change.unlistedRemovedLines = oldBlob.lineCount }
            oldBlob = nil
        } else if let blob = oldBlob {
            change.oldContent = blob.looksBinary ? .binary : .text
        }
        if let blob = newBlob { change.newContent = blob.looksBinary ? .binary : .text }

        let oldText = change.oldContent == .text ? oldBlob : nil
        let newText = change.newContent == .text ? newBlob : nil
        if let request = options.wholeSides {
            if let oldText, change.oldSize <= request.maxBytes, request.wants(change.oldPath) {
                change.oldBytes = Array(oldText.bytes)
            }
            if let newText, change.newSize <= request.maxBytes, request.wants(change.newPath) {
                change.newBytes = Array(newText.bytes)
            }
        }
        // A text old side next to a new side over the limit: which of its lines went is unknown.
        let listsRemoved = change.newContent != .overLimit
        do {
            if change.status == .typeChanged || oldText == nil || newText == nil {
                // Two different kinds of thing, or one side that is no text: each text side stands alone.
                if listsRemoved { try appendLines(from: oldText, to: nil, into: &change) }
                try appendLines(from: nil, to: newText, into: &change)
            } else {
                try appendLines(from: oldText, to: newText, into: &change)
            }
        } catch {
            unreadable.append(UnreadableObject(error, object: change.newBlob ?? change.oldBlob, path: change.path))
        }
        return unreadable
    }

    /// The size of a blob from its header, without reading its content.
    public func blobSize(_ id: ObjectID) -> Int64? {
        try? objectSize(id).get()
    }

    private func objectSize(_ id: ObjectID) -> Result<Int64, GitError> {
        if let size = recentBlobSizes[id] { return .success(size) }
        let size = readObjectSize(id)
        if case .success(let value) = size { recentBlobSizes[id] = value }
        return size
    }

    private func readObjectSize(_ id: ObjectID) -> Result<Int64, GitError> {
        var odb: OpaquePointer?
        var code = git_repository_odb(&odb, pointer)
        guard code == 0 else { return .failure(.last(code: code, operation: "git_repository_odb")) }
        defer { git_odb_free(odb) }
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_ANY
        code = git_odb_read_header(&size, &type, odb, &oid)
        guard code == 0 else { return .failure(.last(code: code, operation: "git_odb_read_header(\(id.short))")) }
        return .success(Int64(size))
    }

    private func loadBlob(_ id: ObjectID) -> Result<BlobHandle, GitError> {
        var oid = id.oid
        var handle: OpaquePointer?
        let code = git_blob_lookup(&handle, pointer, &oid)
        guard code == 0, let handle else {
            return .failure(.last(code: code, operation: "git_blob_lookup(\(id.short))"))
        }
        return .success(BlobHandle(handle))
    }

    // MARK: - Lines

    /// Diffs two blobs' bytes as text (either may be absent, meaning empty) and appends the lines.
    private func appendLines(from old: BlobHandle?, to new: BlobHandle?, into change: inout FileChange)
        throws(GitError)
    {
        guard old != nil || new != nil else { return }
        guard readMode == .fast else {
            try appendLinesThroughLibgit2(from: old, to: new, into: &change)
            return
        }
        let oldLines = LineIndex(old?.bytes ?? UnsafeBufferPointer(start: nil, count: 0))
        let newLines = LineIndex(new?.bytes ?? UnsafeBufferPointer(start: nil, count: 0))
        guard let edits = LineDiff.edits(old: oldLines, new: newLines),
            !LineDiff.canSlide(edits, old: oldLines, new: newLines)
        else {
            try appendLinesThroughLibgit2(from: old, to: new, into: &change)
            return
        }
        change.removedLines.reserveCapacity(change.removedLines.count + edits.removed.count)
        for index in edits.removed {
            change.removedLines.append(DiffLine(number: index + 1, text: oldLines.text(index)))
        }
        change.addedLines.reserveCapacity(change.addedLines.count + edits.added.count)
        for index in edits.added {
            change.addedLines.append(DiffLine(number: index + 1, text: newLines.text(index)))
        }
    }

    /// `appendLines` through a libgit2 patch: for changes too large for `LineDiff`'s exact search
    /// (xdiff bounds its cost there), for changes that could be placed in more than one way
    /// (`LineDiff.canSlide`), and for every change in the `reference` read mode. No paths are
    /// passed, so no attribute or filter applies.
    private func appendLinesThroughLibgit2(from old: BlobHandle?, to new: BlobHandle?, into change: inout FileChange)
        throws(GitError)
    {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.context_lines = 0
        options.interhunk_lines = 0
        // git's default placement of a change that could sit in several places (`diff.indentHeuristic`).
        options.flags |= GIT_DIFF_FORCE_TEXT.rawValue | GIT_DIFF_INDENT_HEURISTIC.rawValue
        var patch: OpaquePointer?
        try check(
            git_patch_from_blobs(&patch, old?.pointer, nil, new?.pointer, nil, &options), "git_patch_from_blobs"
        )
        guard let patch else { return }
        defer { git_patch_free(patch) }
        readLines(of: patch, into: &change)
    }

    private func readLines(of patch: OpaquePointer, into change: inout FileChange) {
        for hunk in 0..<git_patch_num_hunks(patch) {
            let lineCount = git_patch_num_lines_in_hunk(patch, hunk)
            guard lineCount > 0 else { continue }
            for index in 0..<Int(lineCount) {
                var line: UnsafePointer<git_diff_line>?
                guard git_patch_get_line_in_hunk(&line, patch, hunk, index) == 0, let line else { continue }
                let origin = UInt8(bitPattern: line.pointee.origin)
                guard origin == UInt8(ascii: "+") || origin == UInt8(ascii: "-") else { continue }
                let text = Repository.lineText(line.pointee.content, length: line.pointee.content_len)
                if origin == UInt8(ascii: "+") {
                    change.addedLines.append(DiffLine(number: Int(line.pointee.new_lineno), text: text))
                } else {
                    change.removedLines.append(DiffLine(number: Int(line.pointee.old_lineno), text: text))
                }
            }
        }
    }

    /// A line's text without its line ending (`\n` or `\r\n`), decoded as UTF-8 with replacement.
    static func lineText(_ content: UnsafePointer<CChar>?, length: Int) -> String {
        guard let content, length > 0 else { return "" }
        return content.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
            var count = length
            if count > 0, bytes[count - 1] == UInt8(ascii: "\n") {
                count -= 1
                if count > 0, bytes[count - 1] == UInt8(ascii: "\r") { count -= 1 }
            }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }
}

/// One blob read from the object database; frees itself.
final class BlobHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_blob_free(pointer)
    }

    /// The blob's content; valid while this handle lives.
    var bytes: UnsafeBufferPointer<UInt8> {
        let size = Int(git_blob_rawsize(pointer))
        guard size > 0, let content = git_blob_rawcontent(pointer) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: content.assumingMemoryBound(to: UInt8.self), count: size)
    }

    /// Its lines, counted from its newlines without building them: a last line without a newline
    /// counts too, as in a diff.
    var lineCount: Int {
        let bytes = self.bytes
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var count = 0
        var offset = 0
        while offset < bytes.count, let hit = memchr(base + offset, 0x0A, bytes.count - offset) {
            count += 1
            offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
        }
        return bytes[bytes.count - 1] == 0x0A ? count : count + 1
    }

    /// git's rule: a NUL byte among the first 8000 bytes.
    var looksBinary: Bool {
        let size = Int(git_blob_rawsize(pointer))
        guard size > 0, let content = git_blob_rawcontent(pointer) else { return false }
        return memchr(content, 0, min(size, binaryProbeBytes)) != nil
    }
}

extension UnreadableObject {
    init(_ error: GitError, object: ObjectID?, path: String) {
        self.init(object: object, path: path, message: "\(error.operation): \(error.message)", error: error)
    }
}
