/// One step from a TOML table to a value inside it: a key, or an index into an array.
enum TOMLPathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// Where a value sits in a TOML document, from the root table: `repos`, `0`, `checks`, `secrets`.
typealias TOMLPath = [TOMLPathComponent]

// MARK: - Dotted form for messages

extension TOMLPathComponent {
    /// A key as it reads in a message: bare when TOML would accept it bare, quoted otherwise, so that
    /// `checks."a.b"` and `checks.a.b` stay distinguishable.
    static func display(key: String) -> String {
        if !key.isEmpty, key.utf8.allSatisfy(isBareKeyByte) { return key }
        var quoted = "\""
        for scalar in key.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                quoted += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// `A-Z a-z 0-9 _ -`: the bytes of a bare TOML key.
    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}

extension Array where Element == TOMLPathComponent {
    /// `repos[2].checks.mass-deletion`
    var dotted: String {
        var text = ""
        for component in self {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += TOMLPathComponent.display(key: key)
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }
}
