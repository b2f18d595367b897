#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilCore

/// `queue list --since`: an RFC 3339 time (`2026-11-29T19:00:00Z`, `2026-11-29T20:00:00+01:00`) or
/// a duration back from now (`90s`, `30m`, `24h`, `7d`), as the RFC 3339 UTC text the queue's
/// times compare against.
public enum QueueSince {
    /// `nil` when `text` is neither.
    public static func parse(_ text: String, nowSeconds: Int64) -> String? {
        if let seconds = durationSeconds(text) {
            return Timestamp.rfc3339(seconds: nowSeconds - min(seconds, nowSeconds))
        }
        return rfc3339Seconds(text).map { Timestamp.rfc3339(seconds: $0) }
    }

    private static func durationSeconds(_ text: String) -> Int64? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = text.last, let scale = units[unit] else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let count = Int64(digits)
        else { return nil }
        return count * scale
    }

    /// Seconds since the epoch; a fraction rounds up, so "at or after" keeps its meaning.
    private static func rfc3339Seconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int32? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ (0x30...0x39).contains(bytes[$0]) }) else {
                return nil
            }
            return range.reduce(0) { $0 * 10 + Int32(bytes[$1] - 0x30) }
        }
        guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x74,
            bytes[13] == 0x3A, bytes[16] == 0x3A,
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = false
        if bytes[index] == 0x2E {
            index += 1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                if bytes[index] != 0x30 { fraction = true }
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset: Int64 = 0
        switch bytes[index] {
        case 0x5A, 0x7A:
            guard index + 1 == bytes.count else { return nil }
        case 0x2B, 0x2D:
            guard index + 6 == bytes.count, bytes[index + 3] == 0x3A,
                let hours = number((index + 1)..<(index + 3)), let minutes = number((index + 4)..<(index + 6)),
                hours < 24, minutes < 60
            else { return nil }
            offset = Int64(hours) * 3600 + Int64(minutes) * 60
            if bytes[index] == 0x2D { offset = -offset }
        default:
            return nil
        }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = Int64(timegm(&parts))
        // timegm moves 2026-02-31 to March; a date that does not exist is not a time.
        guard Timestamp.rfc3339(seconds: seconds).utf8.prefix(10).elementsEqual(bytes.prefix(10)) else { return nil }
        return seconds - offset + (fraction ? 1 : 0)
    }
}
