/// The evidence shown for a secret: a short prefix, the length and a hash prefix, never the whole
/// secret. `AKIA…(redacted, 20 chars, sha256:9f2c1ab3)`.
///
/// The prefix helps a reviewer recognise the kind of key and find it in the diff; it is at most
/// four characters and at most a fifth of the secret, so short secrets show less or nothing, and it
/// stops at the first character that is not printable ASCII (no control characters in evidence).
enum SecretRedaction {
    static let maxPrefix = 4

    /// Evidence text for `secret` (its UTF-8 bytes) and the full hash for the finding's `matchHash`.
    static func redact(_ secret: [UInt8]) -> (evidence: String, hash: String) {
        let hash = SHA256Hex.digest(bytes: secret)
        let text = String(decoding: secret, as: UTF8.self)
        let length = text.unicodeScalars.count
        var prefix = ""
        for scalar in text.unicodeScalars.prefix(min(maxPrefix, length / 5)) {
            guard scalar.value >= 0x21, scalar.value < 0x7F else { break }
            prefix.unicodeScalars.append(scalar)
        }
        let evidence = "\(prefix)…(redacted, \(length) chars, sha256:\(hash.prefix(8)))"
        return (evidence, hash)
    }
}
