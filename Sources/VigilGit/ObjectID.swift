import CGit2

/// A git object id (SHA-1, 20 bytes), a value that crosses task boundaries freely.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 40 lowercase hexadecimal digits.
    public let hex: String

    init(_ oid: git_oid) {
        var copy = oid
        hex = String(unsafeUninitializedCapacity: 40) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = git_oid_fmt($0.baseAddress, &copy) }
            return 40
        }
    }

    /// Parses a full 40-digit hex id; `nil` for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.utf8.allSatisfy({ $0.isHexDigit }) else { return nil }
        self.hex = hex.lowercased()
    }

    var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstrn(&oid, hex, 40)
        return oid
    }

    public var isZero: Bool { hex.utf8.allSatisfy { $0 == UInt8(ascii: "0") } }
    public var short: String { String(hex.prefix(12)) }
    public var description: String { hex }
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }
}

extension UInt8 {
    var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
