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
/// This backend sits in front of libgit2's pack reader and keeps a larger cache for each handle,
/// within its share of the process's `PackCacheBudget`.
///
/// It reads what git writes (pack index version 2, SHA-1), and only packs that passed
/// `PackValidation`. An object in one of its packs that it cannot read (a zlib stream that does
/// not inflate to its header's size, a delta that does not fit its base, a chain too long) is an
/// error naming the object and the damage: libgit2 would read the same bytes with fewer checks.
/// Only objects it does not hold, and objects over `maxObjectBytes`, pass through to libgit2's own
/// single-pack backends over the same validated packs. Packs are listed when the repository is
/// opened; packs written later are read by a `LatePackReader`.
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
    private var cache = DeltaBaseCache()
    private var stream = z_stream()
    private var streamReady = false

    /// A reader for `packs`, which have passed `PackValidation`; `nil` when there are none.
    init?(packs: [PackFile]) {
        guard !packs.isEmpty else { return nil }
        // Newest first, and the pack that answered last is asked first: libgit2's order, so that
        // an id found in two packs reads the same here as through libgit2.
        self.packs = packs.sorted { $0.pack.modified > $1.pack.modified }
        PackCacheBudget.readerOpened()
    }

    deinit {
        PackCacheBudget.readerClosed()
        if streamReady { inflateEnd(&stream) }
    }

    /// Bytes this reader's cache holds now.
    var cachedBytes: Int { cache.bytes }

    /// A reader for the packs in `objectsDirectory` (with a trailing slash) that pass validation;
    /// `nil` when none does.
    convenience init?(objectsDirectory: String) {
        let packs = PackedObjectReader.listIndexes(in: objectsDirectory + "pack/").compactMap {
            try? PackFile(indexPath: $0)
        }
        self.init(packs: packs)
    }

    /// Answers libgit2's requests for objects (an `OdbBackend` handler).
    func answerLibgit2(_ request: OdbBackend.Request) -> Int32 {
        answer(request)
    }

    /// An object's type and content; `nil` when no pack here holds it or it cannot be read.
    func read(_ id: ObjectID) -> CachedObject? {
        guard let (packIndex, offset) = locate(id.oid) else { return nil }
        return object(packIndex, offset)
    }

    /// An object's type and size, as `read` would give them.
    func readHeader(_ id: ObjectID) -> (type: git_object_t, size: Int)? {
        guard let (packIndex, offset) = locate(id.oid) else { return nil }
        return header(packIndex, offset)
    }

    /// The `pack-*.idx` files in `folder`, by name.
    static func listIndexes(in folder: String) -> [String] {
        let names = FolderListing.names(in: Array(folder.utf8CString)) ?? []
        return names.filter { $0.hasPrefix("pack-") && $0.hasSuffix(".idx") }.sorted().map { folder + $0 }
    }

    // MARK: - Answering libgit2

    private func answer(_ request: OdbBackend.Request) -> Int32 {
        if case .prefix = request { return GIT_PASSTHROUGH.rawValue }
        let id = request.id
        let code: Int32
        if case .exists = request {
            // Listed counts, even when damaged: the object is there, if unreadable.
            code = locate(id) == nil && damage == nil ? 0 : 1
            damage = nil
            return code
        }
        if let (packIndex, offset) = locate(id) {
            code = answer(request, packIndex, offset)
        } else {
            code = GIT_PASSTHROUGH.rawValue
        }
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
        case .prefix, .exists:
            return GIT_PASSTHROUGH.rawValue
        }
    }

    /// The pack and offset of the object with this id. Clears `damage`, and sets it when a pack
    /// lists the id but its entry failed validation (and no other pack holds it readably).
    private func locate(_ oid: git_oid) -> (Int, Int)? {
        damage = nil
        var copy = oid
        return withUnsafeBytes(of: &copy.id) { id in
            var damaged: String?
            // The pack that answered last first, then the others in order.
            for step in 0..<packs.count {
                let index = step == 0 ? lastPack : (step <= lastPack ? step - 1 : step)
                switch packs[index].lookup(id) {
                case .offset(let offset):
                    lastPack = index
                    return (index, offset)
                case .damaged(let reason):
                    damaged = damaged ?? reason
                case .absent:
                    continue
                }
            }
            damage = damaged
            return nil
        }
    }

    // MARK: - Objects

    /// Header sizes up to this are returned as the header states them; a reader of the content
    /// finds out (and fails) if they are wrong. A larger size is confirmed before it is believed,
    /// since a caller may act on the size alone (skip the object as too large, report a huge file).
    static let trustedHeaderBytes = 1 << 20

    private func entry(_ packIndex: Int, at offset: Int) -> PackEntryHeader? {
        let pack = packs[packIndex]
        let bytes = pack.pack.bytes
        var entry: PackEntryHeader
        switch PackEntryHeader.parse(bytes, at: offset, end: pack.dataRange.upperBound, dataStart: 12) {
        case .success(let parsed): entry = parsed
        case .failure(let problem): return damaged(problem.reason)
        }
        if let idStart = entry.baseIDStart {
            guard let base = bytes.baseAddress,
                let baseOffset = pack.offset(of: UnsafeRawBufferPointer(start: base + idStart, count: 20))
            else { return damaged("delta at offset \(offset) names a base this pack does not hold") }
            entry.baseOffset = baseOffset
        }
        return entry
    }

    /// An object's type and size, reading as little as possible: a delta's size is in the first
    /// bytes of its data, and its type is its base's. A size over `trustedHeaderBytes` is confirmed:
    /// a whole object's by inflating it (without keeping it), a delta's result by building it.
    private func header(_ packIndex: Int, _ offset: Int) -> (type: git_object_t, size: Int)? {
        if let cached = cache[packIndex, offset] { return (cached.type, cached.bytes.count) }
        guard let first = entry(packIndex, at: offset) else { return nil }
        var size = first.size
        if first.baseOffset != nil {
            guard let start = inflate(packIndex, first, at: offset, prefix: 20) else { return nil }
            guard let sizes = start.withUnsafeBufferPointer({ PackDelta.sizes($0) }) else {
                return damaged("delta at offset \(offset) has no sizes")
            }
            size = sizes.result
            if size > Self.trustedHeaderBytes, size <= Self.maxObjectBytes {
                guard let object = object(packIndex, offset) else { return nil }
                return (object.type, object.bytes.count)
            }
        } else if size > Self.trustedHeaderBytes {
            guard confirmSize(packIndex, first, at: offset) else { return nil }
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
        var chain: [PackEntryHeader] = []
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
            guard let bytes = inflate(packIndex, entry, at: current) else { return nil }
            object = CachedObject(type: git_object_t(rawValue: Int32(entry.type)), bytes: bytes)
            cache.insert(object, packIndex, current, limitBytes: PackCacheBudget.shareBytes)
            break
        }
        var built = object.bytes.count
        for (link, linkOffset) in zip(chain, chainOffsets).reversed() {
            // A delta announces its result's size in its first bytes: check the budget before building.
            built += link.size
            guard built <= Self.maxBytesBuiltPerRead else { return overBudget() }
            guard let delta = inflate(packIndex, link, at: linkOffset) else { return nil }
            guard let sizes = delta.withUnsafeBufferPointer({ PackDelta.sizes($0) }) else {
                return damaged("delta at offset \(linkOffset) has no sizes")
            }
            built += sizes.result
            guard built <= Self.maxBytesBuiltPerRead else { return overBudget() }
            guard
                let result = delta.withUnsafeBufferPointer({ delta in
                    object.bytes.withUnsafeBufferPointer { PackDelta.apply(delta, to: $0) }
                })
            else { return damaged("delta at offset \(linkOffset) does not fit its base") }
            object = CachedObject(type: object.type, bytes: result)
            cache.insert(object, packIndex, linkOffset, limitBytes: PackCacheBudget.shareBytes)
        }
        return object
    }

    private func chainTooLong<T>() -> T? {
        damaged("delta chain longer than \(Self.maxChainLength) links, or circular")
    }

    private func overBudget<T>() -> T? {
        damaged("delta chain builds more than \(Self.maxBytesBuiltPerRead >> 20) MiB")
    }

    /// Records why the object being read cannot be read anywhere, and gives no answer.
    private func damaged<T>(_ reason: String) -> T? {
        damage = reason
        return nil
    }

    // MARK: - zlib

    /// Inflates the zlib data of `entry` (at `offset`), which must make exactly the entry's size
    /// in bytes; with `prefix`, only its first bytes (up to that many) are wanted. `nil` with
    /// `damage` set when the data is damaged; `nil` alone for an entry over `maxObjectBytes`,
    /// which is left to libgit2.
    private func inflate(_ packIndex: Int, _ entry: PackEntryHeader, at offset: Int, prefix: Int? = nil)
        -> [UInt8]?
    {
        let size = entry.size
        guard prefix != nil || size <= Self.maxObjectBytes else { return nil }
        let pack = packs[packIndex]
        let start = entry.dataStart
        let end = pack.dataRange.upperBound
        guard start < end, let base = pack.pack.bytes.baseAddress else {
            return damaged("entry at offset \(offset) has no data")
        }
        // zlib cannot expand data more than about 1032 times: a larger claim is a damaged header,
        // and must not become a huge allocation. (Validation checked this against the entry's own
        // extent; this keeps the reader safe on its own.)
        guard size <= (end - start) * 1100 + 64 else {
            return damaged("entry at offset \(offset) claims more bytes than the pack could hold")
        }
        guard startStream() else { return damaged("zlib could not start") }
        let wanted = min(size, prefix ?? size)
        var status: Int32 = Z_OK
        var produced = 0
        let output = [UInt8](unsafeUninitializedCapacity: wanted + 1) { buffer, initialised in
            stream.next_in = UnsafeMutablePointer(mutating: base + start)
            stream.avail_in = UInt32(min(end - start, Int(UInt32.max)))
            stream.next_out = buffer.baseAddress
            stream.avail_out = UInt32(wanted + 1)
            status = zlibInflate(&stream, prefix == nil ? Z_FINISH : Z_SYNC_FLUSH)
            produced = Int(stream.total_out)
            initialised = min(produced, wanted)
        }
        if prefix == nil {
            guard status == Z_STREAM_END, produced == size else { return inflateFailed(offset, status, produced, size) }
        } else {
            let fine = status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR
            guard fine, produced >= min(size, 2) else { return inflateFailed(offset, status, produced, size) }
        }
        return output
    }

    /// Whether the zlib data of `entry` inflates to exactly its size, read through a small buffer
    /// so that a large claim costs no memory; `damage` says why not.
    private func confirmSize(_ packIndex: Int, _ entry: PackEntryHeader, at offset: Int) -> Bool {
        let pack = packs[packIndex]
        let end = pack.dataRange.upperBound
        guard entry.dataStart < end, let base = pack.pack.bytes.baseAddress else {
            return damaged("entry at offset \(offset) has no data") ?? false
        }
        guard startStream() else { return damaged("zlib could not start") ?? false }
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        stream.next_in = UnsafeMutablePointer(mutating: base + entry.dataStart)
        stream.avail_in = UInt32(min(end - entry.dataStart, Int(UInt32.max)))
        var status = Z_OK
        while status == Z_OK, Int(stream.total_out) <= entry.size {
            status = scratch.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                return zlibInflate(&stream, Z_NO_FLUSH)
            }
        }
        let produced = Int(stream.total_out)
        guard status == Z_STREAM_END, produced == entry.size else {
            return inflateFailed(offset, status, produced, entry.size) ?? false
        }
        return true
    }

    private func startStream() -> Bool {
        if streamReady { return inflateReset(&stream) == Z_OK }
        guard vigil_inflate_init(&stream) == Z_OK else { return false }
        streamReady = true
        return true
    }

    private func inflateFailed<T>(_ offset: Int, _ status: Int32, _ produced: Int, _ size: Int) -> T? {
        if status == Z_STREAM_END || status == Z_OK || status == Z_BUF_ERROR {
            let made = status == Z_STREAM_END ? "\(produced)" : "more or fewer than \(size)"
            return damaged("entry at offset \(offset) inflates to \(made) bytes, its header says \(size)")
        }
        let message = stream.msg.map { String(lossyCString: $0) } ?? "zlib error \(status)"
        return damaged("entry at offset \(offset) does not inflate: \(message)")
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
/// The budget is given on each insert: it is the reader's current share of `PackCacheBudget`.
struct DeltaBaseCache {
    private var entries: [Int: CachedObject] = [:]
    private var order: [Int] = []
    private var head = 0
    private(set) var bytes = 0

    subscript(pack: Int, offset: Int) -> CachedObject? {
        entries[DeltaBaseCache.key(pack, offset)]
    }

    mutating func insert(_ object: CachedObject, _ pack: Int, _ offset: Int, limitBytes: Int) {
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
