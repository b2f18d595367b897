#if canImport(Glibc)
import Glibc
#endif

/// Where systemd listens for a service's state: the `$NOTIFY_SOCKET` of sd_notify(3).
///
/// The protocol is one datagram per message on a Unix socket, so it is written here directly
/// rather than through libsystemd: a file-system path (`/run/systemd/notify`) or, when the value
/// starts with `@`, a name in the abstract namespace. Any other form (systemd 254's `vsock:`) is
/// not supported and leaves notification off.
public struct NotifySocket: Sendable, Equatable {
    /// The bytes of `sun_path`: the path, or a NUL followed by the abstract name.
    let address: [UInt8]

    /// `sun_path` holds 108 bytes; a path also needs its terminating NUL.
    static let pathCapacity = 108

    /// The socket named by `value`, or `nil` when it names none Vigil can write to.
    public init?(environmentValue value: String) {
        let bytes = Array(value.utf8)
        guard bytes.count >= 2, !bytes.contains(0) else { return nil }
        switch bytes[0] {
        case UInt8(ascii: "/"):
            guard bytes.count < Self.pathCapacity else { return nil }
            address = bytes
        case UInt8(ascii: "@"):
            guard bytes.count <= Self.pathCapacity else { return nil }
            address = [0] + bytes.dropFirst()
        default:
            return nil
        }
    }

    public var isAbstract: Bool { address.first == 0 }

    /// Sends `message` as one datagram. It never blocks: a manager too busy to take it loses one
    /// status update, which the next one replaces, rather than stalling the poll loop.
    public func send(_ message: String) throws(NotifyError) {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw NotifyError(operation: "socket", code: errno) }
        defer { close(descriptor) }
        var destination = sockaddr_un()
        destination.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &destination.sun_path) { path in
            for (index, byte) in address.enumerated() { path[index] = byte }
        }
        // A path's length counts its NUL; an abstract name's is exactly its bytes.
        let length = MemoryLayout<sa_family_t>.size + address.count + (isAbstract ? 0 : 1)
        let payload = Array(message.utf8)
        let sent = withUnsafePointer(to: &destination) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                payload.withUnsafeBytes { buffer in
                    sendto(
                        descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT),
                        socketAddress, socklen_t(length))
                }
            }
        }
        guard sent >= 0 else { throw NotifyError(operation: "sendto", code: errno) }
    }
}

/// A notification that could not be sent.
public struct NotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var code: Int32

    public var description: String {
        "\(operation): \(String(cString: strerror(code)))"
    }
}
