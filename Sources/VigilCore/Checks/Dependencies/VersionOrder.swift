import Foundation

/// Orders two version texts by the versions they name, in order: `^4.17.20` < `^4.17.21`,
/// `v1.10.0` > `v1.9.3`, `from 2.0.0` < `from 2.1.0`, and for ranges the later bound decides when
/// the first is equal (`1.0.0..<2.0.0` < `1.0.0..<3.0.0`). Text with no number (a branch, a git
/// URL) gives `nil`, reported as a plain change rather than guessed.
enum VersionOrder {
    static func compare(_ oldText: String?, _ newText: String?) -> ComparisonResult? {
        guard let oldText, let newText else { return nil }
        let old = versions(oldText)
        let new = versions(newText)
        guard !old.isEmpty, !new.isEmpty else { return nil }
        for (left, right) in zip(old, new) {
            let order = compare(left, right)
            if order != .orderedSame { return order }
        }
        guard old.count == new.count else { return nil }
        // Equal numbers: a pre-release comes before its release (`1.7.0-pre.3` < `1.7.0`), as
        // semver orders them. Two pre-releases of one version are not ordered here.
        switch (isPreRelease(oldText), isPreRelease(newText)) {
        case (true, false): return .orderedAscending
        case (false, true): return .orderedDescending
        default: return .orderedSame
        }
    }

    /// A `-` right after a version's last digit and before a letter or digit: `1.7.0-rc.1`, `2-beta`.
    private static func isPreRelease(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.indices.dropFirst().dropLast().contains { index in
            bytes[index] == UInt8(ascii: "-") && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index - 1])
                && (bytes[index + 1] >= UInt8(ascii: "0") && bytes[index + 1] <= UInt8(ascii: "9")
                    || (bytes[index + 1] | 0x20) >= UInt8(ascii: "a") && (bytes[index + 1] | 0x20) <= UInt8(ascii: "z"))
        }
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
