#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a commit's bytes (message, names, trailers) become Swift strings. git stores bytes and an
/// optional `encoding` header; `git log` re-encodes by that header, so Vigil decodes the same way and
/// matches markers against the text a person sees. UTF-8 is the default; ISO-8859-1 (Latin-1) is the
/// legacy encoding git documents and maps each byte to one scalar, so it needs no conversion table.
/// Any other declared encoding is read as UTF-8, with invalid bytes replaced by U+FFFD.
enum TextEncoding: Sendable, Equatable {
    case utf8
    case latin1

    /// The encoding a commit's `encoding` header declares; UTF-8 when there is none.
    init(header: String?) {
        guard let header else {
            self = .utf8
            return
        }
        let name = String(header.lowercased().filter { $0.isLetter || $0.isNumber })
        self = TextEncoding.latin1Names.contains(name) ? .latin1 : .utf8
    }

    private static let latin1Names: Set<String> = ["iso88591", "latin1", "l1", "isolatin1", "cp819", "ibm819"]

    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .latin1:
            var text = String.UnicodeScalarView()
            for byte in bytes { text.append(Unicode.Scalar(byte)) }
            return String(text)
        }
    }

    /// Decodes a NUL-terminated C string; `""` for `nil`.
    func decode(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        let length = strlen(pointer)
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            decode(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}

extension String {
    /// Decodes C text that may not be UTF-8 (git stores bytes), replacing what does not decode.
    init(lossyCString pointer: UnsafePointer<CChar>?) {
        self = TextEncoding.utf8.decode(pointer)
    }
}
