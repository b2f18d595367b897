import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An author or committer identity with the moment it was recorded.
public struct Signature: Sendable, Hashable {
    /// The name as written; bytes that are not UTF-8 are replaced with U+FFFD.
    public var name: String
    public var email: String
    /// Seconds since the Unix epoch.
    public var time: Int64
    /// The signer's offset from UTC, in minutes.
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ signature: UnsafePointer<git_signature>?) {
        guard let signature else {
            self.init(name: "", email: "", time: 0, offsetMinutes: 0)
            return
        }
        self.init(
            name: String(lossyCString: signature.pointee.name),
            email: String(lossyCString: signature.pointee.email),
            time: Int64(signature.pointee.when.time),
            offsetMinutes: Int(signature.pointee.when.offset)
        )
    }
}

extension String {
    /// Decodes C text that may not be UTF-8 (git stores bytes), replacing what does not decode.
    init(lossyCString pointer: UnsafePointer<CChar>?) {
        guard let pointer else {
            self = ""
            return
        }
        let length = strlen(pointer)
        self = pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}
