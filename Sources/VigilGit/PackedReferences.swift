#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a repository's `packed-refs` file as a stream, keeping only the names asked for, so a
/// file with millions of refs costs the memory of the few that are watched.
///
/// The file is attacker-influenced (every pushed ref name ends up in it) and may be hostile on a
/// host where others can write to the repository: it is opened without blocking (a FIFO is an
/// error, not a hang), read in bounded chunks, refused above `maxBytes`, and every line must be a
/// header, a peeled line or `<40 hex> <name>`, as git itself demands. A file that breaks these
/// rules makes the whole read fail rather than silently losing the refs it holds: a ref missing
/// from a partial read would look deleted.
enum PackedReferences {
    /// A `packed-refs` larger than this is refused (about three million refs).
    static let maxBytes = 256 << 20
    /// A line longer than this is not one git wrote (ref names are far shorter).
    static let maxLineBytes = 8192

    /// The refs in `path` whose names `keep` accepts, by name. An absent file holds no refs.
    static func read(_ path: String, keep: @escaping (String) -> Bool) throws(GitError) -> [String: ObjectID] {
        let file: Int32
        switch RegularFile.descriptor(path) {
        case .success(let opened): file = opened
        case .failure(.missing): return [:]
        case .failure(let failure): throw failed(failure.message(path))
        }
        defer { close(file) }
        var info = stat()
        guard fstat(file, &info) == 0 else { throw failed(RegularFile.Failure.system(errno).message(path)) }
        guard info.st_size <= maxBytes else {
            throw failed("larger than \(maxBytes >> 20) MiB (\(info.st_size) bytes): \(path)")
        }
        var parser = LineParser(keep: keep)
        // Sized to the file (most are small), so a poll does not clear 64 KiB to read 1 KiB.
        var buffer = [UInt8](repeating: 0, count: min(64 * 1024, max(512, Int(info.st_size) + 1)))
        var total = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(file, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failed(RegularFile.Failure.system(errno).message(path))
            }
            if count == 0 { break }
            total += count
            // The file may grow after the fstat above: the bound holds for what is read.
            guard total <= maxBytes else { throw failed("larger than \(maxBytes >> 20) MiB: \(path)") }
            if let problem = parser.feed(buffer[0..<count]) { throw failed("\(problem): \(path)") }
        }
        if let problem = parser.finish() { throw failed("\(problem): \(path)") }
        return parser.references
    }

    private static func failed(_ message: String) -> GitError {
        GitError(kind: .other, message: "packed-refs cannot be read: " + message, operation: "read packed-refs")
    }

    /// Splits bytes into lines and parses each; kept as a value so the tests can feed it directly.
    struct LineParser {
        let keep: (String) -> Bool
        private(set) var references: [String: ObjectID] = [:]
        private var pending: [UInt8] = []
        private var lineNumber = 0

        init(keep: @escaping (String) -> Bool) {
            self.keep = keep
        }

        /// Parses every whole line in `bytes`; the problem with the first bad line, if any.
        mutating func feed(_ bytes: ArraySlice<UInt8>) -> String? {
            var start = bytes.startIndex
            while let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let problem: String?
                if pending.isEmpty {
                    problem = parse(bytes[start..<end])
                } else {
                    pending.append(contentsOf: bytes[start..<end])
                    problem = parse(pending[...])
                    pending.removeAll(keepingCapacity: true)
                }
                if let problem { return problem }
                start = end + 1
            }
            pending.append(contentsOf: bytes[start...])
            return pending.count > PackedReferences.maxLineBytes ? "line \(lineNumber + 1) is too long" : nil
        }

        /// Parses a last line without a line end.
        mutating func finish() -> String? {
            guard !pending.isEmpty else { return nil }
            defer { pending.removeAll() }
            return parse(pending[...])
        }

        private mutating func parse(_ line: ArraySlice<UInt8>) -> String? {
            lineNumber += 1
            guard line.count <= PackedReferences.maxLineBytes else { return "line \(lineNumber) is too long" }
            guard let first = line.first else { return "line \(lineNumber) is empty" }
            // The header (`# pack-refs with: peeled fully-peeled sorted`), and the peeled target of
            // an annotated tag on the line before: neither names a ref.
            if first == UInt8(ascii: "#") { return lineNumber == 1 ? nil : "line \(lineNumber) is a misplaced header" }
            if first == UInt8(ascii: "^") {
                return line.count == 41 && line.dropFirst().allSatisfy(\.isHexDigit)
                    ? nil : "line \(lineNumber) is not a peeled object id"
            }
            let space = line.startIndex + 40
            guard line.count > 41, line[space] == UInt8(ascii: " "), line[..<space].allSatisfy(\.isHexDigit) else {
                return "line \(lineNumber) is not `<object id> <name>`"
            }
            let name = String(decoding: line[(space + 1)...], as: UTF8.self)
            guard keep(name) else { return nil }
            guard let id = ObjectID(hex: String(decoding: line[..<space], as: UTF8.self)) else {
                return "line \(lineNumber) is not `<object id> <name>`"
            }
            references[name] = id
            return nil
        }
    }
}
