import CGit2

/// A blob's content, or why it was not read.
public enum BlobBytes: Sendable, Hashable {
    case bytes([UInt8])
    /// The blob is larger than the caller's limit: its size, from the object header alone.
    case tooLarge(Int64)
}

extension Repository {
    /// The content of blob `id`, unless its header says it is over `maxBytes`, in which case it is
    /// never inflated. Throws when the object cannot be read or is not a blob.
    public func blobBytes(_ id: ObjectID, maxBytes: Int64) throws(GitError) -> BlobBytes {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, pointer), "git_repository_odb")
        defer { git_odb_free(odb) }
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_ANY
        try check(git_odb_read_header(&size, &type, odb, &oid), "git_odb_read_header(\(id.short))")
        guard type == GIT_OBJECT_BLOB else {
            throw GitError(kind: .corruptObject, message: "object \(id.short) is not a blob", operation: "read blob")
        }
        if Int64(size) > maxBytes { return .tooLarge(Int64(size)) }
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), "git_blob_lookup(\(id.short))")
        defer { git_blob_free(blob) }
        let length = Int(git_blob_rawsize(blob))
        guard length > 0, let content = git_blob_rawcontent(blob) else { return .bytes([]) }
        // The header and the content come from different backends; trust neither blindly.
        guard Int64(length) <= maxBytes else { return .tooLarge(Int64(length)) }
        return .bytes(Array(UnsafeRawBufferPointer(start: content, count: length)))
    }
}
