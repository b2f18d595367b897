/// Sizes in the config written as text, such as `"256MiB"`.
enum ByteSize {
    private static let units: [(suffix: String, shift: Int)] = [
        ("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10), ("B", 0),
    ]

    /// Digits, optional spaces, then a binary unit (`B`, `KiB`, `MiB`, `GiB`, `TiB`); `nil` for
    /// anything else, and for a value that does not fit in an `Int`. Decimal units (`MB`) are
    /// refused rather than guessed at.
    static func parse(_ text: String) -> Int? {
        for (suffix, shift) in units where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count).trimmingCharacters(in: " ")
            guard !digits.isEmpty, digits.count <= 19, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                let number = Int(digits)
            else { return nil }
            let (value, overflow) = number.multipliedReportingOverflow(by: 1 << shift)
            return overflow ? nil : value
        }
        return nil
    }

    /// `256MiB`, or bytes when not a whole number of a unit.
    static func describe(_ bytes: Int) -> String {
        for (suffix, shift) in units where shift > 0 && bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift)\(suffix)"
        }
        return "\(bytes)B"
    }
}
