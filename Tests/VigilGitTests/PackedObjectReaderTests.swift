import CGit2
import Foundation
import Testing
import VigilTestSupport

@testable import VigilGit

/// Vigil reads packed objects itself (for its own delta base cache). It must return exactly what
/// git stores, and on a damaged pack return nothing rather than crash; the scan then reports the
/// object as unreadable (see also PackValidationTests).
@Suite("Reading packs")
struct PackedObjectReaderTests {
    @Test func everyObjectOfADeltifiedPackMatchesGit() throws {
        let fixture = try packedFixture()
        let verify = try fixture.git("verify-pack", "-v", try packIndex(fixture))
        #expect(verify.contains("chain length = 2"), "the fixture should hold delta chains")
        let reader = try #require(PackedObjectReader(objectsDirectory: fixture.path + "/.git/objects/"))
        let objects = try allObjects(fixture)
        #expect(objects.count > 100)
        for object in objects {
            let id = try oid(object.id)
            let read = try #require(reader.read(id), "object \(object.id)")
            #expect(read.bytes == object.content, "object \(object.id)")
            #expect(typeName(read.type) == object.type)
            let header = try #require(reader.readHeader(id))
            #expect(header.size == object.content.count && typeName(header.type) == object.type)
        }
        #expect(reader.read(absentID) == nil)
    }

    @Test func scanOfAPackedRepositoryEqualsTheScanOfItsLooseCopy() throws {
        let packed = try packedFixture()
        let loose = try FixtureRepository(bare: true)
        // Below the unpack limit, fetched objects are stored loose, one file each.
        try loose.git("-c", "fetch.unpackLimit=100000", "fetch", "-q", packed.path, "main:main")
        #expect(try FileManager.default.contentsOfDirectory(atPath: loose.path + "/objects/pack").isEmpty)
        let fromPack = try Repository(path: packed.path)
        let fromLoose = try Repository(path: loose.path)
        let walk = try fromPack.walk(from: [fromPack.resolveCommit("main")])
        #expect(walk.commits.count == 60)
        for id in walk.commits {
            #expect(try fromPack.diff(fromPack.commit(id)) == fromLoose.diff(fromLoose.commit(id)))
        }
    }

    @Test func damagedPackBytesNeverCrashTheReaderOrTheScan() throws {
        let original = try packedFixture()
        let objects = try allObjects(original).map { try oid($0.id) }
        let packPath = try packFile(original)
        let pristine = try Data(contentsOf: URL(fileURLWithPath: packPath))
        var random = SplitMix(seed: 42)
        for round in 0..<24 {
            var damaged = [UInt8](pristine)
            // Bytes of object data only: the 12-byte header and 20-byte trailer are checked on open.
            for _ in 0..<(1 + random.next(4)) {
                let at = 12 + random.next(damaged.count - 32)
                damaged[at] = UInt8(truncatingIfNeeded: random.next(256))
            }
            try Data(damaged).write(to: URL(fileURLWithPath: packPath))
            let reader = try #require(PackedObjectReader(objectsDirectory: original.path + "/.git/objects/"))
            for id in objects {
                _ = reader.read(id)
                _ = reader.readHeader(id)
            }
            // The same damage through a whole scan: errors are fine, a crash or a hang is not.
            let repository = try Repository(path: original.path)
            if let head = try? repository.resolveCommit("main") {
                let walk = try repository.walk(from: [head])
                for id in walk.commits {
                    if let commit = try? repository.commit(id) { _ = try? repository.diff(commit) }
                }
            }
            _ = round
        }
        try pristine.write(to: URL(fileURLWithPath: packPath))
    }

    @Test func truncatedPackIsNotReadAndTheScanReportsIt() throws {
        let fixture = try packedFixture()
        let packPath = try packFile(fixture)
        let whole = try Data(contentsOf: URL(fileURLWithPath: packPath))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: packPath))
        // Its closing checksum is gone, so it no longer matches its index.
        #expect(PackedObjectReader(objectsDirectory: fixture.path + "/.git/objects/") == nil)
        #expect(throws: GitError.self) {
            let repository = try Repository(path: fixture.path)
            let walk = try repository.walk(from: [repository.resolveCommit("main")])
            for id in walk.commits { _ = try repository.diff(repository.commit(id)) }
            if let error = walk.error { throw error }
        }
    }

    @Test func indexThatIsNotVersionTwoIsNotRead() throws {
        let fixture = try packedFixture()
        let index = try packIndex(fixture)
        for garbage in [[UInt8](repeating: 0, count: 2000), Array("not an index".utf8), []] {
            try Data(garbage).write(to: URL(fileURLWithPath: index))
            #expect(PackedObjectReader(objectsDirectory: fixture.path + "/.git/objects/") == nil)
        }
    }

    @Test func hostileDeltasAreRefused() {
        let base: [UInt8] = Array("0123456789".utf8)
        // base size 10, result size 4: copy 4 bytes from offset 2.
        #expect(apply([10, 4, 0x91, 2, 4], to: base) == Array("2345".utf8))
        // base size 10, result size 3: insert "abc".
        #expect(apply([10, 3, 3, 97, 98, 99], to: base) == Array("abc".utf8))
        #expect(apply([9, 4, 0x91, 2, 4], to: base) == nil, "wrong base size")
        #expect(apply([10, 4, 0x91, 8, 4], to: base) == nil, "copy past the base's end")
        #expect(apply([10, 5, 0x91, 2, 4], to: base) == nil, "result shorter than announced")
        #expect(apply([10, 3, 0x91, 2, 4], to: base) == nil, "result longer than announced")
        #expect(apply([10, 3, 5, 97, 98], to: base) == nil, "insert past the delta's end")
        #expect(apply([10, 3, 0], to: base) == nil, "reserved instruction")
        #expect(apply([10, 4, 0x91, 2], to: base) == nil, "copy instruction cut short")
        #expect(apply([0x80, 0x80, 0x80], to: base) == nil, "size never ends")
        #expect(apply([10, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], to: base) == nil, "absurd result size")
    }
}

// MARK: - Helpers

/// A repository of 60 commits that edit a handful of files, repacked into one pack with deep chains.
private func packedFixture() throws -> FixtureRepository {
    let fixture = try FixtureRepository()
    var lines = (0..<200).map { "line \($0) of a file that changes a little in every commit" }
    for round in 0..<60 {
        lines[(round * 7) % lines.count] = "edited in round \(round)"
        try fixture.write("big.txt", lines.joined(separator: "\n") + "\n")
        try fixture.write("dir/small-\(round % 5).txt", "small \(round)\n")
        try fixture.write("bin.dat", bytes: [0, 1, 2, UInt8(round), 0] + Array(repeating: 7, count: 300))
        try fixture.commit("round \(round)")
    }
    try fixture.git("repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50")
    return fixture
}

private func packIndex(_ fixture: FixtureRepository) throws -> String {
    try packFile(fixture).replacingOccurrences(of: ".pack", with: ".idx")
}

private func packFile(_ fixture: FixtureRepository) throws -> String {
    let folder = fixture.path + "/.git/objects/pack/"
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".pack") })
    return folder + name
}

private struct GitObject {
    var id: String
    var type: String
    var content: [UInt8]
}

/// Every object in the repository with its content, from one `git cat-file --batch` run.
private func allObjects(_ fixture: FixtureRepository) throws -> [GitObject] {
    let result = try ProcessResult.run(
        "/usr/bin/git", ["-C", fixture.path, "cat-file", "--batch-all-objects", "--batch"], in: fixture.path,
        environment: ["PATH": "/usr/bin:/bin", "HOME": fixture.root, "GIT_CONFIG_NOSYSTEM": "1"], input: nil)
    let bytes = [UInt8](result.stdoutData)
    var objects: [GitObject] = []
    var position = 0
    while position < bytes.count {
        guard let newline = bytes[position...].firstIndex(of: 0x0A) else { break }
        let header = String(decoding: bytes[position..<newline], as: UTF8.self).split(separator: " ")
        let size = Int(header[2])!
        let start = newline + 1
        objects.append(
            GitObject(id: String(header[0]), type: String(header[1]), content: Array(bytes[start..<start + size])))
        position = start + size + 1
    }
    return objects
}

private func typeName(_ type: git_object_t) -> String {
    switch type {
    case GIT_OBJECT_COMMIT: "commit"
    case GIT_OBJECT_TREE: "tree"
    case GIT_OBJECT_BLOB: "blob"
    case GIT_OBJECT_TAG: "tag"
    default: "other"
    }
}

private func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
    delta.withUnsafeBufferPointer { delta in base.withUnsafeBufferPointer { PackDelta.apply(delta, to: $0) } }
}

private struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

// MARK: - Hand-made object databases

/// Packs and objects as only a hand-made object database holds them: ids that do not hash to
/// their content, deltas that name each other, deltas that build gigabytes.
@Suite("Reading hand-made packs")
struct HandMadePackTests {
    @Test func referenceDeltasThatNameEachOtherFailPromptlyThroughTheScanToo() throws {
        let fixture = try FixtureRepository(bare: true)
        let a = [UInt8](repeating: 0x11, count: 20)
        let b = [UInt8](repeating: 0x22, count: 20)
        let delta: [UInt8] = [3, 3, 3, 0x61, 0x62, 0x63]  // base 3 bytes, result "abc"
        try writePack(in: fixture.path + "/objects/pack", entries: [
            (id: a, bytes: entryHeader(type: 7, size: delta.count) + b + deflate(delta)),
            (id: b, bytes: entryHeader(type: 7, size: delta.count) + a + deflate(delta)),
        ])
        let reader = try #require(PackedObjectReader(objectsDirectory: fixture.path + "/objects/"))
        let id = try oid(hex(a))
        #expect(reader.read(id) == nil)
        #expect(reader.damage?.contains("circular") == true)
        #expect(reader.readHeader(id) == nil)

        // A commit whose file is that object: the diff reports it and ends (libgit2 1.5 alone would
        // follow the loop for ever).
        let tree = try hashObject(fixture, type: "tree", bytes: Array("100644 f.txt".utf8) + [0] + a)
        let commit = try fixture.git("commit-tree", tree, "-m", "loop").trimmingCharacters(in: .whitespacesAndNewlines)
        let repository = try Repository(path: fixture.path)
        let diff = try repository.diff(repository.commit(try oid(commit)))
        #expect(diff.unreadable.first?.message.contains("circular") == true)
        #expect(repository.blobSize(id) == nil)
    }

    @Test func deltaThatWouldBuildGigabytesIsRefusedBeforeAnyIsBuilt() throws {
        let fixture = try FixtureRepository(bare: true)
        let base = [UInt8](repeating: 0x01, count: 20)
        let huge = [UInt8](repeating: 0x02, count: 20)
        let content = Array("0123456789".utf8)
        // Base size 10, result size 3 GiB (as a base-128 number), no instructions.
        let delta: [UInt8] = [10, 0x80, 0x80, 0x80, 0x80, 0x0C]
        try writePack(in: fixture.path + "/objects/pack", entries: [
            (id: base, bytes: entryHeader(type: 3, size: content.count) + deflate(content)),
            (id: huge, bytes: entryHeader(type: 7, size: delta.count) + base + deflate(delta)),
        ])
        let reader = try #require(PackedObjectReader(objectsDirectory: fixture.path + "/objects/"))
        #expect(reader.read(try oid(hex(base)))?.bytes == content)
        #expect(reader.read(try oid(hex(huge))) == nil)
        #expect(reader.damage?.contains("MiB") == true)
    }

    @Test func treeThatContainsItselfFailsTheDiffInsteadOfRunningForever() throws {
        let fixture = try FixtureRepository(bare: true)
        // A loose tree stored under an id its content does not hash to: one entry, `d`, naming itself.
        let loop = [UInt8](repeating: 0xAB, count: 20)
        let body = Array("40000 d".utf8) + [0] + loop
        try writeLooseObject(in: fixture.path + "/objects", id: loop, type: "tree", body: body)
        let root = try hashObject(fixture, type: "tree", bytes: Array("40000 loop".utf8) + [0] + loop)
        let commit = try fixture.git("commit-tree", root, "-m", "loop").trimmingCharacters(in: .whitespacesAndNewlines)
        let repository = try Repository(path: fixture.path)
        #expect {
            try repository.diff(repository.commit(try oid(commit)))
        } throws: { error in
            (error as? GitError)?.message.contains("contains itself") == true
        }
    }

    @Test func treeNamingOneSubtreeOverAndOverIsBoundedByItsChanges() throws {
        let fixture = try FixtureRepository(bare: true)
        // Seven levels of 10 entries, each naming the level below: 10⁷ paths from a few objects.
        var level = try hashObject(fixture, type: "blob", bytes: Array("leaf\n".utf8))
        var mode = "100644"
        for _ in 0..<7 {
            var body: [UInt8] = []
            for index in 0..<10 { body += Array("\(mode) e\(index)".utf8) + [0] + hexBytes(level) }
            level = try hashObject(fixture, type: "tree", bytes: body)
            mode = "40000"
        }
        let commit = try fixture.git("commit-tree", level, "-m", "wide").trimmingCharacters(in: .whitespacesAndNewlines)
        let repository = try Repository(path: fixture.path)
        #expect {
            try repository.diff(repository.commit(try oid(commit)))
        } throws: { error in
            (error as? GitError)?.message.contains("changed paths") == true
        }
    }
}

private func entryHeader(type: UInt8, size: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    var byte = type << 4 | UInt8(size & 0x0F)
    var rest = size >> 4
    while rest > 0 {
        bytes.append(byte | 0x80)
        byte = UInt8(rest & 0x7F)
        rest >>= 7
    }
    bytes.append(byte)
    return bytes
}

private func deflate(_ bytes: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: bytes.count + 64)
    var length = UInt(output.count)
    let status = compress2(&output, &length, bytes, UInt(bytes.count), 6)
    precondition(status == Z_OK)
    return Array(output.prefix(Int(length)))
}

/// Writes a pack and its version 2 index holding `entries` under the ids given (not their hashes).
private func writePack(in folder: String, entries: [(id: [UInt8], bytes: [UInt8])]) throws {
    var pack = Array("PACK".utf8) + bigEndian(2) + bigEndian(UInt32(entries.count))
    var offsets: [[UInt8]: Int] = [:]
    for entry in entries {
        offsets[entry.id] = pack.count
        pack += entry.bytes
    }
    let checksum = [UInt8](repeating: 0x5A, count: 20)
    pack += checksum
    let sorted = entries.map(\.id).sorted { $0.lexicographicallyPrecedes($1) }
    var index: [UInt8] = [0xFF, 0x74, 0x4F, 0x63] + bigEndian(2)
    for slot in 0..<256 {
        index += bigEndian(UInt32(sorted.filter { Int($0[0]) <= slot }.count))
    }
    for id in sorted { index += id }
    for _ in sorted { index += bigEndian(0) }
    for id in sorted { index += bigEndian(UInt32(offsets[id]!)) }
    index += checksum + [UInt8](repeating: 0, count: 20)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(pack).write(to: URL(fileURLWithPath: folder + "/pack-handmade.pack"))
    try Data(index).write(to: URL(fileURLWithPath: folder + "/pack-handmade.idx"))
}

private func writeLooseObject(in objects: String, id: [UInt8], type: String, body: [UInt8]) throws {
    let name = hex(id)
    let folder = objects + "/" + name.prefix(2)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let content = Array("\(type) \(body.count)".utf8) + [0] + body
    try Data(deflate(content)).write(to: URL(fileURLWithPath: folder + "/" + name.dropFirst(2)))
}

private func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
}

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

