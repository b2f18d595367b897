import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The receiving end of sd_notify(3) that a test owns: a datagram socket bound to a path or to an
/// abstract name, whose messages are read back in the order they were sent.
public final class NotifyListener: @unchecked Sendable {
    // @unchecked: one test reads it from one task.

    /// What to put in `NOTIFY_SOCKET`.
    public let environmentValue: String
    private let descriptor: Int32
    private let path: String?
    /// Every datagram received so far, in order.
    public private(set) var messages: [String] = []

    /// Binds to `path`, or to an abstract name when `abstractName` is given.
    public init(path: String? = nil, abstractName: String? = nil) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw FixtureError(message: "socket: \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes: [UInt8]
        if let abstractName {
            bytes = [0] + Array(abstractName.utf8)
            environmentValue = "@" + abstractName
            self.path = nil
        } else {
            let path = path ?? "/tmp/vigil-notify-\(UUID().uuidString.prefix(8))"
            bytes = Array(path.utf8) + [0]
            environmentValue = path
            self.path = path
        }
        guard bytes.count <= 108 else { throw FixtureError(message: "socket path too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        // A path counts its NUL; an abstract name is exactly its bytes after the leading NUL.
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            close(descriptor)
            throw FixtureError(message: "bind \(environmentValue): \(errno)")
        }
    }

    deinit {
        close(descriptor)
        if let path { unlink(path) }
    }

    /// Reads every datagram waiting, without blocking; returns the new ones.
    @discardableResult
    public func drain() -> [String] {
        var received: [String] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            guard count > 0 else { break }
            received.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
        messages += received
        return received
    }

    /// Every assignment received so far (`READY=1`, `STATUS=…`), one per line of each datagram.
    public var lines: [String] {
        messages.flatMap { $0.split(separator: "\n").map(String.init) }
    }

    /// Waits until a line satisfies `condition`; returns whether one did within `seconds`.
    @discardableResult
    public func waitFor(seconds: Double = 60, _ condition: (String) -> Bool) async -> Bool {
        await DaemonProcess.eventually(seconds: seconds) {
            drain()
            return lines.contains(where: condition)
        }
    }

    /// Waits until `line` has been received `count` times in all.
    @discardableResult
    public func waitFor(_ line: String, count: Int = 1, seconds: Double = 60) async -> Bool {
        await DaemonProcess.eventually(seconds: seconds) {
            drain()
            return lines.filter { $0 == line }.count >= count
        }
    }
}
