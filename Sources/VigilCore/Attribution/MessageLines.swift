/// The lines of a commit message that `message` signatures may read: the subject line, and the
/// footer — whole lines at the end of the message where tools put `🤖 Generated with …`.
///
/// Body prose never counts. The footer is the last paragraph, plus the paragraph before it when the
/// last one is the trailer block (tools write footer, blank line, trailers). Indented and quoted
/// (`>`) lines are skipped, and so is any paragraph too long to be a footer. Work is bounded: only
/// the subject line and the last paragraphs are decoded, however large the message.
///
/// When git finds no trailer block, the last paragraph may still hold trailers git does not parse:
/// a footer and trailers in one paragraph (`💘 Generated with Crush` directly above `Assisted-by:`),
/// or a trailer block indented as a whole (squashed commits' messages). Those are `looseTrailers`.
struct MessageLines {
    /// The first non-blank line, without trailing whitespace; `nil` for an empty message.
    var subject: String?
    /// Footer lines in message order.
    var footer: [String]
    /// `Key: value` lines of the last paragraph that git did not read as trailers, without their
    /// indentation, in message order; empty when the message has a trailer block.
    var looseTrailers: [String]

    /// Longer lines are not footers (and not worth a regex).
    static let maxLineBytes = 1024
    /// A paragraph with more lines than this is prose or a trailer block, not a footer.
    static let maxParagraphLines = 64

    init(_ message: [UInt8], hasTrailerBlock: Bool) {
        let paragraphs = hasTrailerBlock ? 2 : 1
        (subject, footer, looseTrailers) = message.withUnsafeBufferPointer {
            Self.split($0, footerParagraphs: paragraphs, readsLooseTrailers: !hasTrailerBlock)
        }
    }

    private static func split(
        _ bytes: UnsafeBufferPointer<UInt8>, footerParagraphs: Int, readsLooseTrailers: Bool
    ) -> (String?, [String], [String]) {
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
        let loose = readsLooseTrailers ? looseTrailers(bytes, bodyStart: bodyStart) : []
        return (subject, footer(bytes, bodyStart: bodyStart, paragraphs: footerParagraphs), loose)
    }

    /// The trailer-shaped lines of the body's last paragraph, when git would not take it as a
    /// trailer block: unindented ones beside other footer lines, or all of them when every line of
    /// the paragraph is an indented trailer. Quoted lines and paragraphs too long for a footer never
    /// count, so a quoted or explained trailer stays prose.
    private static func looseTrailers(_ bytes: UnsafeBufferPointer<UInt8>, bodyStart: Int) -> [String] {
        var lines: [Range<Int>] = []
        var end = bytes.count
        while end > bodyStart {
            var start = end
            while start > bodyStart, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            let line = start..<end
            if isBlank(bytes, line) {
                if !lines.isEmpty { break }
            } else {
                lines.append(line)
                if lines.count > maxParagraphLines { return [] }
            }
            end = start - 1
        }
        var unindented: [Range<Int>] = []
        var indented: [Range<Int>] = []
        for line in lines.reversed() where line.count <= maxLineBytes {
            let content = trimmingIndent(bytes, line)
            guard isTrailerShaped(bytes, content) else { continue }
            if content.lowerBound == line.lowerBound { unindented.append(line) } else { indented.append(content) }
        }
        // Indented trailers count only as a whole indented block; among other lines they are quotes.
        let trailers = indented.count == lines.count ? indented : unindented
        return trailers.map { text(bytes, $0) }
    }

    /// The line without its leading spaces and tabs.
    private static func trimmingIndent(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        while lower < range.upperBound, bytes[lower] == UInt8(ascii: " ") || bytes[lower] == UInt8(ascii: "\t") {
            lower += 1
        }
        return lower..<range.upperBound
    }

    /// `Key: value` as git's trailers are written: a key of ASCII letters, digits and hyphens
    /// (starting with a letter, at most 64 bytes), a colon, a space, and a value.
    private static func isTrailerShaped(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first, isLetter(bytes[first]) else { return false }
        var index = first
        while index < range.upperBound, index - first <= 64, isLetter(bytes[index]) || isDigit(bytes[index])
            || bytes[index] == UInt8(ascii: "-")
        {
            index += 1
        }
        guard index + 2 < range.upperBound, bytes[index] == UInt8(ascii: ":") else { return false }
        return bytes[index + 1] == UInt8(ascii: " ") && !isSpace(bytes[index + 2])
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

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
