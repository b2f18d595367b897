import Crypto

/// Lowercase hex SHA-256 digests, for fingerprints and redacted evidence.
public enum SHA256Hex {
    public static func digest(_ text: String) -> String {
        digest(bytes: Array(text.utf8))
    }

    public static func digest(bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
