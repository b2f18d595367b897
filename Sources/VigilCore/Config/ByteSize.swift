/// Sizes as the config writes them: `"2GiB"`, `"512MiB"`, `"64KiB"`, `"1048576"` (bytes), `"0"`.
/// Binary units only: a memory limit in decimal gigabytes would surprise whoever sets one.
public enum ByteSize {
    private static let units: [(suffix: String, shift: Int)] = [
        ("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10), ("B", 0),
    ]

    /// The number of bytes, or `nil` for anything that is not digits and one unit, or that would
    /// not fit in an `Int`.
    public static func parse(_ text: String) -> Int? {
        var digits = Substring(text)
        var shift = 0
        if let unit = units.first(where: { text.hasSuffix($0.suffix) }) {
            digits = digits.dropLast(unit.suffix.count)
            shift = unit.shift
        }
        guard !digits.isEmpty, digits.count <= 19, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let count = Int(digits), count <= Int.max >> shift
        else { return nil }
        return count << shift
    }

    /// The largest whole unit that divides `bytes`: `2GiB`, `1536MiB`, `100B`.
    public static func describe(_ bytes: Int) -> String {
        for unit in units where unit.shift > 0 && bytes > 0 && bytes % (1 << unit.shift) == 0 {
            return "\(bytes >> unit.shift)\(unit.suffix)"
        }
        return "\(bytes)B"
    }
}
