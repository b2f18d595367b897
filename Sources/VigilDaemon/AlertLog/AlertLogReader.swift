#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the alert log line by line for `vigil tail`, and keeps reading as it grows: through
/// logrotate moving it away (the rest of the old file is read, then the new file from its start),
/// deletion, and truncation (read again from the start).
///
/// Only whole lines are returned; bytes after the last line feed wait for the rest of their line.
/// A line longer than `longestLine` is dropped and counted, so a damaged log cannot make the
/// reader hold gigabytes.
public final class AlertLogReader {
    public let path: String
    private var descriptor: Int32 = -1
    private var identity: FileIdentity?
    /// Bytes read so far from the open file: a smaller file size means it was truncated.
    private var offset = 0
    private var pending: [UInt8] = []
    /// True while skipping the rest of a line that grew past `longestLine`.
    private var skippingLongLine = false
    /// The last bytes read, up to `offset`: if the file no longer holds them there, it was
    /// truncated and written again (a size check alone misses a rewrite as long as the old file).
    private var recent: [UInt8] = []
    static let recentLength = 4096

    /// No alert record comes near this; a longer "line" is damage, not a record.
    public static let longestLine = 1 << 20

    /// What one read found.
    public struct Batch {
        /// Whole lines, without their line feeds.
        public var lines: [[UInt8]] = []
        /// Lines dropped for being longer than `longestLine`.
        public var overlongLines = 0
        /// The log was replaced (moved away or deleted and created again) or truncated, and
        /// reading started again at the start of the file now at the path.
        public var reopened = false
    }

    public init(path: String) {
        self.path = path
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Opens the log; false when there is none yet. Throws when it exists but cannot be read.
    public func open() throws(AlertLogError) -> Bool {
        let opened = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard opened >= 0 else {
            if errno == ENOENT { return false }
            throw AlertLogError.system("open", path)
        }
        var status = stat()
        guard fstat(opened, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(opened)
            throw AlertLogError(operation: "open", path: path, code: 0, reason: "not a regular file")
        }
        if descriptor >= 0 { close(descriptor) }
        descriptor = opened
        identity = FileIdentity(status)
        restart()
        return true
    }

    private func restart() {
        offset = 0
        pending = []
        recent = []
        skippingLongLine = false
    }

    public var isOpen: Bool { descriptor >= 0 }

    /// The whole lines written since the last call. When `following`, also notices rotation and
    /// truncation, and opens the log if it was missing; otherwise it reads to the end once.
    public func read(following: Bool) throws(AlertLogError) -> Batch {
        var batch = Batch()
        if descriptor < 0 {
            guard following, try open() else { return batch }
        }
        if following, try wasRewritten() {
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw AlertLogError.system("seek", path) }
            restart()
            batch.reopened = true
        }
        try readToEnd(into: &batch)
        guard following else { return batch }
        if let current = FileIdentity.of(path: path), current != identity, try open() {
            // Moved away or replaced: the old file was read to its end above.
            batch.reopened = true
            try readToEnd(into: &batch)
        }
        return batch
    }

    /// True when the open file was truncated, or truncated and written again, since the last read.
    private func wasRewritten() throws(AlertLogError) -> Bool {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw AlertLogError.system("stat", path) }
        if Int(status.st_size) < offset { return true }
        guard !recent.isEmpty else { return false }
        var found = [UInt8](repeating: 0, count: recent.count)
        let got = found.withUnsafeMutableBytes {
            pread(descriptor, $0.baseAddress, $0.count, off_t(offset - recent.count))
        }
        return got != recent.count || found != recent
    }

    private func readToEnd(into batch: inout Batch) throws(AlertLogError) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw AlertLogError.system("read", path)
            }
            if got == 0 { return }
            offset += got
            split(buffer[..<got], into: &batch)
            recent.append(contentsOf: buffer[max(0, got - Self.recentLength)..<got])
            if recent.count > Self.recentLength { recent.removeFirst(recent.count - Self.recentLength) }
        }
    }

    private func split(_ bytes: ArraySlice<UInt8>, into batch: inout Batch) {
        var start = bytes.startIndex
        while let feed = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if skippingLongLine {
                skippingLongLine = false
            } else if pending.count + (feed - start) > Self.longestLine {
                batch.overlongLines += 1
            } else {
                batch.lines.append(pending + bytes[start..<feed])
            }
            pending = []
            start = feed + 1
        }
        guard !skippingLongLine else { return }
        pending.append(contentsOf: bytes[start...])
        if pending.count > Self.longestLine {
            pending = []
            skippingLongLine = true
            batch.overlongLines += 1
        }
    }
}
