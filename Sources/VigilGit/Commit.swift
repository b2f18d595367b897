/// One commit's metadata, read whole from the object database and safe to share between tasks.
public struct Commit: Sendable, Hashable {
    public var id: ObjectID
    /// Parents in order; the first is the mainline.
    public var parents: [ObjectID]
    public var author: Signature
    public var committer: Signature
    /// The message exactly as stored: git does not promise UTF-8, and neither does Vigil.
    public var rawMessage: [UInt8]
    /// The `encoding` header, when the commit declares one (an empty header declares none).
    public var encoding: String?
    /// Trailers from the message's trailer block (its last paragraph), as `git log --format=%(trailers)`
    /// finds them; a `Key: value` line anywhere else in the message is not a trailer.
    public var trailers: [Trailer]

    public init(
        id: ObjectID, parents: [ObjectID], author: Signature, committer: Signature,
        rawMessage: [UInt8], encoding: String? = nil, trailers: [Trailer]
    ) {
        self.id = id
        self.parents = parents
        self.author = author
        self.committer = committer
        self.rawMessage = rawMessage
        self.encoding = encoding
        self.trailers = trailers
    }

    /// The message as text: decoded as ISO-8859-1 when the `encoding` header declares it (as `git log`
    /// does), otherwise as UTF-8 with invalid bytes replaced by U+FFFD.
    public var message: String {
        rawMessage.withUnsafeBufferPointer { TextEncoding(header: encoding).decode($0) }
    }

    /// The first line of the message.
    public var summary: String {
        let text = message
        return String(text[..<(text.firstIndex(where: \.isNewline) ?? text.endIndex)])
    }

    /// True when the commit has more than one parent.
    public var isMerge: Bool { parents.count > 1 }
    /// True when the commit records no parent. A shallow clone's boundary commits still list theirs.
    public var isRoot: Bool { parents.isEmpty }
}

/// A `Key: value` line from a commit message's trailer block.
public struct Trailer: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
