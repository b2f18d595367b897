#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks a pack and its version 2 index before anything reads an object from them.
///
/// The bytes of a pack and its index come from whoever pushed to the repository. libgit2 1.5
/// trusts them: an index offset past the pack's end, or an entry header at a bad offset, sends
/// it, zlib and the delta code to read memory that is not the pack's (SIGSEGV). Vigil's reader and
/// libgit2's pack backend are only ever given packs that pass here, so every offset either of them
/// follows lands on an entry header that parses, inside the pack.
///
/// A pack is refused whole when its index's magic, version, size or fan-out (never falling,
/// ending at the object count) is wrong, or the pack's signature, version, object count (the
/// index's) or closing checksum (the one the index records). Otherwise each entry is checked: its
/// id in strictly rising order and in its fan-out slot; its offset (32-bit, or through the
/// large-offset table) inside the pack's object data and no other object's; at that offset an
/// entry header of a known type whose size number ends before the next entry, whose delta base
/// lies in the pack before it, at an indexed entry (offset delta) or is an id this index lists
/// (reference delta), and whose size zlib could make from the bytes up to the next entry. A pack
/// with damaged entries is read by Vigil's reader alone, which reports those objects as damaged
/// and reads the rest; libgit2 only ever reads a pack in which every entry passed.
///
/// Not checked: the SHA-1 checksums of the pack and the index over their whole contents, nor the
/// CRC of each entry. They guard against accidental damage, not against a hostile pack, which
/// carries checksums that match: crash safety has to come from the structure, checked here. And
/// they read every byte of the pack on every scan: on the benchmark repository (95,043 objects,
/// a 42 MB pack) `sha1sum` takes 0.08 s of the pack (0.01 s of the index), against 0.03 s for
/// every check here, 0.7 s for `attribution` and 4.4-4.7 s for a full rescan (bench/RESULTS.md);
/// the daemon's scans of a few new commits would pay it each time, in proportion to the pack.
/// Damage inside compressed data is caught anyway for every object read (zlib's own checksum,
/// inflated sizes that must match the header, deltas that must fit their base).
enum PackValidation {
    /// Where the tables of a checked index lie.
    struct Layout {
        var count: Int
        var namesStart: Int
        var offsetsStart: Int
        var largeOffsetsStart: Int
        var largeOffsetCount: Int
    }

    /// zlib never makes more than 1032 bytes from one byte of compressed data; a few more cover
    /// the stream's header and end.
    private static let maxInflationRatio = 1032

    /// The entries of a pack that may not be read, when its index and header are sound.
    struct Damage {
        /// Why each of these index positions cannot be read.
        var badPositions: [Int: String] = [:]
        /// The ids are not in order (or disagree with the fan-out): a lookup that misses must
        /// search every id.
        var unorderedIDs = false
        /// Some offset delta names a base where no indexed entry starts.
        var unindexedBases = false

        var isEmpty: Bool { badPositions.isEmpty && !unorderedIDs && !unindexedBases }
    }

    /// The outcome for a pack whose index and header are sound.
    struct Checked {
        var layout: Layout
        /// `nil` when every entry passed: only then may libgit2 read the pack.
        var damage: Damage?
    }

    /// The layout of `index` and any damaged entries when it and `pack` are sound enough to read
    /// by id; what is wrong when they are not (a bad header, fan-out, size, count or checksum).
    static func check(index idx: UnsafeBufferPointer<UInt8>, pack: UnsafeBufferPointer<UInt8>)
        -> Result<Checked, PackProblem>
    {
        guard let idxBase = idx.baseAddress, let packBase = pack.baseAddress else {
            return .failure(PackProblem("empty file"))
        }
        // MARK: Index header and size
        guard idx.count >= 8 + 1024 + 40 else { return .failure(PackProblem("index too short")) }
        guard idx[0] == 0xFF, idx[1] == 0x74, idx[2] == 0x4F, idx[3] == 0x63 else {
            return .failure(PackProblem("index has no version 2 signature (version 1 is not read)"))
        }
        guard uint32(idx, at: 4) == 2 else { return .failure(PackProblem("index version \(uint32(idx, at: 4))")) }
        var previous: UInt32 = 0
        for slot in 0..<256 {
            let count = uint32(idx, at: 8 + 4 * slot)
            guard count >= previous else { return .failure(PackProblem("index fan-out falls at slot \(slot)")) }
            previous = count
        }
        let count = Int(previous)
        let fixed = 8 + 1024 + count * 28 + 40
        guard idx.count >= fixed, (idx.count - fixed) % 8 == 0 else {
            return .failure(PackProblem("index size \(idx.count) does not fit \(count) objects"))
        }
        let layout = Layout(
            count: count, namesStart: 8 + 1024, offsetsStart: 8 + 1024 + count * 24,
            largeOffsetsStart: 8 + 1024 + count * 28, largeOffsetCount: (idx.count - fixed) / 8)

        // MARK: Pack header and trailer
        guard pack.count >= 32, pack[0] == 0x50, pack[1] == 0x41, pack[2] == 0x43, pack[3] == 0x4B else {
            return .failure(PackProblem("pack has no PACK signature"))
        }
        guard [2, 3].contains(uint32(pack, at: 4)) else {
            return .failure(PackProblem("pack version \(uint32(pack, at: 4))"))
        }
        guard Int(uint32(pack, at: 8)) == count else {
            return .failure(PackProblem("pack holds \(uint32(pack, at: 8)) objects, its index \(count)"))
        }
        // The pack's closing checksum is recorded in its index: a pack and an index that do not
        // belong together are refused, as libgit2 refuses them.
        guard memcmp(packBase + pack.count - 20, idxBase + idx.count - 40, 20) == 0 else {
            return .failure(PackProblem("pack checksum differs from the one its index records"))
        }

        // MARK: Ids
        var damage = Damage()
        var fanOutSlot = 0
        for position in 0..<count {
            let name = layout.namesStart + 20 * position
            // The fan-out must send a lookup for this id's first byte to this position, and ids
            // must rise: otherwise a binary search can miss an id the index holds.
            while fanOutSlot < 256, Int(uint32(idx, at: 8 + 4 * fanOutSlot)) <= position { fanOutSlot += 1 }
            // (An id found is always the right one; one of the two out of order is damaged and can
            // no longer be found by its true id, which then reads as missing.)
            if fanOutSlot != Int(idx[name]) || (position > 0 && memcmp(idxBase + name - 20, idxBase + name, 20) >= 0) {
                damage.unorderedIDs = true
            }
        }

        // MARK: Offsets
        let data = 12..<(pack.count - 20)
        var entries: [(offset: Int, position: Int)] = []
        entries.reserveCapacity(count)
        for position in 0..<count {
            let small = uint32(idx, at: layout.offsetsStart + 4 * position)
            var offset = Int(small)
            if small & 0x8000_0000 != 0 {
                let slot = Int(small & 0x7FFF_FFFF)
                guard slot < layout.largeOffsetCount else {
                    damage.badPositions[position] = "index names large offset \(slot), beyond its table"
                    continue
                }
                let at = layout.largeOffsetsStart + 8 * slot
                let high = UInt64(uint32(idx, at: at))
                offset = high < 1 << 16 ? Int(high << 32 | UInt64(uint32(idx, at: at + 4))) : -1
            }
            guard data.contains(offset) else {
                damage.badPositions[position] = "index gives an offset outside the pack"
                continue
            }
            entries.append((offset, position))
        }
        entries.sort { $0.offset < $1.offset }

        // MARK: Entry headers
        for (rank, entry) in entries.enumerated() {
            let offset = entry.offset
            let end = rank + 1 < entries.count ? entries[rank + 1].offset : data.upperBound
            if let problem = checkEntry(
                at: offset, end: end, pack: pack, data: data, entries: entries, idx, layout,
                unindexedBase: &damage.unindexedBases)
            {
                damage.badPositions[entry.position] = problem
                // Two objects at one offset: at most one of them can be what lies there.
                if end == offset { damage.badPositions[entries[rank + 1].position] = problem }
            }
        }
        return .success(Checked(layout: layout, damage: damage.isEmpty ? nil : damage))
    }

    /// What is wrong with the entry at `offset`, whose data must end by `end` (the next entry).
    private static func checkEntry(
        at offset: Int, end: Int, pack: UnsafeBufferPointer<UInt8>, data: Range<Int>,
        entries: [(offset: Int, position: Int)], _ idx: UnsafeBufferPointer<UInt8>, _ layout: Layout,
        unindexedBase: inout Bool
    ) -> String? {
        guard end > offset else { return "two objects at offset \(offset)" }
        let header: PackEntryHeader
        switch PackEntryHeader.parse(pack, at: offset, end: end, dataStart: data.lowerBound) {
        case .success(let parsed): header = parsed
        case .failure(let problem): return problem.reason
        }
        guard header.dataStart < end else { return "entry at offset \(offset) has no data" }
        let (limit, overflow) = (end - header.dataStart).multipliedReportingOverflow(by: maxInflationRatio)
        guard overflow || header.size <= limit + 64 else {
            return "entry at offset \(offset) claims \(header.size) bytes, more than its data can hold"
        }
        if let base = header.baseOffset, !startsEntry(base, entries) {
            // The base's own index entry is damaged, or the distance is. Vigil's reader parses
            // whatever lies there with every bound checked, and fails the read if it is no entry;
            // libgit2 is not given the pack.
            unindexedBase = true
        }
        if let idStart = header.baseIDStart, let packBase = pack.baseAddress,
            position(of: UnsafeRawBufferPointer(start: packBase + idStart, count: 20), in: idx, layout) == nil
        {
            return "delta at offset \(offset) names a base this pack does not hold"
        }
        return nil
    }

    /// The position of a 20-byte id among a checked index's ids.
    static func position(of id: UnsafeRawBufferPointer, in idx: UnsafeBufferPointer<UInt8>, _ layout: Layout) -> Int? {
        guard let base = idx.baseAddress, let wanted = id.baseAddress, id.count == 20 else { return nil }
        let first = Int(id[0])
        var low = first == 0 ? 0 : Int(uint32(idx, at: 8 + 4 * (first - 1)))
        var high = Int(uint32(idx, at: 8 + 4 * first))
        while low < high {
            let middle = (low + high) / 2
            let order = memcmp(base + layout.namesStart + 20 * middle, wanted, 20)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The position of a 20-byte id found by looking at every id, for an index whose ids are not
    /// in order.
    static func linearPosition(of id: UnsafeRawBufferPointer, in idx: UnsafeBufferPointer<UInt8>, _ layout: Layout)
        -> Int?
    {
        guard let base = idx.baseAddress, let wanted = id.baseAddress, id.count == 20 else { return nil }
        for position in 0..<layout.count where memcmp(base + layout.namesStart + 20 * position, wanted, 20) == 0 {
            return position
        }
        return nil
    }

    /// Whether an entry starts at `offset`, in entries sorted by offset.
    private static func startsEntry(_ offset: Int, _ entries: [(offset: Int, position: Int)]) -> Bool {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].offset == offset { return true }
            if entries[middle].offset < offset { low = middle + 1 } else { high = middle }
        }
        return false
    }

    static func uint32(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }
}
