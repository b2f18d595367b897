import VigilCore

/// Projects the queue onto the alert log (DESIGN.md, "The flow of one commit"): every queued
/// alert becomes one line, `record.json(seq:)`, in seq order, exactly once.
///
/// The queue is the source of truth and the log its outbox. The store's log cursor says how far
/// the log goes; a line is written whole and fsync'd before the cursor moves past it, and a drain
/// that starts after a crash between the two reads the log's last line back, so the line is not
/// written again. Only one writer drains at a time, across processes: the daemon after each
/// recording and on a timer, and `vigil rescan` after recording, share one log.
///
/// When writing fails (disk full, the file unwritable) the drain stops and throws; the alerts
/// stay in the queue and a later drain writes them once writing works again.
public actor AlertLogWriter {
    public let path: String
    private let store: any AlertStore
    /// Kept open between drains; replaced when logrotate moves the file or it is deleted.
    private var file: AlertLogFile?

    /// Alerts read from the queue per round trip while draining.
    static let batchSize = 256

    public init(path: String, store: any AlertStore) {
        self.path = path
        self.store = store
    }

    /// Writes every queued alert the log does not hold yet and returns how many lines it wrote.
    /// Throws `AlertLogError` when the log cannot be written (the unwritten alerts stay queued),
    /// or the store's error.
    @discardableResult
    public func drain() async throws -> Int {
        try await AlertLogLock.holding(logPath: path) {
            try await drainHoldingLock()
        }
    }

    // MARK: - Draining

    private func drainHoldingLock() async throws -> Int {
        let file = try currentFile()
        var cursor = try await reconcile(with: file)
        var written = 0
        while true {
            let batch = try await store.alerts(after: cursor, limit: Self.batchSize)
            guard !batch.isEmpty else { return written }
            for alert in batch {
                // A long backlog must not hold up shutdown; the next drain resumes here.
                try Task.checkCancellation()
                do {
                    try file.append(Self.line(for: alert))
                } catch {
                    // A file whose write failed may be broken for good (its disk gone): open
                    // the path afresh next time.
                    self.file = nil
                    throw error
                }
                written += 1
                try await store.setLogCursor(alert.seq)
                cursor = alert.seq
            }
        }
    }

    /// The file at the path now: the one held open, unless it was moved or deleted since.
    private func currentFile() throws(AlertLogError) -> AlertLogFile {
        if let file, file.isCurrent { return file }
        file = nil
        let opened = try AlertLogFile(path: path)
        file = opened
        return opened
    }

    /// The store's cursor, moved up to the log's last line when that line is the queued alert it
    /// claims to be: a writer that crashed after the fsync and before updating the cursor left it
    /// there. A line the queue does not know (a log kept while the queue was replaced, a line
    /// edited by hand) moves nothing.
    private func reconcile(with file: AlertLogFile) async throws -> Int {
        let cursor = try await store.logCursor()
        guard let line = try file.lastCompleteLine(), let written = LoggedAlert(line: line), written.seq > cursor
        else { return cursor }
        guard let queued = try await store.alerts(after: written.seq - 1, limit: 1).first,
            queued.seq == written.seq, queued.record.id == written.id
        else { return cursor }
        try await store.setLogCursor(written.seq)
        return written.seq
    }

    /// The log line of `alert`. The stored JSON is one line by construction; a raw line break in
    /// it would split the record in two, so any is replaced by a space (JSON whitespace outside
    /// strings, and not valid inside one anyway).
    static func line(for alert: QueuedAlert) -> [UInt8] {
        var bytes = Array(alert.record.json(seq: alert.seq).utf8)
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
            bytes[index] = UInt8(ascii: " ")
        }
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

/// The seq and id a log line carries, read back to resume.
///
/// Read from the record's fixed start, `{"schema":"vigil.alert/1","id":"<32 hex>","seq":<n>,`,
/// which Vigil writes before any other field: a record whose JSON repeats `seq` or `id` further
/// on is read by most JSON readers with the last value, and believing that value would move the
/// cursor past alerts that were never written.
struct LoggedAlert: Equatable {
    var seq: Int
    var id: String

    private static let head = Array("{\"schema\":\"\(Alert.schema)\",\"id\":\"".utf8)
    private static let seqKey = Array("\",\"seq\":".utf8)

    init?(line: [UInt8]) {
        guard line.starts(with: Self.head) else { return nil }
        let idStart = Self.head.count
        let idEnd = idStart + 32
        guard line.count > idEnd + Self.seqKey.count,
            line[idStart..<idEnd].allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
            line[idEnd..<(idEnd + Self.seqKey.count)].elementsEqual(Self.seqKey)
        else { return nil }
        let digits = line[(idEnd + Self.seqKey.count)...].prefix { (0x30...0x39).contains($0) }
        guard (1...18).contains(digits.count), line.dropFirst(digits.endIndex).first == UInt8(ascii: ","),
            let seq = Int(String(decoding: digits, as: UTF8.self))
        else { return nil }
        self.seq = seq
        self.id = String(decoding: line[idStart..<idEnd], as: UTF8.self)
    }
}
