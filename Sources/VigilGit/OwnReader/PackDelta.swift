/// git's delta format: the base's size, the result's size, then instructions that copy a range of
/// the base or insert literal bytes. Every read is bounds-checked: pack contents are untrusted.
enum PackDelta {
    /// The base and result sizes at the start of a delta, and where its instructions begin.
    static func sizes(_ delta: UnsafeBufferPointer<UInt8>) -> (base: Int, result: Int, instructions: Int)? {
        var position = 0
        guard let base = varint(delta, &position), let result = varint(delta, &position) else { return nil }
        return (base, result, position)
    }

    /// The object `delta` makes from `base`; `nil` when the delta does not fit the base or breaks
    /// the format.
    static func apply(_ delta: UnsafeBufferPointer<UInt8>, to base: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let (baseSize, resultSize, start) = sizes(delta), baseSize == base.count,
            resultSize <= PackedObjectReader.maxObjectBytes
        else { return nil }
        var failed = false
        let result = [UInt8](unsafeUninitializedCapacity: resultSize) { output, initialised in
            var position = start
            var written = 0
            while position < delta.count {
                let instruction = delta[position]
                position += 1
                if instruction & 0x80 != 0 {
                    var offset = 0
                    var size = 0
                    for bit in 0..<4 where instruction & (1 << bit) != 0 {
                        guard position < delta.count else { failed = true; break }
                        offset |= Int(delta[position]) << (8 * bit)
                        position += 1
                    }
                    for bit in 0..<3 where instruction & (0x10 << bit) != 0 {
                        guard position < delta.count else { failed = true; break }
                        size |= Int(delta[position]) << (8 * bit)
                        position += 1
                    }
                    if size == 0 { size = 0x10000 }
                    guard !failed, offset <= base.count - size, size <= resultSize - written, let from = base.baseAddress
                    else { failed = true; break }
                    (output.baseAddress! + written).initialize(from: from + offset, count: size)
                    written += size
                } else if instruction != 0 {
                    let size = Int(instruction)
                    guard size <= delta.count - position, size <= resultSize - written, let from = delta.baseAddress
                    else { failed = true; break }
                    (output.baseAddress! + written).initialize(from: from + position, count: size)
                    written += size
                    position += size
                } else {
                    failed = true  // instruction 0 is reserved
                    break
                }
            }
            if written != resultSize { failed = true }
            initialised = failed ? 0 : written
        }
        return failed ? nil : result
    }

    /// A little-endian base-128 number, as delta headers write sizes.
    private static func varint(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Int? {
        var value = 0
        var shift = 0
        while position < bytes.count, shift < 63 {
            let byte = bytes[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
}
