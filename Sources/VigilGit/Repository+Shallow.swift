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
        var path = Array(UnsafeBufferPointer(start: directory, count: strlen(directory)))
        path.append(contentsOf: "shallow".utf8CString)
        guard let contents = Repository.readFile(path) else { return [] }
        var result: Set<OIDKey> = []
        for line in contents.split(separator: UInt8(ascii: "\n")) {
            let hex = String(decoding: line.prefix(40), as: UTF8.self)
            if let id = ObjectID(hex: hex) { result.insert(OIDKey(id.oid)) }
        }
        return result
    }

    /// A small file's bytes; `nil` when it cannot be opened or read.
    private static func readFile(_ path: [CChar]) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return result }
            result.append(contentsOf: buffer[0..<count])
        }
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
