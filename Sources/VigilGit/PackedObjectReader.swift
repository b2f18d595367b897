import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads packed objects on libgit2's behalf, with a delta base cache of its own per repository
/// handle.
///
/// libgit2 1.5 keeps one pack object, and one 16 MiB delta base cache that it empties whole when
/// full, per pack file per process, shared by every repository handle. Vigil's scan workers each
/// open their own handle and read different stretches of history, so they emptied each other's
/// cache and resolved long delta chains again: a second worker added half again the CPU time.
/// This backend sits in front of libgit2's pack reader and keeps a larger cache for each handle.
///
/// It reads what git writes (pack index version 2, SHA-1) and nothing more. Anything it cannot
/// read, an unknown pack, a bounds or zlib failure, an object it does not find, passes through
/// to libgit2's own backends, which read it or report the damage exactly as before. Packs are
/// listed when the repository is opened; objects in packs written later come from libgit2.
final class PackedObjectReader {
    /// Objects larger than this are left to libgit2 (and a delta that claims more is refused).
    static let maxObjectBytes = 1 << 30
    /// The deepest delta chain followed: git never writes a deeper one. A chain past it is damage
    /// (or a loop of reference deltas), and fails the read outright: handed to libgit2 1.5, a loop
    /// would be followed forever.
    static let maxChainLength = 4095
    /// The most bytes one read may build along its delta chain. Each copy instruction of a delta
    /// can repeat 64 KiB of its base, so a few kilobytes of hostile deltas could otherwise build
    /// gigabytes on the way to a small object. Past it the read fails outright, for the same reason.
    static let maxBytesBuiltPerRead = 1 << 30

    private let packs: [PackFile]
    private var lastPack = 0
    /// Why the last read cannot succeed anywhere, when the reader knows (see `maxChainLength`).
    private(set) var damage: String?
    private var cache = DeltaBaseCache(limitBytes: 96 << 20)
    private var stream = z_stream()
    private var streamReady = false

    private init(packs: [PackFile]) {
        self.packs = packs
    }

    deinit {
        if streamReady { inflateEnd(&stream) }
    }

    /// Adds the reader to a repository's object database, behind the loose-object guard and in
    /// front of libgit2's backends. Does nothing when the repository has no pack it can read.
    static func install(on repository: OpaquePointer, objectsDirectory: String) throws(GitError) {
        guard let reader = PackedObjectReader(objectsDirectory: objectsDirectory) else { return }
        try OdbBackend.add(reader, to: repository, priority: 999) { reader, request in
            reader.answer(request)
        }
    }

    /// A reader for the packs in `objectsDirectory` (with a trailing slash); `nil` when there is
    /// no pack it can read.
    convenience init?(objectsDirectory: String) {
        // Newest first, and the pack that answered last is asked first: libgit2's order, so that
        // an id found in two packs reads the same here as through libgit2.
        let packs = PackedObjectReader.listIndexes(in: objectsDirectory + "pack/").compactMap {
            PackFile(indexPath: $0)
        }.sorted { $0.pack.modified > $1.pack.modified }
        guard !packs.isEmpty else { return nil }
        self.init(packs: packs)
    }

    /// An object's type and content; `nil` when no pack here holds it or it cannot be read.
    func read(_ id: ObjectID) -> CachedObject? {
        var oid = id.oid
        guard let (packIndex, offset) = withUnsafeBytes(of: &oid.id, { locate($0) }) else { return nil }
        damage = nil
        return object(packIndex, offset)
    }

    /// An object's type and size, as `read` would give them.
    func readHeader(_ id: ObjectID) -> (type: git_object_t, size: Int)? {
        var oid = id.oid
        guard let (packIndex, offset) = withUnsafeBytes(of: &oid.id, { locate($0) }) else { return nil }
        damage = nil
        return header(packIndex, offset)
    }

    private static func listIndexes(in folder: String) -> [String] {
        let names = FolderListing.names(in: Array(folder.utf8CString)) ?? []
        return names.filter { $0.hasPrefix("pack-") && $0.hasSuffix(".idx") }.sorted().map { folder + $0 }
    }

    // MARK: - Answering libgit2

    private func answer(_ request: OdbBackend.Request) -> Int32 {
        if case .prefix = request { return GIT_PASSTHROUGH.rawValue }
        var id = request.id
        let found = withUnsafeBytes(of: &id.id) { locate($0) }
        guard let (packIndex, offset) = found else { return GIT_PASSTHROUGH.rawValue }
        damage = nil
        let code = answer(request, packIndex, offset)
        guard code == GIT_PASSTHROUGH.rawValue, let damage else { return code }
        git_error_set_str(Int32(GIT_ERROR_ODB.rawValue), "packed object \(ObjectID(id)) is corrupt: \(damage)")
        return GIT_ERROR.rawValue
    }

    private func answer(_ request: OdbBackend.Request, _ packIndex: Int, _ offset: Int) -> Int32 {
        switch request {
        case .header(_, let length, let type):
            guard let header = header(packIndex, offset) else { return GIT_PASSTHROUGH.rawValue }
            length.pointee = header.size
            type.pointee = header.type
            return 0
        case .object(_, let data, let length, let type, let backend):
            guard let object = object(packIndex, offset),
                let buffer = git_odb_backend_data_alloc(backend, object.bytes.count + 1)
            else { return GIT_PASSTHROUGH.rawValue }
            object.bytes.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) }
            }
            // A terminating NUL, as libgit2's own readers leave one.
            buffer.storeBytes(of: 0, toByteOffset: object.bytes.count, as: UInt8.self)
            data.pointee = buffer
            length.pointee = object.bytes.count
            type.pointee = object.type
            return 0
        case .prefix:
            return GIT_PASSTHROUGH.rawValue
        }
    }

    private func locate(_ id: UnsafeRawBufferPointer) -> (Int, Int)? {
        if let offset = packs[lastPack].offset(of: id) { return (lastPack, offset) }
        for (index, pack) in packs.enumerated() where index != lastPack {
            if let offset = pack.offset(of: id) {
                lastPack = index
                return (index, offset)
            }
        }
        return nil
    }

    // MARK: - Objects

    /// One object entry's header in a pack.
    private struct Entry {
        var type: Int
        var size: Int
        /// Where the zlib data starts.
        var dataStart: Int
        /// For a delta, the offset of its base.
        var baseOffset: Int?
    }

    private func entry(_ packIndex: Int, at offset: Int) -> Entry? {
        let pack = packs[packIndex]
        let bytes = pack.pack.bytes
        let end = pack.dataRange.upperBound
        var position = offset
        guard position < end else { return nil }
        var byte = bytes[position]
        position += 1
        let type = Int(byte >> 4) & 7
        var size = Int(byte & 0x0F)
        var shift = 4
        while byte & 0x80 != 0 {
            guard position < end, shift < 56 else { return nil }
            byte = bytes[position]
            position += 1
            size |= Int(byte & 0x7F) << shift
            shift += 7
        }
        switch type {
        case 1...4:
            return Entry(type: type, size: size, dataStart: position)
        case 6:  // offset delta: the base lies this many bytes before the entry
            guard position < end else { return nil }
            byte = bytes[position]
            position += 1
            var distance = Int(byte & 0x7F)
            while byte & 0x80 != 0 {
                guard position < end, distance < 1 << 48 else { return nil }
                byte = bytes[position]
                position += 1
                distance = ((distance + 1) << 7) | Int(byte & 0x7F)
            }
            guard distance > 0, distance <= offset - pack.dataRange.lowerBound else { return nil }
            return Entry(type: type, size: size, dataStart: position, baseOffset: offset - distance)
        case 7:  // reference delta: the base is named by id, in the same pack
            guard position + 20 <= end, let base = bytes.baseAddress else { return nil }
            let baseID = UnsafeRawBufferPointer(start: base + position, count: 20)
            guard let baseOffset = pack.offset(of: baseID) else { return nil }
            return Entry(type: type, size: size, dataStart: position + 20, baseOffset: baseOffset)
        default:
            return nil
        }
    }

    /// An object's type and size, reading as little as possible: a delta's size is in the first
    /// bytes of its data, and its type is its base's.
    private func header(_ packIndex: Int, _ offset: Int) -> (type: git_object_t, size: Int)? {
        if let cached = cache[packIndex, offset] { return (cached.type, cached.bytes.count) }
        guard let first = entry(packIndex, at: offset) else { return nil }
        var size = first.size
        if first.baseOffset != nil {
            guard let start = inflate(packIndex, at: first.dataStart, size: first.size, prefix: 20),
                let sizes = start.withUnsafeBufferPointer({ PackDelta.sizes($0) })
            else { return nil }
            size = sizes.result
        }
        var current = first
        var links = 0
        while let baseOffset = current.baseOffset {
            links += 1
            guard links <= Self.maxChainLength else { return chainTooLong() }
            if let cached = cache[packIndex, baseOffset] { return (cached.type, size) }
            guard let base = entry(packIndex, at: baseOffset) else { return nil }
            current = base
        }
        return (git_object_t(rawValue: Int32(current.type)), size)
    }

    /// An object's content, resolving its delta chain from the nearest cached base.
    private func object(_ packIndex: Int, _ offset: Int) -> CachedObject? {
        var chain: [Entry] = []
        var chainOffsets: [Int] = []
        var current = offset
        var object: CachedObject
        while true {
            if let cached = cache[packIndex, current] {
                object = cached
                break
            }
            guard chain.count <= Self.maxChainLength else { return chainTooLong() }
            guard let entry = entry(packIndex, at: current) else { return nil }
            if let baseOffset = entry.baseOffset {
                chain.append(entry)
                chainOffsets.append(current)
                current = baseOffset
                continue
            }
            guard let bytes = inflate(packIndex, at: entry.dataStart, size: entry.size) else { return nil }
            object = CachedObject(type: git_object_t(rawValue: Int32(entry.type)), bytes: bytes)
            cache.insert(object, packIndex, current)
            break
        }
        var built = object.bytes.count
        for (link, linkOffset) in zip(chain, chainOffsets).reversed() {
            // A delta announces its result's size in its first bytes: check the budget before building.
            built += link.size
            guard built <= Self.maxBytesBuiltPerRead else { return overBudget() }
            guard let delta = inflate(packIndex, at: link.dataStart, size: link.size),
                let sizes = delta.withUnsafeBufferPointer({ PackDelta.sizes($0) })
            else { return nil }
            built += sizes.result
            guard built <= Self.maxBytesBuiltPerRead else { return overBudget() }
            guard
                let result = delta.withUnsafeBufferPointer({ delta in
                    object.bytes.withUnsafeBufferPointer { PackDelta.apply(delta, to: $0) }
                })
            else { return nil }
            object = CachedObject(type: object.type, bytes: result)
            cache.insert(object, packIndex, linkOffset)
        }
        return object
    }

    private func chainTooLong<T>() -> T? {
        damage = "delta chain longer than \(Self.maxChainLength) links, or circular"
        return nil
    }

    private func overBudget<T>() -> T? {
        damage = "delta chain builds more than \(Self.maxBytesBuiltPerRead >> 20) MiB"
        return nil
    }

    // MARK: - zlib

    /// Inflates the zlib stream at `start`, which must hold exactly `size` bytes; with `prefix`,
    /// only its first bytes (up to that many) are wanted.
    private func inflate(_ packIndex: Int, at start: Int, size: Int, prefix: Int? = nil) -> [UInt8]? {
        guard size <= Self.maxObjectBytes else { return nil }
        let pack = packs[packIndex]
        let end = pack.dataRange.upperBound
        guard start < end, let base = pack.pack.bytes.baseAddress else { return nil }
        // zlib cannot expand data more than about 1032 times: a larger claim is a damaged header,
        // and must not become a huge allocation.
        guard size <= (end - start) * 1100 + 64 else { return nil }
        if streamReady {
            guard inflateReset(&stream) == Z_OK else { return nil }
        } else {
            guard vigil_inflate_init(&stream) == Z_OK else { return nil }
            streamReady = true
        }
        let wanted = min(size, prefix ?? size)
        var ok = false
        let output = [UInt8](unsafeUninitializedCapacity: wanted + 1) { buffer, initialised in
            stream.next_in = UnsafeMutablePointer(mutating: base + start)
            stream.avail_in = UInt32(min(end - start, Int(UInt32.max)))
            stream.next_out = buffer.baseAddress
            stream.avail_out = UInt32(wanted + 1)
            let status = zlibInflate(&stream, prefix == nil ? Z_FINISH : Z_SYNC_FLUSH)
            let produced = Int(stream.total_out)
            if prefix == nil {
                ok = status == Z_STREAM_END && produced == size
            } else {
                ok = (status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR) && produced >= min(size, 2)
            }
            initialised = ok ? min(produced, wanted) : 0
        }
        return ok ? output : nil
    }
}

/// zlib's `inflate`, named apart from the reader's own method.
private func zlibInflate(_ stream: inout z_stream, _ flush: Int32) -> Int32 {
    inflate(&stream, flush)
}

/// An object as the reader returns and caches it.
struct CachedObject {
    var type: git_object_t
    var bytes: [UInt8]
}

/// Recently resolved objects by pack and offset, first in first out within a byte budget. A
/// history walk reads each delta chain in order, so the object just made is the next one's base.
struct DeltaBaseCache {
    private var entries: [Int: CachedObject] = [:]
    private var order: [Int] = []
    private var head = 0
    private var bytes = 0
    let limitBytes: Int

    init(limitBytes: Int) {
        self.limitBytes = limitBytes
    }

    subscript(pack: Int, offset: Int) -> CachedObject? {
        entries[DeltaBaseCache.key(pack, offset)]
    }

    mutating func insert(_ object: CachedObject, _ pack: Int, _ offset: Int) {
        // One object may not take more than an eighth of the budget, or it would flush the rest.
        guard object.bytes.count <= limitBytes / 8 else { return }
        let key = DeltaBaseCache.key(pack, offset)
        guard entries.updateValue(object, forKey: key) == nil else { return }
        order.append(key)
        bytes += object.bytes.count
        while bytes > limitBytes, head < order.count {
            if let evicted = entries.removeValue(forKey: order[head]) { bytes -= evicted.bytes.count }
            head += 1
        }
        if head > 4096, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    /// Offsets stay below 2⁴⁸ (checked when entries are parsed); the pack's number goes above.
    private static func key(_ pack: Int, _ offset: Int) -> Int { pack << 48 | offset }
}
