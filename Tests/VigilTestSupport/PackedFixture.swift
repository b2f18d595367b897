import Foundation

/// A small bare repository whose objects are all in one pack (with delta chains), and a map of
/// that pack and its index, so that tests can damage one field of one object and put it back.
public final class PackedFixture: @unchecked Sendable {
    // @unchecked: a fixture belongs to one test, which alone writes its files.

    /// One object as `git verify-pack -v` lists it.
    public struct Entry: Sendable {
        public var id: String
        /// `commit`, `tree`, `blob`, `tag`, or the type a delta resolves to.
        public var type: String
        public var size: Int
        /// Where its entry starts in the pack, and how many bytes it takes there.
        public var offset: Int
        public var sizeInPack: Int
        /// Its position in the index (ids sorted).
        public var position: Int
        /// True for a delta entry (git writes offset deltas).
        public var isDelta: Bool
    }

    public let repository: FixtureRepository
    public let packPath: String
    public let indexPath: String
    public let pristinePack: [UInt8]
    public let pristineIndex: [UInt8]
    /// Every object, by pack offset.
    public let entries: [Entry]
    /// The commits, oldest first.
    public let commits: [String]

    /// `commits` commits editing a few files (one large enough for a multi-byte size), repacked
    /// into one pack with deep delta chains, in a bare repository. With `largeBlobBytes`, the first
    /// commit also adds `large.txt`, that many bytes that compress poorly (hex digits).
    public init(commits count: Int = 12, largeBlobBytes: Int? = nil) throws {
        let work = try FixtureRepository()
        if let largeBlobBytes {
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            let digits = Array("0123456789abcdef".utf8)
            let bytes = (0..<largeBlobBytes).map { index -> UInt8 in
                if index % 64 == 63 { return 0x0A }
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return digits[Int(state >> 60)]
            }
            try work.write("large.txt", bytes: bytes)
        }
        var lines = (0..<120).map { "line \($0) of a file that changes a little in every commit" }
        var commits: [String] = []
        for round in 0..<count {
            lines[(round * 7) % lines.count] = "edited in round \(round)"
            try work.write("big.txt", lines.joined(separator: "\n") + "\n")
            try work.write("dir/small-\(round % 3).txt", "small \(round)\n")
            commits.append(try work.commit("round \(round)"))
        }
        let bare = FixtureRepository(existing: work.root + "/bare.git", root: work.root)
        try work.git("clone", "-q", "--bare", "--no-local", work.path, bare.path)
        try bare.git("repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50")
        // The work tree's own objects stay in the temporary folder; only `bare.git` is read.
        repository = bare
        self.commits = commits
        let folder = bare.path + "/objects/pack/"
        let name = try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".pack") }
        guard let name else { throw FixtureError(message: "repack left no pack") }
        packPath = folder + name
        indexPath = folder + name.dropLast(5) + ".idx"
        pristinePack = Array(try Data(contentsOf: URL(fileURLWithPath: packPath)))
        pristineIndex = Array(try Data(contentsOf: URL(fileURLWithPath: indexPath)))
        entries = try PackedFixture.listEntries(bare, indexPath: indexPath)
        owner = work
    }

    /// Keeps the work tree's fixture (and so the temporary folder) alive as long as this one.
    private let owner: FixtureRepository

    /// Writes damaged (or pristine) bytes in place of the pack and its index.
    public func write(pack: [UInt8]? = nil, index: [UInt8]? = nil) throws {
        // Packs are written read-only by git.
        for path in [packPath, indexPath] { chmod(path, 0o644) }
        try Data(pack ?? pristinePack).write(to: URL(fileURLWithPath: packPath))
        try Data(index ?? pristineIndex).write(to: URL(fileURLWithPath: indexPath))
    }

    // MARK: - Index fields

    public var objectCount: Int { entries.count }

    /// Where the 32-bit offset of the object at index `position` lies in the index.
    public func offsetField(_ position: Int) -> Int {
        8 + 1024 + objectCount * 24 + 4 * position
    }

    /// Where the id of the object at index `position` lies in the index.
    public func idField(_ position: Int) -> Int {
        8 + 1024 + 20 * position
    }

    /// Where fan-out slot `slot` lies in the index.
    public func fanOutField(_ slot: Int) -> Int {
        8 + 4 * slot
    }

    /// The first entry that satisfies `predicate`.
    public func entry(where predicate: (Entry) -> Bool) throws -> Entry {
        guard let found = entries.first(where: predicate) else {
            throw FixtureError(message: "the fixture pack has no such entry")
        }
        return found
    }

    /// Stores a big-endian 32-bit value.
    public static func put(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        bytes[offset] = UInt8(value >> 24)
        bytes[offset + 1] = UInt8(value >> 16 & 0xFF)
        bytes[offset + 2] = UInt8(value >> 8 & 0xFF)
        bytes[offset + 3] = UInt8(value & 0xFF)
    }

    private static func listEntries(_ repository: FixtureRepository, indexPath: String) throws -> [Entry] {
        let listing = try repository.git("verify-pack", "-v", indexPath)
        var entries: [Entry] = []
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 5, fields[0].count == 40, let size = Int(fields[2]), let inPack = Int(fields[3]),
                let offset = Int(fields[4])
            else { continue }
            entries.append(Entry(
                id: String(fields[0]), type: String(fields[1]), size: size, offset: offset, sizeInPack: inPack,
                position: 0, isDelta: fields.count >= 7))
        }
        let sortedIDs = entries.map(\.id).sorted()
        var positions: [String: Int] = [:]
        for (position, id) in sortedIDs.enumerated() { positions[id] = position }
        for index in entries.indices { entries[index].position = positions[entries[index].id] ?? 0 }
        return entries.sorted { $0.offset < $1.offset }
    }
}
