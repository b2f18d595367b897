/// The header in front of each object in a pack: its type, its inflated size, and for a delta where
/// its base is. Parsed the same way when a pack is validated and when an object is read, so that
/// what the reader trusts is exactly what validation checked.
struct PackEntryHeader {
    /// 1 commit, 2 tree, 3 blob, 4 tag, 6 offset delta, 7 reference delta.
    var type: Int
    /// The inflated size of the entry's zlib data (for a delta: of the delta, not its result).
    var size: Int
    /// Where the zlib data starts.
    var dataStart: Int
    /// For an offset delta, the offset of its base.
    var baseOffset: Int?
    /// For a reference delta, where the base's 20-byte id lies in the pack.
    var baseIDStart: Int?

    /// The size varint may take at most this many bytes: 4 bits, then 7 per byte, stays below 2⁶⁰.
    private static let maxSizeBytes = 9
    /// An offset delta's distance may take at most this many bytes, which keeps it below 2⁵⁷.
    private static let maxDistanceBytes = 8

    /// The header at `offset`, read no further than `end`; `nil` with a reason when it breaks the
    /// format (an unknown type, a number that never ends, a base outside the pack or not before
    /// the entry).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, end: Int, dataStart start: Int)
        -> Result<PackEntryHeader, PackProblem>
    {
        guard offset >= start, offset < end, end <= bytes.count else {
            return .failure(PackProblem("entry at offset \(offset) lies outside the pack's object data"))
        }
        var position = offset
        var byte = bytes[position]
        position += 1
        let type = Int(byte >> 4) & 7
        var size = Int(byte & 0x0F)
        var shift = 4
        var used = 1
        while byte & 0x80 != 0 {
            guard position < end, used < maxSizeBytes else {
                return .failure(PackProblem("entry at offset \(offset) has a size that never ends"))
            }
            byte = bytes[position]
            position += 1
            used += 1
            size |= Int(byte & 0x7F) << shift
            shift += 7
        }
        switch type {
        case 1...4:
            return .success(PackEntryHeader(type: type, size: size, dataStart: position))
        case 6:
            guard position < end else { return .failure(PackProblem("entry at offset \(offset) is cut short")) }
            byte = bytes[position]
            position += 1
            var distance = Int(byte & 0x7F)
            used = 1
            while byte & 0x80 != 0 {
                guard position < end, used < maxDistanceBytes else {
                    return .failure(PackProblem("delta at offset \(offset) has a base distance that never ends"))
                }
                byte = bytes[position]
                position += 1
                used += 1
                distance = ((distance + 1) << 7) | Int(byte & 0x7F)
            }
            guard distance > 0, distance <= offset - start else {
                return .failure(PackProblem("delta at offset \(offset) names a base outside the pack or after itself"))
            }
            return .success(PackEntryHeader(type: type, size: size, dataStart: position, baseOffset: offset - distance))
        case 7:
            guard position + 20 <= end else { return .failure(PackProblem("entry at offset \(offset) is cut short")) }
            return .success(PackEntryHeader(type: type, size: size, dataStart: position + 20, baseIDStart: position))
        default:
            return .failure(PackProblem("entry at offset \(offset) has unknown type \(type)"))
        }
    }
}

/// What is wrong with a pack or its index, in words.
struct PackProblem: Error, Sendable {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
