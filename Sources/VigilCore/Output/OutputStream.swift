#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file descriptor that text is written to whole: each call writes all its bytes (retrying
/// short writes), so lines from one writer never interleave mid-line.
public struct TextSink: Sendable {
    public let descriptor: Int32

    public static let standardOutput = TextSink(descriptor: 1)
    public static let standardError = TextSink(descriptor: 2)

    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Glibc.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                remaining -= written
                pointer += written
            }
        }
    }

    /// Whether the descriptor is a terminal (text output may then use alignment for humans).
    public var isTerminal: Bool { isatty(descriptor) == 1 }
}
