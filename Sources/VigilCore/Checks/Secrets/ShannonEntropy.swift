#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shannon entropy of a would-be secret, in bits per character, computed as gitleaks does: the
/// frequencies of its Unicode scalars over its length in UTF-8 bytes (the same thing for ASCII).
/// Random keys score high (a 40-character base64 secret is near 5); words and placeholders low.
enum ShannonEntropy {
    static func bits(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        let length = Double(bytes.count)
        var entropy = 0.0
        if bytes.allSatisfy({ $0 < 0x80 }) {
            var counts = [Int](repeating: 0, count: 128)
            for byte in bytes { counts[Int(byte)] += 1 }
            for count in counts where count > 0 {
                let frequency = Double(count) / length
                entropy -= frequency * log2(frequency)
            }
            return entropy
        }
        var counts: [Unicode.Scalar: Int] = [:]
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars { counts[scalar, default: 0] += 1 }
        for count in counts.values {
            let frequency = Double(count) / length
            entropy -= frequency * log2(frequency)
        }
        return entropy
    }

    static func bits(_ text: String) -> Double {
        Array(text.utf8).withUnsafeBufferPointer { bits($0) }
    }
}
