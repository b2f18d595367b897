/// One commit's metadata, read whole from the object database and safe to share between tasks.
public struct Commit: Sendable, Hashable {
    public var id: ObjectID
    /// Parents in order; the first is the mainline.
    public var parents: [ObjectID]
    public var author: Signature
    public var committer: Signature
    /// The message exactly as stored: git does not promise UTF-8, and neither does Vigil.
    public var rawMessage: [UInt8]
    /// The `encoding` header, when the commit declares one.
    public var encoding: String?
    /// Trailers from the message's last paragraph, as libgit2's `git_message_trailers` finds them.
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

    /// The message decoded as UTF-8, invalid bytes replaced with U+FFFD.
    public var message: String { String(decoding: rawMessage, as: UTF8.self) }

    /// The first line of the message.
    public var summary: String {
        let text = message
        return String(text[..<(text.firstIndex(where: \.isNewline) ?? text.endIndex)])
    }

    public var isMerge: Bool { parents.count > 1 }
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
