#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory for as long as this object lives.
final class MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    /// When the file was last written, in seconds.
    let modified: Int

    /// `nil` when the file cannot be opened, is not a regular file, or is empty.
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let count = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec)
        guard let base = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            return nil
        }
        bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}

/// One pack and its version 2 index, mapped, for looking objects up by id. Only what git itself
/// writes is accepted; anything else (index version 1, sizes that do not add up, a pack whose
/// object count differs from its index's) is left to libgit2, by not opening it here.
final class PackFile {
    private let index: MappedFile
    let pack: MappedFile
    private let namesStart: Int
    private let offsetsStart: Int
    private let largeOffsetsStart: Int
    private let largeOffsetCount: Int

    /// Where object data may lie: after the 12-byte header, before the 20-byte trailer.
    var dataRange: Range<Int> { 12..<(pack.bytes.count - 20) }

    init?(indexPath: String) {
        guard indexPath.hasSuffix(".idx"), let index = MappedFile(path: indexPath),
            let pack = MappedFile(path: String(indexPath.dropLast(4)) + ".pack")
        else { return nil }
        let idx = index.bytes
        guard idx.count >= 8 + 1024 + 40, idx[0] == 0xFF, idx[1] == 0x74, idx[2] == 0x4F, idx[3] == 0x63,
            PackFile.uint32(idx, at: 4) == 2
        else { return nil }
        var previous: UInt32 = 0
        for slot in 0..<256 {
            let count = PackFile.uint32(idx, at: 8 + 4 * slot)
            guard count >= previous else { return nil }
            previous = count
        }
        let count = Int(previous)
        let fixed = 8 + 1024 + count * 28 + 40
        guard idx.count >= fixed, (idx.count - fixed) % 8 == 0 else { return nil }
        let packBytes = pack.bytes
        guard packBytes.count >= 32, packBytes[0] == 0x50, packBytes[1] == 0x41, packBytes[2] == 0x43,
            packBytes[3] == 0x4B, [2, 3].contains(PackFile.uint32(packBytes, at: 4)),
            Int(PackFile.uint32(packBytes, at: 8)) == count,
            // The pack's closing checksum is recorded in its index: a pack and an index that do not
            // belong together are refused, as libgit2 refuses them.
            memcmp(packBytes.baseAddress! + packBytes.count - 20, idx.baseAddress! + idx.count - 40, 20) == 0
        else { return nil }
        self.index = index
        self.pack = pack
        namesStart = 8 + 1024
        offsetsStart = namesStart + count * 24  // names, then one CRC per object
        largeOffsetsStart = offsetsStart + count * 4
        largeOffsetCount = (idx.count - fixed) / 8
    }

    /// The offset in the pack of the object with this 20-byte id, if the pack holds it.
    func offset(of id: UnsafeRawBufferPointer) -> Int? {
        let idx = index.bytes
        let first = Int(id[0])
        var low = first == 0 ? 0 : Int(PackFile.uint32(idx, at: 8 + 4 * (first - 1)))
        var high = Int(PackFile.uint32(idx, at: 8 + 4 * first))
        guard let base = idx.baseAddress, let wanted = id.baseAddress else { return nil }
        while low < high {
            let middle = (low + high) / 2
            let order = memcmp(base + namesStart + 20 * middle, wanted, 20)
            if order == 0 { return offset(atPosition: middle) }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    private func offset(atPosition position: Int) -> Int? {
        let small = PackFile.uint32(index.bytes, at: offsetsStart + 4 * position)
        var offset = Int(small)
        if small & 0x8000_0000 != 0 {
            let slot = Int(small & 0x7FFF_FFFF)
            guard slot < largeOffsetCount else { return nil }
            let high = UInt64(PackFile.uint32(index.bytes, at: largeOffsetsStart + 8 * slot))
            let low = UInt64(PackFile.uint32(index.bytes, at: largeOffsetsStart + 8 * slot + 4))
            guard high < 1 << 31 else { return nil }
            offset = Int(high << 32 | low)
        }
        // Offsets stay below 2⁴⁸, which the reader's cache keys rely on (no pack is that large).
        return dataRange.contains(offset) && offset < 1 << 48 ? offset : nil
    }

    static func uint32(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }
}
