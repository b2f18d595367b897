/// Makes attacker-controlled text (commit messages, paths, names) safe to print on a terminal:
/// control characters, DEL, C1 controls, and bidirectional overrides (which can make a line read
/// differently from what it contains) are shown as visible escapes instead of being interpreted.
public enum TerminalText {
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                output += scalar.value <= 0xFF
                    ? "\\x" + hex(scalar.value, width: 2)
                    : "\\u{" + hex(scalar.value, width: 4) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F || value == 0x2028
            || value == 0x2029 || value == 0xFEFF
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Pads or truncates to `width` characters for aligned columns (truncation marked with `…`).
    public static func column(_ text: String, width: Int) -> String {
        let count = text.count
        if count == width { return text }
        if count < width { return text + String(repeating: " ", count: width - count) }
        return String(text.prefix(max(0, width - 1))) + "…"
    }
}
