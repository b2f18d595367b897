import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Repository {
    /// The commits whose parents a shallow clone cut off, read from its `shallow` file; empty for a
    /// complete repository. Read afresh on each call, since a fetch may deepen the clone.
    func shallowBoundary() -> Set<OIDKey> {
        guard isShallow, let directory = git_repository_commondir(pointer) else { return [] }
        guard case .success(let contents) = RegularFile.contents(String(cString: directory) + "shallow", limit: 1 << 30)
        else { return [] }
        var result: Set<OIDKey> = []
        for line in contents.split(separator: UInt8(ascii: "\n")) {
            let hex = String(decoding: line.prefix(40), as: UTF8.self)
            if let id = ObjectID(hex: hex) { result.insert(OIDKey(id.oid)) }
        }
        return result
    }
}

/// A git object id as a compact hashable value, for walks that touch many commits.
struct OIDKey: Hashable {
    private let head: UInt64
    private let middle: UInt64
    private let tail: UInt32

    init(_ oid: git_oid) {
        var copy = oid
        (head, middle, tail) = withUnsafeBytes(of: &copy) { bytes in
            (
                bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
            )
        }
    }
}
