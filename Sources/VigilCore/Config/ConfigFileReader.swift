#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a config or rule file as UTF-8 text, turning every way that can fail (missing, a directory,
/// unreadable, too big, not text) into one `ConfigProblem` that names the file.
enum ConfigFileReader {
    /// The key named in problems about the file as a whole.
    static let fileKey = "(file)"

    /// The file's text; reads at most `limit` bytes, so a device or a runaway file cannot exhaust memory.
    static func text(ofFile path: String, limit: Int = TOMLDocument.maximumBytes) throws(ConfigProblem) -> String {
        guard !path.isEmpty else { throw problem(path, "no file name given") }
        var info = stat()
        guard stat(path, &info) == 0 else { throw problem(path, "cannot read: \(errorText())") }
        if info.st_mode & S_IFMT == S_IFDIR { throw problem(path, "is a directory, not a config file") }
        if info.st_mode & S_IFMT == S_IFREG, info.st_size > limit {
            throw problem(path, "is \(info.st_size) bytes, more than the \(limit / 1024 / 1024) MiB allowed")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw problem(path, "cannot open: \(errorText())") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw problem(path, "cannot read: \(errorText())")
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            if bytes.count > limit {
                throw problem(path, "is more than the \(limit / 1024 / 1024) MiB allowed")
            }
        }
        if let line = firstInvalidUTF8Line(bytes) {
            throw ConfigProblem(
                file: path, key: fileKey, line: line, message: "is not UTF-8 text (is this a binary file?)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The line of the first byte that is not well-formed UTF-8, or `nil` when all of it is.
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
            case .emptyInput:
                return nil
            case .error:
                return line
            }
        }
    }

    private static func problem(_ path: String, _ message: String) -> ConfigProblem {
        ConfigProblem(file: path, key: fileKey, line: nil, message: message)
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
