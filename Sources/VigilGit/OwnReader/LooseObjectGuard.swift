import CGit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads loose objects on libgit2's behalf, so that a damaged one is an error and never a hang.
///
/// libgit2 1.5 loops forever when it inflates a truncated loose object (libgit2 issue #7342, fixed
/// upstream after 1.5); one bad file in `objects/` would stop the daemon for good. The guard is an
/// object database backend placed in front of libgit2's own. For an object stored loose in the
/// repository's `objects/` folder it inflates the file itself, with zlib, and returns the object or
/// fails with a zlib-class error naming it. Every other object passes through to libgit2 (packs,
/// alternates). Each alternate object folder has a guard of its own.
final class LooseObjectGuard {
    /// The objects folder with a trailing slash, as C text without the terminator.
    private let objectsDirectory: [CChar]
    /// Which loose objects exist, from one listing of each fan-out folder (`objects/ab`).
    private var looseIndex: LooseObjectIndex

    private init(objectsDirectory: [CChar]) {
        self.objectsDirectory = objectsDirectory
        looseIndex = LooseObjectIndex(objectsDirectory: objectsDirectory)
    }

    /// Adds the guard for the loose objects in `objectsDirectory` (with a trailing slash) to an
    /// object database, ahead of every other backend of its rank (the repository's own folder, or
    /// an alternate). The database owns it from then on and frees it with the repository.
    static func install(on odb: OpaquePointer, objectsDirectory: String, asAlternate: Bool) throws(GitError) {
        let guardian = LooseObjectGuard(objectsDirectory: objectsDirectory.utf8.map { CChar(bitPattern: $0) })
        try OdbBackend.add(guardian, to: odb, priority: 1000, asAlternate: asAlternate, checksPrefixes: true) {
            guardian, request in
            switch request {
            case .object(let id, let data, let length, let type, let backend):
                guardian.readObject(data, length, type, backend, id)
            case .header(let id, let length, let type):
                guardian.readHeader(length, type, id)
            case .prefix(let id, let hexLength):
                guardian.checkPrefix(id, hexLength: hexLength)
            case .exists:
                GIT_PASSTHROUGH.rawValue  // not asked: the guard does not answer existence
            }
        }
    }

    // MARK: - Callbacks

    private func readObject(
        _ data: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ length: UnsafeMutablePointer<Int>,
        _ type: UnsafeMutablePointer<git_object_t>, _ backend: UnsafeMutablePointer<git_odb_backend>, _ oid: git_oid
    ) -> Int32 {
        let compressed: [UInt8]
        switch looseFile(oid) {
        case .absent: return GIT_PASSTHROUGH.rawValue
        case .refused(let reason): return fail(oid, reason)
        case .bytes(let bytes): compressed = bytes
        }
        var buffer: UnsafeMutableRawPointer?
        let result = LooseObject.read(compressed, destination: { size in
            // One byte more for a terminating NUL, as libgit2's own loose reader leaves one.
            buffer = git_odb_backend_data_alloc(backend, size + 1)
            return buffer
        }, discard: { git_odb_backend_data_free(backend, $0) })
        switch result {
        case .failure(let problem):
            return fail(oid, problem.reason)
        case .success(let object):
            guard let buffer else { return fail(oid, "no content buffer") }
            buffer.storeBytes(of: 0, toByteOffset: object.size, as: UInt8.self)
            data.pointee = buffer
            length.pointee = object.size
            type.pointee = object.type
            return 0
        }
    }

    private func readHeader(_ length: UnsafeMutablePointer<Int>, _ type: UnsafeMutablePointer<git_object_t>,
        _ oid: git_oid) -> Int32
    {
        let compressed: [UInt8]
        switch looseFile(oid) {
        case .absent: return GIT_PASSTHROUGH.rawValue
        case .refused(let reason): return fail(oid, reason)
        case .bytes(let bytes): compressed = bytes
        }
        switch LooseObject.read(compressed) {
        case .failure(let problem):
            return fail(oid, problem.reason)
        case .success(let object):
            length.pointee = object.size
            type.pointee = object.type
            return 0
        }
    }

    /// Short ids (`git_revparse` of an abbreviated hex): libgit2 reads every loose candidate itself,
    /// so each is checked first; a damaged one fails the lookup instead of hanging it.
    private func checkPrefix(_ prefix: git_oid, hexLength: Int) -> Int32 {
        let hex = ObjectID(prefix).hex
        guard hexLength >= 2, hexLength <= 40 else { return GIT_PASSTHROUGH.rawValue }
        let wanted = String(hex.prefix(hexLength))
        let candidates = looseIndex.objects(inFolder: prefix.id.0).filter { $0.hex.hasPrefix(wanted) }
        for id in candidates {
            let compressed: [UInt8]
            switch looseFile(id.oid) {
            case .absent: continue
            case .refused(let reason): return fail(id.oid, reason)
            case .bytes(let bytes): compressed = bytes
            }
            var scratch: UnsafeMutableRawPointer?
            defer { scratch?.deallocate() }
            let check = LooseObject.read(compressed, destination: { size in
                scratch = UnsafeMutableRawPointer.allocate(byteCount: max(size, 1), alignment: 1)
                return scratch
            })
            if case .failure(let problem) = check { return fail(id.oid, problem.reason) }
        }
        return GIT_PASSTHROUGH.rawValue
    }

    private func fail(_ oid: git_oid, _ problem: String) -> Int32 {
        let text = "loose object \(ObjectID(oid)) is corrupt: \(problem)"
        git_error_set_str(Int32(GIT_ERROR_ZLIB.rawValue), text)
        return GIT_ERROR.rawValue
    }

    // MARK: - Files

    /// What a loose object's file holds.
    private enum LooseFile {
        /// No such file, or one that cannot be opened, which libgit2 then reports in its own words.
        case absent
        /// Something that must not be read: a FIFO (whose `open` would wait for ever), a device.
        case refused(String)
        case bytes([UInt8])
    }

    /// The bytes of the object's loose file. Only a regular file is read: anything else at that
    /// path is refused, since libgit2's own loose reader would open it and wait for ever.
    private func looseFile(_ oid: git_oid) -> LooseFile {
        // `objects/ab/cdef…`, built without Swift strings: this runs for every object libgit2 reads.
        guard looseIndex.contains(oid) else { return .absent }
        var copy = oid
        var hex = [CChar](repeating: 0, count: 40)
        _ = git_oid_fmt(&hex, &copy)
        var path = objectsDirectory
        path.reserveCapacity(path.count + 42)
        path.append(contentsOf: hex[0..<2])
        path.append(CChar(UInt8(ascii: "/")))
        path.append(contentsOf: hex[2...])
        path.append(0)
        let descriptor: Int32
        switch RegularFile.descriptor(path) {
        case .success(let opened): descriptor = opened
        case .failure(let failure):
            guard case .notRegular = failure else { return .absent }
            let text = String(decoding: path.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .refused(failure.message(text))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size >= 0, info.st_size < Int(UInt32.max) else { return .absent }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return read(descriptor, base + filled, buffer.count - filled)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return .bytes(Array(bytes[0..<filled]))
    }
}
