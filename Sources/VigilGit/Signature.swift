import CGit2

/// An author or committer identity with the moment it was recorded.
public struct Signature: Sendable, Hashable {
    /// The name as written, decoded by the commit's encoding (UTF-8 unless it declares ISO-8859-1);
    /// bytes that do not decode are replaced with U+FFFD. Control characters are kept: this is data.
    public var name: String
    public var email: String
    /// Seconds since the Unix epoch.
    public var time: Int64
    /// The signer's offset from UTC, in minutes (`+0530` is 330, `-0800` is -480).
    public var offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ signature: UnsafePointer<git_signature>?, encoding: TextEncoding = .utf8) {
        guard let signature else {
            self.init(name: "", email: "", time: 0, offsetMinutes: 0)
            return
        }
        self.init(
            name: encoding.decode(signature.pointee.name),
            email: encoding.decode(signature.pointee.email),
            time: Int64(signature.pointee.when.time),
            offsetMinutes: Int(signature.pointee.when.offset)
        )
    }
}
