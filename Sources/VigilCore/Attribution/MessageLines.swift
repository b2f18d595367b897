/// The lines of a commit message that `message` signatures may read: the subject line, and the
/// footer — whole lines at the end of the message where tools put `🤖 Generated with …`.
///
/// Body prose never counts. The footer is the last paragraph, plus the paragraph before it when the
/// last one is the trailer block (tools write footer, blank line, trailers). Indented and quoted
/// (`>`) lines are skipped, and so is any paragraph too long to be a footer. Work is bounded: only
/// the subject line and the last paragraphs are decoded, however large the message.
struct MessageLines {
    /// The first non-blank line, without trailing whitespace; `nil` for an empty message.
    var subject: String?
    /// Footer lines in message order.
    var footer: [String]

    /// Longer lines are not footers (and not worth a regex).
    static let maxLineBytes = 1024
    /// A paragraph with more lines than this is prose or a trailer block, not a footer.
    static let maxParagraphLines = 64

    init(_ message: [UInt8], hasTrailerBlock: Bool) {
        let paragraphs = hasTrailerBlock ? 2 : 1
        (subject, footer) = message.withUnsafeBufferPointer { Self.split($0, footerParagraphs: paragraphs) }
    }

    private static func split(
        _ bytes: UnsafeBufferPointer<UInt8>, footerParagraphs: Int
    ) -> (String?, [String]) {
        // Subject: the first non-blank line. Its paragraph ends at the next blank line.
        var cursor = 0
        var subject: String?
        while cursor < bytes.count {
            let end = lineEnd(bytes, from: cursor)
            if !isBlank(bytes, cursor..<end) {
                subject = text(bytes, cursor..<min(end, cursor + maxLineBytes))
                cursor = end
                break
            }
            cursor = end + 1
        }
        while cursor < bytes.count {
            let lineStart = cursor + 1
            let end = lineEnd(bytes, from: min(lineStart, bytes.count))
            if lineStart >= bytes.count || isBlank(bytes, lineStart..<end) { break }
            cursor = end
        }
        let bodyStart = min(cursor + 1, bytes.count)
        return (subject, footer(bytes, bodyStart: bodyStart, paragraphs: footerParagraphs))
    }

    /// Walks back from the end of the message over the last `paragraphs` paragraphs of the body.
    private static func footer(_ bytes: UnsafeBufferPointer<UInt8>, bodyStart: Int, paragraphs: Int) -> [String] {
        var lines: [Range<Int>] = []
        var paragraph: [Range<Int>] = []
        var paragraphLength = 0
        var closed = 0
        func close() {
            if paragraphLength > 0, paragraphLength <= maxParagraphLines { lines.append(contentsOf: paragraph) }
            if paragraphLength > 0 { closed += 1 }
            paragraph.removeAll(keepingCapacity: true)
            paragraphLength = 0
        }
        var end = bytes.count
        while end > bodyStart, closed < paragraphs {
            var start = end
            while start > bodyStart, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            let line = start..<end
            if isBlank(bytes, line) {
                close()
            } else {
                paragraphLength += 1
                if paragraphLength <= maxParagraphLines, line.count <= maxLineBytes, !isIndentedOrQuoted(bytes, line) {
                    paragraph.append(line)
                }
            }
            end = start - 1
        }
        if closed < paragraphs { close() }
        return lines.reversed().map { text(bytes, $0) }
    }

    // MARK: - Bytes

    private static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.allSatisfy { isSpace(bytes[$0]) }
    }

    private static func isIndentedOrQuoted(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let first = bytes[range.lowerBound]
        return first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || first == UInt8(ascii: ">")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// The line decoded (invalid UTF-8 replaced), without trailing whitespace or CR.
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var upper = range.upperBound
        while upper > range.lowerBound, isSpace(bytes[upper - 1]) { upper -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range.lowerBound..<upper]), as: UTF8.self)
    }
}
