import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Repository {
    /// Reads one commit's metadata and trailers.
    public func commit(_ id: ObjectID) throws(GitError) -> Commit {
        try withCommit(id) { (handle) throws(GitError) in
            let count = Int(git_commit_parentcount(handle))
            var parents: [ObjectID] = []
            parents.reserveCapacity(count)
            for index in 0..<count {
                if let parent = git_commit_parent_id(handle, UInt32(index)) {
                    parents.append(ObjectID(parent.pointee))
                }
            }
            var raw: [UInt8] = []
            if let message = git_commit_message_raw(handle) {
                let length = strlen(message)
                raw = message.withMemoryRebound(to: UInt8.self, capacity: length) {
                    Array(UnsafeBufferPointer(start: $0, count: length))
                }
            }
            // An empty `encoding` header (which `git -c i18n.commitEncoding=` writes) declares nothing.
            let encodingName = git_commit_message_encoding(handle).map { String(lossyCString: $0) }
                .flatMap { $0.isEmpty ? nil : $0 }
            let encoding = TextEncoding(header: encodingName)
            return Commit(
                id: id, parents: parents,
                author: Signature(git_commit_author(handle), encoding: encoding),
                committer: Signature(git_commit_committer(handle), encoding: encoding),
                rawMessage: raw, encoding: encodingName,
                trailers: Repository.trailers(in: raw, encoding: encoding)
            )
        }
    }

    func withCommit<T>(_ id: ObjectID, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        var oid = id.oid
        var handle: OpaquePointer?
        try check(git_commit_lookup(&handle, pointer, &oid), "git_commit_lookup(\(id.short))")
        guard let handle else {
            throw GitError(kind: .notFound, message: "commit \(id) not found", operation: "git_commit_lookup")
        }
        defer { git_commit_free(handle) }
        return try body(handle)
    }

    // MARK: - Trailers

    /// The trailers libgit2 finds in a message's trailer block; none when it cannot parse them.
    ///
    /// Two corrections make the result match `git log --format=%(trailers)`: a line starting with
    /// `---` is ordinary text in a commit message (libgit2 treats it as the start of an emailed patch
    /// and drops every trailer after it), and values lose the `\r` of CRLF messages.
    static func trailers(in message: [UInt8], encoding: TextEncoding = .utf8) -> [Trailer] {
        var text = withoutPatchDividers(message)
        text.append(0)
        var array = git_message_trailer_array()
        let code = text.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { git_message_trailers(&array, $0.baseAddress) }
        }
        guard code == 0 else {
            git_error_clear()
            return []
        }
        defer { git_message_trailer_array_free(&array) }
        var result: [Trailer] = []
        result.reserveCapacity(array.count)
        for index in 0..<array.count {
            let trailer = array.trailers[index]
            let key = encoding.decode(trailer.key)
            guard !key.isEmpty else { continue }
            result.append(Trailer(key: key, value: trimmingTrailingSpace(encoding.decode(trailer.value))))
        }
        return result
    }

    /// The message with the first byte of every line starting `---` replaced, so libgit2 reads it as
    /// text. libgit2 1.5 takes any such line for a patch divider; `git log` reads commit messages with
    /// no divider at all. GitHub's squash merges put a `---------` line right before the co-author
    /// trailers, so without this the bots' co-author lines would be lost.
    private static func withoutPatchDividers(_ message: [UInt8]) -> [UInt8] {
        var bytes = message
        let dash = UInt8(ascii: "-")
        var lineStart = 0
        while lineStart + 2 < bytes.count {
            if bytes[lineStart] == dash, bytes[lineStart + 1] == dash, bytes[lineStart + 2] == dash {
                bytes[lineStart] = UInt8(ascii: "x")
            }
            guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else { break }
            lineStart = newline + 1
        }
        return bytes
    }

    private static func trimmingTrailingSpace(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" || last == "\n" {
            scalars.removeLast()
        }
        return String(scalars)
    }
}
