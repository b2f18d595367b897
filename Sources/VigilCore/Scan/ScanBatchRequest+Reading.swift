import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scan child's request as it arrives on standard input: bounded, decoded, and checked before
/// anything is opened. The daemon wrote it, but the child trusts nothing it did not check.
extension ScanBatchRequest {
    /// The largest request read: 64 MiB holds hundreds of thousands of tips and hide roots.
    public static let maximumBytes = 64 << 20
    /// The most commits one batch may plan.
    public static let largestLimit = 10_000_000
    /// The most worker threads a request may ask for.
    public static let largestWorkers = 256

    /// Why a request was refused.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Reads the whole of `descriptor` (at most `maximumBytes`) and decodes and checks the request.
    public static func read(from descriptor: Int32) throws(Refusal) -> ScanBatchRequest {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw Refusal(message: "the request could not be read: \(String(cString: strerror(errno)))")
            }
            data.append(contentsOf: buffer[..<count])
            if data.count > maximumBytes {
                throw Refusal(message: "the request is larger than \(maximumBytes >> 20) MiB")
            }
        }
        return try decode(data)
    }

    /// Decodes and checks one request.
    public static func decode(_ data: Data) throws(Refusal) -> ScanBatchRequest {
        let request: ScanBatchRequest
        do {
            request = try JSONDecoder().decode(ScanBatchRequest.self, from: data)
        } catch {
            throw Refusal(message: "the request is not a scan-batch request: \(Self.describe(error))")
        }
        try request.check()
        return request
    }

    /// Every field in range: object ids are 40 lowercase hex digits, ref names are non-empty and
    /// free of control characters, and the counts are positive and bounded.
    public func check() throws(Refusal) {
        guard !repository.isEmpty, !repository.utf8.contains(0) else {
            throw Refusal(message: "the request's repository is empty or holds a NUL byte")
        }
        guard (1...Self.largestLimit).contains(limit) else {
            throw Refusal(message: "the request's limit must be between 1 and \(Self.largestLimit), found \(limit)")
        }
        guard (1...Self.largestWorkers).contains(workers) else {
            throw Refusal(
                message: "the request's workers must be between 1 and \(Self.largestWorkers), found \(workers)")
        }
        if let entry, !(0...Self.largestLimit).contains(entry) {
            throw Refusal(message: "the request's entry must be between 0 and \(Self.largestLimit), found \(entry)")
        }
        if let newest, !(0...Self.largestLimit).contains(newest) {
            throw Refusal(message: "the request's newest must be between 0 and \(Self.largestLimit), found \(newest)")
        }
        for tip in tips + deleted {
            try Self.checkRef(tip.name)
            try Self.checkID(tip.target, field: tip.name)
        }
        for move in moved {
            try Self.checkRef(move.name)
            try Self.checkID(move.old, field: move.name)
            try Self.checkID(move.new, field: move.name)
        }
        for id in seen { try Self.checkID(id, field: "seen") }
    }

    private static func checkID(_ text: String, field: String) throws(Refusal) {
        guard text.utf8.count == 40, text.utf8.allSatisfy(\.isLowercaseHex) else {
            throw Refusal(
                message: "\(TerminalText.escape(field)): expected an object id (40 lowercase hex digits), "
                    + "found \"\(TerminalText.escape(String(text.prefix(64))))\"")
        }
    }

    private static func checkRef(_ name: String) throws(Refusal) {
        guard name.hasPrefix("refs/") || name == "HEAD", name.utf8.count <= 4096,
            !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f })
        else {
            throw Refusal(message: "not a ref name: \"\(TerminalText.escape(String(name.prefix(256))))\"")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.keyNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return (path.isEmpty ? "" : path.joined(separator: ".") + ": ") + context.debugDescription
        default:
            return "\(error)"
        }
    }
}
