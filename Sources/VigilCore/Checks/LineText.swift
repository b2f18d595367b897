import VigilGit

/// Small, allocation-light operations on diff line text shared by the line-scanning checks.
enum LineText {
    /// The longest evidence kept from a line, in characters.
    static let evidenceLength = 200

    /// The first `bytes` bytes of `text`, cut back to a whole UTF-8 character.
    static func prefix(_ text: String, bytes limit: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > limit else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        // Step back over continuation bytes so no character is split.
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    /// True when `text` contains `needle` (ASCII, compared exactly), without building substrings.
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        let pin = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var text = text
        return text.withUTF8 { hay in
            guard let first = pin.first, hay.count >= pin.count else { return pin.isEmpty }
            var start = 0
            while start <= hay.count - pin.count {
                if hay[start] == first {
                    var offset = 1
                    while offset < pin.count, hay[start + offset] == pin[offset] { offset += 1 }
                    if offset == pin.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    /// A line as evidence: leading and trailing blanks removed, cut to `evidenceLength` characters.
    static func evidence(_ text: String) -> String {
        // Look at a bounded head only: a line may be megabytes of minified code.
        let head = prefix(text, bytes: 8 * evidenceLength)
        let trimmed = head.trimmingASCIIWhitespace()
        guard head.utf8.count < text.utf8.count || trimmed.count > evidenceLength else { return trimmed }
        return String(trimmed.prefix(evidenceLength)) + "…"
    }

    /// The text of line `number` among `lines` (numbers ascending, as diffs give them), if present.
    static func text(ofLine number: Int, in lines: [DiffLine]) -> String? {
        var low = 0
        var high = lines.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if lines[middle].number == number { return lines[middle].text }
            if lines[middle].number < number { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}
