#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// RFC 3339 timestamps without Foundation's formatters (which are slow and locale-sensitive).
public enum Timestamp {
    /// `2026-11-29T19:00:00Z` for offset 0, `2026-11-29T20:00:00+01:00` otherwise.
    public static func rfc3339(seconds: Int64, offsetMinutes: Int = 0) -> String {
        var local = time_t(seconds + Int64(offsetMinutes) * 60)
        var parts = tm()
        guard gmtime_r(&local, &parts) != nil else { return "1970-01-01T00:00:00Z" }
        func pad(_ value: Int32, _ width: Int = 2) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let date = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))"
        let clock = "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))"
        guard offsetMinutes != 0 else { return "\(date)T\(clock)Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return "\(date)T\(clock)\(sign)\(pad(Int32(magnitude / 60))):\(pad(Int32(magnitude % 60)))"
    }

    /// The current time in UTC.
    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return rfc3339(seconds: Int64(spec.tv_sec))
    }

    /// Seconds since an arbitrary fixed point, for measuring elapsed time.
    public static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
