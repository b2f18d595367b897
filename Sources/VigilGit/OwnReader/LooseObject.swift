import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One loose object file decoded: `zlib("<type> <size>\0<content>")`, checked the way git checks it.
/// Unlike libgit2 1.5, a stream that ends early, runs on past the declared size, or fails zlib's
/// checksum is an error, never a retry loop.
struct LooseObject {
    /// What is wrong with a loose object file, in words.
    struct Problem: Error {
        var reason: String
    }

    var type: git_object_t
    /// The content size the header declares.
    var size: Int

    /// The longest header git writes ("commit " plus a 20-digit size and the NUL) fits in this.
    private static let headerLimit = 64

    /// Reads the header of a loose object file and, when `destination` is given, inflates the
    /// content into the buffer it returns for the declared size (which must hold `size` bytes).
    /// On failure the buffer, if one was made, has been handed to `discard`.
    static func read(
        _ compressed: [UInt8], destination: ((Int) -> UnsafeMutableRawPointer?)? = nil,
        discard: (UnsafeMutableRawPointer) -> Void = { _ in }
    ) -> Result<LooseObject, Problem> {
        var stream = z_stream()
        guard vigil_inflate_init(&stream) == Z_OK else { return .failure(Problem(reason: "zlib could not start")) }
        defer { inflateEnd(&stream) }
        var input = compressed
        return input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            var header = [UInt8](repeating: 0, count: headerLimit)
            let headerRead = header.withUnsafeMutableBufferPointer { fillHeader(&stream, into: $0) }
            guard case .success(let (produced, ended)) = headerRead else {
                if case .failure(let problem) = headerRead { return .failure(problem) }
                return .failure(Problem(reason: "no object header"))
            }
            guard let nul = header[0..<produced].firstIndex(of: 0) else {
                return .failure(Problem(reason: "no object header"))
            }
            let fields = header[..<nul].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard fields.count == 2, let type = objectType(fields[0]), let size = decimal(fields[1]) else {
                return .failure(Problem(reason: "bad object header"))
            }
            let object = LooseObject(type: type, size: size)
            guard let destination else { return .success(object) }

            let early = produced - (nul + 1)
            guard early <= size else { return .failure(Problem(reason: "content longer than the header says")) }
            guard let buffer = destination(size) else { return .failure(Problem(reason: "out of memory")) }
            let content = buffer.assumingMemoryBound(to: UInt8.self)
            header.withUnsafeBufferPointer { bytes in
                if early > 0, let base = bytes.baseAddress { content.update(from: base + nul + 1, count: early) }
            }
            let rest = ended
                ? (early == size ? nil : Problem(reason: "content shorter than the header says"))
                : fillContent(&stream, into: content, from: early, size: size)
            if let problem = rest ?? (stream.avail_in == 0 ? nil : Problem(reason: "data after the zlib stream")) {
                discard(buffer)
                return .failure(problem)
            }
            return .success(object)
        }
    }

    /// Inflates until the header's NUL is out, the header buffer is full, or the stream ends.
    private static func fillHeader(_ stream: inout z_stream, into header: UnsafeMutableBufferPointer<UInt8>)
        -> Result<(produced: Int, ended: Bool), Problem>
    {
        var produced = 0
        while produced < header.count, !header[0..<produced].contains(0) {
            stream.next_out = header.baseAddress.map { $0 + produced }
            stream.avail_out = UInt32(header.count - produced)
            let before = stream.avail_in
            let status = inflate(&stream, Z_NO_FLUSH)
            let made = header.count - produced - Int(stream.avail_out)
            produced += made
            switch status {
            case Z_STREAM_END: return .success((produced, true))
            case Z_OK where made > 0 || stream.avail_in != before: continue
            case Z_OK, Z_BUF_ERROR: return .failure(Problem(reason: "truncated"))
            default: return .failure(problem(stream, status))
            }
        }
        return .success((produced, false))
    }

    /// Inflates the rest of the content, then checks that the stream ends exactly there.
    private static func fillContent(_ stream: inout z_stream, into content: UnsafeMutablePointer<UInt8>,
        from start: Int, size: Int) -> Problem?
    {
        var written = start
        var spare: UInt8 = 0
        while true {
            let filling = written < size
            let room = filling ? min(size - written, Int(UInt32.max)) : 1
            let before = stream.avail_in
            let status = withUnsafeMutablePointer(to: &spare) { spareByte in
                stream.next_out = filling ? content + written : spareByte
                stream.avail_out = UInt32(room)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let made = room - Int(stream.avail_out)
            if !filling, made > 0 { return Problem(reason: "content longer than the header says") }
            written += filling ? made : 0
            switch status {
            case Z_STREAM_END:
                return written == size ? nil : Problem(reason: "content shorter than the header says")
            case Z_OK where made > 0 || stream.avail_in != before: continue
            case Z_OK, Z_BUF_ERROR: return Problem(reason: "truncated")
            default: return problem(stream, status)
            }
        }
    }

    private static func problem(_ stream: z_stream, _ status: Int32) -> Problem {
        Problem(reason: stream.msg.map { String(lossyCString: $0) } ?? "zlib error \(status)")
    }

    private static func objectType(_ name: ArraySlice<UInt8>) -> git_object_t? {
        switch String(decoding: name, as: UTF8.self) {
        case "commit": GIT_OBJECT_COMMIT
        case "tree": GIT_OBJECT_TREE
        case "blob": GIT_OBJECT_BLOB
        case "tag": GIT_OBJECT_TAG
        default: nil
        }
    }

    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }
}
