/// A tag read as a version, to order releases as versions rather than names (`v1.10` after `v1.9`).
///
/// The name is any prefix without digits (`v`, `release-`), dot-separated numbers, then optionally
/// `-` and pre-release identifiers and `+` and build metadata, as in Semantic Versioning: `v2.0.0-rc.1`
/// comes before `v2.0.0`, and build metadata does not order. Missing numbers count as zero (`v1.2`
/// is `v1.2.0`). Any other name (`latest`, `v1.2.3foo`, a number of more than 18 digits) is not a
/// version.
struct VersionTag: Comparable {
    let name: String
    private let numbers: [Int]
    private let prerelease: [Substring]

    init?(_ name: String) {
        self.name = name
        guard let firstDigit = name.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
        var rest = name[firstDigit...]
        if let plus = rest.firstIndex(of: "+") { rest = rest[..<plus] }
        var core = rest
        var prerelease: [Substring] = []
        if let dash = rest.firstIndex(of: "-") {
            core = rest[..<dash]
            let identifiers = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            guard !identifiers.contains(where: \.isEmpty) else { return nil }
            prerelease = identifiers
        }
        var numbers: [Int] = []
        for part in core.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.utf8.count <= 18, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = Int(part)
            else { return nil }
            numbers.append(value)
        }
        self.numbers = numbers
        self.prerelease = prerelease
    }

    static func < (lhs: VersionTag, rhs: VersionTag) -> Bool {
        for index in 0..<max(lhs.numbers.count, rhs.numbers.count) {
            let a = index < lhs.numbers.count ? lhs.numbers[index] : 0
            let b = index < rhs.numbers.count ? rhs.numbers[index] : 0
            if a != b { return a < b }
        }
        if lhs.prerelease.isEmpty != rhs.prerelease.isEmpty { return !lhs.prerelease.isEmpty }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (Int(a), Int(b)) {
            case (let x?, let y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
        if lhs.prerelease.count != rhs.prerelease.count { return lhs.prerelease.count < rhs.prerelease.count }
        return lhs.name < rhs.name
    }

    static func == (lhs: VersionTag, rhs: VersionTag) -> Bool { lhs.name == rhs.name }
}
