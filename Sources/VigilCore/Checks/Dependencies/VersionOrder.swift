import Foundation

/// Orders two version texts by the versions they name, in order: `^4.17.20` < `^4.17.21`,
/// `v1.10.0` > `v1.9.3`, `from 2.0.0` < `from 2.1.0`, and for ranges the later bound decides when
/// the first is equal (`1.0.0..<2.0.0` < `1.0.0..<3.0.0`). Text with no number (a branch, a git
/// URL) gives `nil`, reported as a plain change rather than guessed.
enum VersionOrder {
    static func compare(_ old: String?, _ new: String?) -> ComparisonResult? {
        guard let old = old.map(versions), let new = new.map(versions), !old.isEmpty, !new.isEmpty else {
            return nil
        }
        for (left, right) in zip(old, new) {
            let order = compare(left, right)
            if order != .orderedSame { return order }
        }
        return old.count == new.count ? .orderedSame : nil
    }

    private static func compare(_ old: [Int], _ new: [Int]) -> ComparisonResult {
        for index in 0..<max(old.count, new.count) {
            let left = index < old.count ? old[index] : 0
            let right = index < new.count ? new[index] : 0
            if left < right { return .orderedAscending }
            if left > right { return .orderedDescending }
        }
        return .orderedSame
    }

    /// Each dotted run of numbers in `text` (`>=2.31,<3` → [[2, 31], [3]]), at most eight.
    static func versions(_ text: String) -> [[Int]] {
        var versions: [[Int]] = []
        var numbers: [Int] = []
        var current = ""
        var afterDot = false
        func endNumber() {
            if !current.isEmpty { numbers.append(Int(current) ?? Int.max) }
            current = ""
        }
        func endVersion() {
            endNumber()
            if !numbers.isEmpty { versions.append(numbers) }
            numbers = []
        }
        for character in text.utf8 {
            if character >= UInt8(ascii: "0"), character <= UInt8(ascii: "9") {
                if current.count < 18 { current.append(Character(Unicode.Scalar(character))) }
                afterDot = false
            } else if character == UInt8(ascii: "."), !current.isEmpty, !afterDot {
                endNumber()
                afterDot = true
            } else {
                endVersion()
                afterDot = false
                // A pre-release or build suffix (`-rc.1`, `+meta`) belongs to the version before it.
                if character == UInt8(ascii: "-") || character == UInt8(ascii: "+") { break }
            }
            if versions.count >= 8 { break }
        }
        endVersion()
        return versions
    }
}
