#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The alert log as the writer holds it open: appends whole lines, notices rotation, and reads
/// back its own last line to resume after a crash.
///
/// Opened `O_APPEND` (every write lands at the end, whoever else has it open), `O_NOFOLLOW` (a
/// symlink planted at the log's path is refused, not written through) and `O_CLOEXEC` (scan
/// children and follow-up commands do not inherit it); created 0640.
final class AlertLogFile {
    let path: String
    private let descriptor: Int32
    private let identity: FileIdentity

    /// The longest line `lastCompleteLine` reads back; the writer's records are far shorter.
    static let longestLineRead = 16 << 20

    init(path: String) throws(AlertLogError) {
        try LogFolder.create(forFile: path)
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard descriptor >= 0 else { throw AlertLogError.system("open", path) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let error = AlertLogError.system("stat", path)
            close(descriptor)
            throw error
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw AlertLogError(operation: "open", path: path, code: 0, reason: "not a regular file")
        }
        self.path = path
        self.descriptor = descriptor
        self.identity = FileIdentity(status)
    }

    deinit {
        close(descriptor)
    }

    /// False once the path names another file or none: logrotate moved it, or someone deleted it.
    var isCurrent: Bool { FileIdentity.of(path: path) == identity }

    // MARK: - Appending

    /// Writes `line` whole and makes it durable. On any failure the file is cut back to its size
    /// before the write, so no partial line stays behind to be read as a record.
    func append(_ line: [UInt8]) throws(AlertLogError) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw AlertLogError.system("stat", path) }
        let sizeBefore = status.st_size
        do throws(AlertLogError) {
            try writeAll(line)
            guard fsync(descriptor) == 0 else { throw AlertLogError.system("fsync", path) }
        } catch {
            _ = ftruncate(descriptor, sizeBefore)
            throw error
        }
    }

    private func writeAll(_ bytes: [UInt8]) throws(AlertLogError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw AlertLogError.system("write", path)
            }
            offset += written
        }
    }

    // MARK: - Reading back

    /// The last line that ends in a line feed, without it; `nil` for an empty file or one whose
    /// last line is longer than `longestLineRead`. Bytes after the last line feed (a line a crash
    /// cut short) are removed first: they were never a record, and the writer rewrites them whole.
    func lastCompleteLine() throws(AlertLogError) -> [UInt8]? {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw AlertLogError.system("stat", path) }
        let size = Int(status.st_size)
        guard size > 0 else { return nil }
        guard let lastFeed = try lastLineFeed(before: size, searching: size) else {
            guard ftruncate(descriptor, 0) == 0 else { throw AlertLogError.system("truncate", path) }
            return nil
        }
        if lastFeed + 1 < size {
            guard ftruncate(descriptor, off_t(lastFeed + 1)) == 0 else { throw AlertLogError.system("truncate", path) }
        }
        let start = (try lastLineFeed(before: lastFeed, searching: Self.longestLineRead + 1)).map { $0 + 1 } ?? 0
        guard lastFeed - start <= Self.longestLineRead else { return nil }
        return try read(from: start, count: lastFeed - start)
    }

    /// The offset of the last line feed before `end`, looking back at most `limit` bytes.
    private func lastLineFeed(before end: Int, searching limit: Int) throws(AlertLogError) -> Int? {
        let floor = max(0, end - limit)
        var chunkEnd = end
        while chunkEnd > floor {
            let chunkStart = max(floor, chunkEnd - 65536)
            let chunk = try read(from: chunkStart, count: chunkEnd - chunkStart)
            if let index = chunk.lastIndex(of: UInt8(ascii: "\n")) { return chunkStart + index }
            chunkEnd = chunkStart
        }
        return nil
    }

    private func read(from offset: Int, count: Int) throws(AlertLogError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw AlertLogError.system("read", path)
            }
            if got == 0 { break }
            filled += got
        }
        return Array(bytes[..<filled])
    }
}
