import VigilCore

/// The start of a stream, up to a number of bytes: enough of a child's standard error to say why
/// it failed, never enough to fill the daemon's memory. The rest is read and counted, so the
/// child never blocks on a full pipe.
struct BoundedCapture: Sendable {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var dropped = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func append(_ chunk: some Collection<UInt8>) {
        let room = max(0, limit - bytes.count)
        bytes.append(contentsOf: chunk.prefix(room))
        dropped += max(0, chunk.count - room)
    }

    /// The text for a log line: invalid UTF-8 replaced, control characters escaped.
    var escaped: String {
        let text = TerminalText.escape(String(decoding: bytes, as: UTF8.self))
        return dropped > 0 ? text + " … (\(dropped) more bytes)" : text
    }
}
