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

    /// Maps the regular file at `path`. Anything else (a FIFO, a device, a folder) is refused
    /// without blocking: the file is opened non-blocking and checked before a byte is read.
    init(path: String) throws(PackProblem) {
        let descriptor: Int32
        switch RegularFile.descriptor(path) {
        case .success(let opened): descriptor = opened
        case .failure(let failure): throw PackProblem(failure.message(path))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0 else { throw PackProblem("empty file: \(path)") }
        let count = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec)
        guard let base = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw PackProblem("cannot map \(path)")
        }
        bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }
}

/// One pack and its version 2 index, mapped and checked (`PackValidation`), for looking objects
/// up by id. A pack whose index or header fails a check is not opened at all.
final class PackFile {
    private let index: MappedFile
    let pack: MappedFile
    /// The index file's path, for libgit2's single-pack backend.
    let indexPath: String
    private let layout: PackValidation.Layout
    /// The entries that failed validation; `nil` when all passed and libgit2 may read the pack too.
    let damage: PackValidation.Damage?

    /// Where an id leads in this pack.
    enum Lookup {
        case absent
        case offset(Int)
        /// The index lists the id, but its entry failed validation: why.
        case damaged(String)
    }

    /// Where object data may lie: after the 12-byte header, before the 20-byte trailer.
    var dataRange: Range<Int> { 12..<(pack.bytes.count - 20) }

    /// Opens and checks `pack-….idx` and the `.pack` beside it; throws what is wrong, naming the pack.
    init(indexPath: String) throws(PackProblem) {
        guard indexPath.hasSuffix(".idx") else { throw PackProblem("not a pack index: \(indexPath)") }
        let packPath = String(indexPath.dropLast(4)) + ".pack"
        let index = try MappedFile(path: indexPath)
        let pack = try MappedFile(path: packPath)
        switch PackValidation.check(index: index.bytes, pack: pack.bytes) {
        case .success(let checked):
            layout = checked.layout
            damage = checked.damage
        case .failure(let problem): throw PackProblem("\(packPath): \(problem.reason)")
        }
        self.index = index
        self.pack = pack
        self.indexPath = indexPath
    }

    /// The offset in the pack of the object with this 20-byte id, if the pack holds it readably.
    func offset(of id: UnsafeRawBufferPointer) -> Int? {
        guard case .offset(let offset) = lookup(id) else { return nil }
        return offset
    }

    /// Where the object with this 20-byte id lies, or why it cannot be read.
    func lookup(_ id: UnsafeRawBufferPointer) -> Lookup {
        var found = PackValidation.position(of: id, in: index.bytes, layout)
        if found == nil, damage?.unorderedIDs == true {
            found = PackValidation.linearPosition(of: id, in: index.bytes, layout)
        }
        guard let position = found else { return .absent }
        if let reason = damage?.badPositions[position] { return .damaged(reason) }
        guard let offset = offset(atPosition: position) else {
            return .damaged("index gives an offset outside the pack")
        }
        return .offset(offset)
    }

    /// Validation proved every offset lies in the pack's data (and below 2⁴⁸, which the reader's
    /// cache keys rely on); the checks here only keep a read in bounds.
    private func offset(atPosition position: Int) -> Int? {
        let small = PackValidation.uint32(index.bytes, at: layout.offsetsStart + 4 * position)
        var offset = Int(small)
        if small & 0x8000_0000 != 0 {
            let slot = Int(small & 0x7FFF_FFFF)
            guard slot < layout.largeOffsetCount else { return nil }
            let at = layout.largeOffsetsStart + 8 * slot
            let high = UInt64(PackValidation.uint32(index.bytes, at: at))
            guard high < 1 << 16 else { return nil }
            offset = Int(high << 32 | UInt64(PackValidation.uint32(index.bytes, at: at + 4)))
        }
        return dataRange.contains(offset) ? offset : nil
    }
}
