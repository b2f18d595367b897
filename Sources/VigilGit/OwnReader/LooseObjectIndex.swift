import CGit2

/// The loose objects of one objects folder, learnt by listing each fan-out folder (`objects/ab`)
/// once, the first time an object in it is asked for.
///
/// The guard is asked about every object libgit2 reads, and in a pushed repository most of them
/// are packed while their fan-out folder also holds a few loose ones. Opening the would-be file to
/// find out cost one failed `open` per read (41,018 of them against 95 on a 3,000-commit history
/// with 1,500 loose objects); one `readdir` per folder answers the same question from memory.
///
/// The listing is kept for the repository handle's lifetime: an object written loose after its
/// folder was listed is read by libgit2's own loose backend, unguarded, until the repository is
/// opened again (each scan and each poll opens it anew).
struct LooseObjectIndex {
    /// The objects folder with a trailing slash, as C text without the terminator.
    private let objectsDirectory: [CChar]
    /// The objects found in each fan-out folder, once it is listed; `nil` until then.
    private var folders = [[ObjectID]?](repeating: nil, count: 256)
    /// Every object found so far, for the per-read question.
    private var found: Set<OIDKey> = []
    /// How many folders have been listed: each is listed at most once per handle.
    private(set) var listings = 0

    init(objectsDirectory: [CChar]) {
        self.objectsDirectory = objectsDirectory
    }

    /// Whether `objects/ab/cdef…` was there when its folder was listed.
    mutating func contains(_ oid: git_oid) -> Bool {
        guard !objects(inFolder: oid.id.0).isEmpty else { return false }
        return found.contains(OIDKey(oid))
    }

    /// The loose objects (files named by 38 lower-case hex digits, as git writes them) in the folder
    /// for the first byte `byte`: none when the folder is missing or cannot be listed.
    mutating func objects(inFolder byte: UInt8) -> [ObjectID] {
        if let objects = folders[Int(byte)] { return objects }
        let prefix = Self.hexDigits(byte)
        var path = objectsDirectory
        path.append(contentsOf: prefix.map { CChar(bitPattern: $0) })
        path.append(0)
        listings += 1
        let objects = (FolderListing.names(in: path) ?? []).filter(Self.isObjectName).compactMap {
            ObjectID(hex: String(decoding: prefix, as: UTF8.self) + $0)
        }
        folders[Int(byte)] = objects
        for object in objects { found.insert(OIDKey(object.oid)) }
        return objects
    }

    private static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }

    private static func isObjectName(_ name: String) -> Bool {
        name.utf8.count == 38 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
