import CGit2
import Foundation
import Testing
import VigilTestSupport

@testable import VigilGit

/// Vigil reads packed objects itself (for its own delta base cache). It must return exactly what
/// git stores, and on a damaged pack return nothing rather than crash, so that libgit2 reads or
/// reports the object as before.
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

    @Test func truncatedPackReadsWhatIsThereAndLeavesTheRest() throws {
        let fixture = try packedFixture()
        let objects = try allObjects(fixture)
        let packPath = try packFile(fixture)
        let whole = try Data(contentsOf: URL(fileURLWithPath: packPath))
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: packPath))
        let reader = try #require(PackedObjectReader(objectsDirectory: fixture.path + "/.git/objects/"))
        var readable = 0
        for object in objects {
            if let read = reader.read(try oid(object.id)) {
                readable += 1
                #expect(read.bytes == object.content)
            }
        }
        #expect(readable < objects.count)
    }

    @Test func indexThatIsNotVersionTwoIsLeftToLibgit2() throws {
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
        objects.append(GitObject(id: String(header[0]), type: String(header[1]), content: Array(bytes[start..<start + size])))
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
