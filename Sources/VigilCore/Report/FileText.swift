#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One version of a file split into lines, for blame: a hash per line to compare lines quickly, and
/// the count of alphanumeric bytes per line, which is how git scores a moved or copied block.
struct FileText {
    let bytes: [UInt8]
    /// Line `i` is `bytes[starts[i]..<starts[i + 1]]`, its newline included.
    let starts: [Int]
    let hashes: [UInt64]
    /// Alphanumeric ASCII bytes per line (git's `blame_entry_score` counts `isalnum`).
    let alphanumerics: [Int32]

    var lineCount: Int { starts.count - 1 }

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var hashes: [UInt64] = []
        var alphanumerics: [Int32] = []
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var alnum: Int32 = 0
        for (offset, byte) in bytes.enumerated() {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) { alnum += 1 }
            if byte == 0x0A {
                starts.append(offset + 1)
                hashes.append(hash)
                alphanumerics.append(alnum)
                hash = 0xcbf2_9ce4_8422_2325
                alnum = 0
            }
        }
        if let last = starts.last, last < bytes.count {
            starts.append(bytes.count)
            hashes.append(hash)
            alphanumerics.append(alnum)
        }
        self.starts = starts
        self.hashes = hashes
        self.alphanumerics = alphanumerics
    }

    /// Whether line `index` holds the same bytes as line `other` of `text`.
    func sameLine(_ index: Int, as text: FileText, _ other: Int) -> Bool {
        guard hashes[index] == text.hashes[other] else { return false }
        let length = starts[index + 1] - starts[index]
        guard length == text.starts[other + 1] - text.starts[other] else { return false }
        return bytes.withUnsafeBufferPointer { mine in
            text.bytes.withUnsafeBufferPointer { theirs in
                guard let a = mine.baseAddress, let b = theirs.baseAddress else { return length == 0 }
                return memcmp(a + starts[index], b + text.starts[other], length) == 0
            }
        }
    }

    /// git's rule for a binary file: a NUL byte among the first 8000 bytes.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8000).contains(0)
    }
}
