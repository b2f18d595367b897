import CGit2
import Foundation
import Testing
import VigilTestSupport

@testable import VigilGit

/// A pack or index damaged in one field: the objects it spoils are reported unreadable, naming the
/// damage, everything else reads as before, and nothing crashes (libgit2 1.5 follows a damaged
/// index or entry header into memory it does not own).
@Suite("Validating packs")
struct PackValidationTests {
    // MARK: - The whole pack

    @Test(arguments: WholePackDamage.allCases)
    func packWithADamagedIndexOrHeaderIsNotReadAndSaysWhy(_ damage: WholePackDamage) throws {
        let fixture = try PackedFixture()
        var pack = fixture.pristinePack
        var index = fixture.pristineIndex
        damage.apply(&pack, &index, fixture)
        try fixture.write(pack: pack, index: index)

        #expect(PackedObjectReader(objectsDirectory: fixture.repository.path + "/objects/") == nil)
        let repository = try Repository(path: fixture.repository.path)
        for entry in fixture.entries {
            let read = readObject(repository, entry.id)
            #expect(read.error?.kind == .corruptObject, "\(entry.id): \(String(describing: read.error))")
            #expect(read.error?.message.contains("failed validation") == true)
            #expect(read.error?.message.contains(damage.reason) == true, "\(String(describing: read.error))")
        }
    }

    enum WholePackDamage: CaseIterable, Sendable {
        case fanOutFalls, fanOutPastTheIndex, indexVersion, packSignature, packVersion, packCount, truncatedPack

        var reason: String {
            switch self {
            case .fanOutFalls: "fan-out falls"
            case .fanOutPastTheIndex: "does not fit"
            case .indexVersion: "index version"
            case .packSignature: "PACK signature"
            case .packVersion: "pack version"
            case .packCount: "objects, its index"
            case .truncatedPack: "checksum"
            }
        }

        func apply(_ pack: inout [UInt8], _ index: inout [UInt8], _ fixture: PackedFixture) {
            switch self {
            case .fanOutFalls:
                PackedFixture.put(0xFFFF_FF00, into: &index, at: fixture.fanOutField(100))
            case .fanOutPastTheIndex:
                for slot in 200..<256 {
                    PackedFixture.put(UInt32(fixture.objectCount + 1), into: &index, at: fixture.fanOutField(slot))
                }
            case .indexVersion:
                PackedFixture.put(3, into: &index, at: 4)
            case .packSignature:
                pack[0] = UInt8(ascii: "J")
            case .packVersion:
                PackedFixture.put(4, into: &pack, at: 4)
            case .packCount:
                PackedFixture.put(UInt32(fixture.objectCount + 1), into: &pack, at: 8)
            case .truncatedPack:
                pack.removeLast(pack.count / 2)
            }
        }
    }

    // MARK: - One entry

    @Test func offsetOutsideThePackSpoilsOnlyThatObject() throws {
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.type == "blob" }
        var index = fixture.pristineIndex
        let outside = UInt32(fixture.pristinePack.count + 5)
        PackedFixture.put(outside, into: &index, at: fixture.offsetField(victim.position))
        try expectOnlyVictimUnreadable(fixture, victim, index: index, reason: "outside the pack")
    }

    @Test func largeOffsetBeyondItsTableSpoilsOnlyThatObject() throws {
        // libgit2 1.5 bounds this one itself; Vigil's reader reports it instead of passing it on.
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.type == "tree" }
        var index = fixture.pristineIndex
        PackedFixture.put(0x8000_0005, into: &index, at: fixture.offsetField(victim.position))
        try expectOnlyVictimUnreadable(fixture, victim, index: index, reason: "large offset")
    }

    @Test func offsetIntoTheMiddleOfAnotherEntryIsCaught() throws {
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.type == "commit" && !$0.isDelta }
        let host = try fixture.entry { $0.sizeInPack > 40 && $0.id != victim.id }
        var index = fixture.pristineIndex
        let middle = UInt32(host.offset + host.sizeInPack / 2)
        PackedFixture.put(middle, into: &index, at: fixture.offsetField(victim.position))
        try fixture.write(index: index)
        let repository = try Repository(path: fixture.repository.path)
        // Whatever lies there, Vigil's reader reports it; libgit2 is never handed this pack.
        let read = readObject(repository, victim.id)
        #expect(read.error?.message.contains("packed object \(victim.id) is corrupt") == true,
            "\(String(describing: read.error))")
        for entry in fixture.entries { _ = readObject(repository, entry.id) }
    }

    @Test func entryHeaderOfAnUnknownTypeSpoilsOnlyThatObject() throws {
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.type == "blob" && !$0.isDelta }
        var pack = fixture.pristinePack
        pack[victim.offset] = pack[victim.offset] & 0x8F | 0x50  // type 5 is reserved
        try expectOnlyVictimUnreadable(fixture, victim, pack: pack, reason: "unknown type 5")
    }

    @Test func deltaWhoseBaseLiesOutsideThePackSpoilsOnlyThatObject() throws {
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.isDelta }
        var pack = fixture.pristinePack
        // Skip the size number; the base distance follows. One byte of 0x7F: 127 bytes back, or
        // where no entry starts.
        var position = victim.offset
        while pack[position] & 0x80 != 0 { position += 1 }
        position += 1
        let distanceBytes = pack[position...].prefix { $0 & 0x80 != 0 }.count + 1
        for at in position..<(position + distanceBytes) { pack[at] = 0xFF }
        pack[position + distanceBytes - 1] = 0x7F
        let read = try readAfterDamage(fixture, victim, pack: pack)
        #expect(read.error?.message.contains("names") == true || read.error?.message.contains("base") == true,
            "\(String(describing: read.error))")
    }

    @Test func damagedZlibStreamIsReportedNotPassedOn() throws {
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.type == "blob" && !$0.isDelta && $0.sizeInPack > 60 }
        var pack = fixture.pristinePack
        for at in (victim.offset + 12)..<(victim.offset + 30) { pack[at] ^= 0x5A }
        try expectOnlyVictimUnreadable(fixture, victim, pack: pack, reason: "inflate")
    }

    @Test func inflatedSizeThatDiffersFromTheHeaderIsAnError() throws {
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.type == "blob" && !$0.isDelta && $0.size > 16 }
        var pack = fixture.pristinePack
        pack[victim.offset] ^= 0x01  // the lowest bit of the size
        try expectOnlyVictimUnreadable(fixture, victim, pack: pack, reason: "its header says")
    }

    @Test func sizeLargerThanTheDataCouldHoldIsAnError() throws {
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.type == "blob" && !$0.isDelta && $0.size >= 2048 }
        var pack = fixture.pristinePack
        // Three size bytes: 4 + 7 + 7 bits. All ones claims 256 KiB.
        #expect(pack[victim.offset] & 0x80 != 0 && pack[victim.offset + 1] & 0x80 != 0)
        pack[victim.offset] |= 0x0F
        pack[victim.offset + 1] = 0xFF
        pack[victim.offset + 2] = 0x7F
        let read = try readAfterDamage(fixture, victim, pack: pack)
        let message = read.error?.message ?? ""
        #expect(message.contains("packed object \(victim.id) is corrupt"), "\(message)")
        #expect(message.contains("claims") || message.contains("its header says"), "\(message)")
    }

    /// A continuation bit set on the last size byte makes zlib's first byte (0x78) part of the
    /// size: the header then claims about 4 GiB, and a scan took the blob for a 4 GiB binary it
    /// never read (no error at all).
    @Test func continuationBitInASizeDoesNotMakeAFourGibibyteBlob() throws {
        let fixture = try PackedFixture(commits: 2, largeBlobBytes: 300_000)
        let victim = try fixture.entry { $0.type == "blob" && $0.size == 300_000 }
        var pack = fixture.pristinePack
        #expect(pack[victim.offset + 3] & 0x80 == 0 && pack[victim.offset + 4] == 0x78)
        pack[victim.offset + 3] |= 0x80
        let read = try readAfterDamage(fixture, victim, pack: pack)
        #expect(read.error?.message.contains("claims") == true, "\(String(describing: read.error))")
        let repository = try Repository(path: fixture.repository.path)
        #expect(repository.blobSize(try oid(victim.id)) == nil, "the header's size must not be reported")
    }

    /// A size within what the data could hold, but larger than it makes, is not reported on the
    /// header's word when it is large: a caller may skip the content as too large and keep the size.
    @Test func largeHeaderSizeIsConfirmedBeforeItIsReported() throws {
        let fixture = try PackedFixture(commits: 2, largeBlobBytes: 300_000)
        let victim = try fixture.entry { $0.type == "blob" && $0.size == 300_000 }
        var pack = fixture.pristinePack
        // Four size bytes (4 + 7 + 7 + 7 bits): all ones claims 32 MiB, which the data could make.
        #expect(pack[victim.offset + 2] & 0x80 != 0 && pack[victim.offset + 3] & 0x80 == 0)
        pack[victim.offset] |= 0x0F
        pack[victim.offset + 1] = 0xFF
        pack[victim.offset + 2] = 0xFF
        pack[victim.offset + 3] = 0x7F
        let read = try readAfterDamage(fixture, victim, pack: pack)
        #expect(read.error?.message.contains("its header says") == true, "\(String(describing: read.error))")
        let repository = try Repository(path: fixture.repository.path)
        #expect(repository.blobSize(try oid(victim.id)) == nil, "the header's size must not be reported")
    }

    @Test func scanOfAPackWithDamagedEntriesReportsThemAndFinds() throws {
        let fixture = try PackedFixture()
        let victim = try fixture.entry { $0.type == "blob" && !$0.isDelta }
        var index = fixture.pristineIndex
        PackedFixture.put(0x8000_0000, into: &index, at: fixture.offsetField(victim.position))
        try fixture.write(index: index)
        let repository = try Repository(path: fixture.repository.path)
        let walk = try repository.walk(from: [repository.resolveCommit("main")])
        #expect(walk.error == nil)
        #expect(walk.commits.count == fixture.commits.count)
        var unreadable: [String] = []
        for id in walk.commits {
            let diff = try repository.diff(repository.commit(id))
            unreadable += diff.unreadable.map(\.message)
        }
        #expect(!unreadable.isEmpty)
        #expect(unreadable.allSatisfy { $0.contains(victim.id) && $0.contains("large offset") }, "\(unreadable)")
        #expect(!unreadable.isEmpty && walk.commits.count > 1)
    }

    /// Found by the fuzz loop (seed 6840248003531440129, round 93): one flipped bit in the high
    /// byte of an object's offset sends it 256 MiB past the pack's end, and libgit2 1.5 crashed
    /// reading there (SIGSEGV).
    @Test func offsetWithAFlippedHighBitCostsOnlyThatObject() throws {
        let fixture = try PackedFixture(commits: 8)
        let flipped = 2060
        try #require(flipped >= fixture.offsetField(0) && flipped < fixture.offsetField(fixture.objectCount))
        let position = (flipped - fixture.offsetField(0)) / 4
        let victim = try fixture.entry { $0.position == position }
        var index = fixture.pristineIndex
        index[flipped] ^= 1 << 4
        try expectOnlyVictimUnreadable(fixture, victim, index: index, reason: "outside the pack")
        let repository = try Repository(path: fixture.repository.path)
        for id in fixture.commits {
            if let commit = try? repository.commit(try oid(id)) { _ = try? repository.diff(commit) }
        }
    }

    // MARK: - Large offsets

    @Test func objectsPastTwoGibibytesAreReadThroughTheLargeOffsetTable() throws {
        let made = try SparsePack(secondAt: (1 << 31) + 4096)
        for mode in ReadMode.allCases {
            let repository = try Repository(path: made.fixture.path, readMode: mode)
            for (id, content) in made.objects {
                let read = readObject(repository, id)
                #expect(read.bytes == content, "\(mode) \(id): \(String(describing: read.error))")
            }
        }
        let reader = try #require(PackedObjectReader(objectsDirectory: made.fixture.path + "/objects/"))
        #expect(reader.read(try oid(made.objects[1].id))?.bytes == made.objects[1].content)
    }

    @Test func largeOffsetPastThePackEndSpoilsOnlyThatObject() throws {
        let made = try SparsePack(secondAt: (1 << 31) + 4096, recordedOffset: 5 << 30)
        let repository = try Repository(path: made.fixture.path)
        #expect(readObject(repository, made.objects[0].id).bytes == made.objects[0].content)
        let read = readObject(repository, made.objects[1].id)
        #expect(read.error?.message.contains("outside the pack") == true, "\(String(describing: read.error))")
    }

    // MARK: - Helpers

    private func expectOnlyVictimUnreadable(
        _ fixture: PackedFixture, _ victim: PackedFixture.Entry, pack: [UInt8]? = nil, index: [UInt8]? = nil,
        reason: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = try allContents(fixture)
        let read = try readAfterDamage(fixture, victim, pack: pack, index: index)
        #expect(read.error?.kind == .corruptObject, sourceLocation: sourceLocation)
        #expect(read.error?.message.contains(victim.id) == true, sourceLocation: sourceLocation)
        #expect(read.error?.message.contains(reason) == true, "\(String(describing: read.error))",
            sourceLocation: sourceLocation)
        // Every object that neither is the victim nor needs it as a delta base still reads.
        let repository = try Repository(path: fixture.repository.path)
        for entry in fixture.entries where entry.id != victim.id {
            let other = readObject(repository, entry.id)
            if other.error == nil {
                #expect(other.bytes == expected[entry.id], "\(entry.id)", sourceLocation: sourceLocation)
            } else {
                #expect(
                    entry.isDelta, "\(entry.id): \(String(describing: other.error))", sourceLocation: sourceLocation)
            }
        }
    }

    private func readAfterDamage(
        _ fixture: PackedFixture, _ victim: PackedFixture.Entry, pack: [UInt8]? = nil, index: [UInt8]? = nil
    ) throws -> ObjectRead {
        try fixture.write(pack: pack, index: index)
        let repository = try Repository(path: fixture.repository.path)
        return readObject(repository, victim.id)
    }

    /// Every object's content as git reads it from the pristine pack (written back first).
    private func allContents(_ fixture: PackedFixture) throws -> [String: [UInt8]] {
        try fixture.write()
        let result = try ProcessResult.run(
            "/usr/bin/git", ["-C", fixture.repository.path, "cat-file", "--batch-all-objects", "--batch"],
            in: fixture.repository.path,
            environment: ["PATH": "/usr/bin:/bin", "HOME": fixture.repository.root, "GIT_CONFIG_NOSYSTEM": "1"],
            input: nil)
        let bytes = [UInt8](result.stdoutData)
        var contents: [String: [UInt8]] = [:]
        var position = 0
        while let newline = bytes[position...].firstIndex(of: 0x0A) {
            let header = String(decoding: bytes[position..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]) else { break }
            contents[String(header[0])] = Array(bytes[(newline + 1)..<(newline + 1 + size)])
            position = newline + 1 + size + 1
        }
        return contents
    }
}

/// An object read through the repository's object database, as every reader in Vigil reads one.
struct ObjectRead {
    var bytes: [UInt8]?
    var error: GitError?
}

func readObject(_ repository: Repository, _ hex: String) -> ObjectRead {
    guard let id = ObjectID(hex: hex) else { return ObjectRead(error: nil) }
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, repository.pointer) == 0 else {
        return ObjectRead(error: GitError.last(code: -1, operation: "git_repository_odb"))
    }
    defer { git_odb_free(odb) }
    var oid = id.oid
    var object: OpaquePointer?
    let code = git_odb_read(&object, odb, &oid)
    guard code == 0, let object else { return ObjectRead(error: GitError.last(code: code, operation: "git_odb_read")) }
    defer { git_odb_object_free(object) }
    let size = git_odb_object_size(object)
    guard let data = git_odb_object_data(object) else { return ObjectRead(bytes: []) }
    return ObjectRead(bytes: Array(UnsafeRawBufferPointer(start: data, count: size)))
}

/// A hand-made pack of two blobs, the second past 2 GiB (the bytes between are a hole in a sparse
/// file), with a version 2 index that reaches it through the large-offset table.
struct SparsePack {
    let fixture: FixtureRepository
    let objects: [(id: String, content: [UInt8])]

    init(secondAt offset: Int, recordedOffset: Int? = nil) throws {
        let repository = try FixtureRepository(bare: true)
        fixture = repository
        let contents = [Array("first blob\n".utf8), Array("second blob, far away\n".utf8)]
        // Named by their real ids, so git and libgit2 agree on what they are.
        let ids = try contents.map { content in try repository.writeObject(type: "blob", bytes: content) }
        for id in ids { try repository.deleteLooseObject(id) }
        objects = Array(zip(ids, contents))
        let entries = contents.map { entryBytes(type: 3, content: $0) }
        let folder = fixture.path + "/objects/pack"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let packPath = folder + "/pack-sparse.pack"
        let header = Array("PACK".utf8) + bigEndian(2) + bigEndian(2)
        let checksum = [UInt8](repeating: 0x3C, count: 20)
        _ = FileManager.default.createFile(atPath: packPath, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: packPath))
        try handle.write(contentsOf: Data(header + entries[0]))
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: Data(entries[1] + checksum))
        try handle.close()

        var index: [UInt8] = [0xFF, 0x74, 0x4F, 0x63] + bigEndian(2)
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        let raw = ids.map { hexBytes($0) }
        for slot in 0..<256 { index += bigEndian(UInt32(order.filter { Int(raw[$0][0]) <= slot }.count)) }
        for item in order { index += raw[item] }
        for _ in order { index += bigEndian(0) }
        let offsets = [12, recordedOffset ?? offset]
        for item in order { index += item == 0 ? bigEndian(12) : bigEndian(0x8000_0000) }
        index += bigEndian(UInt32(offsets[1] >> 32)) + bigEndian(UInt32(offsets[1] & 0xFFFF_FFFF))
        index += checksum + [UInt8](repeating: 0, count: 20)
        try Data(index).write(to: URL(fileURLWithPath: folder + "/pack-sparse.idx"))
        try fixture.git("update-ref", "refs/heads/main", try commitFor(ids))
    }

    /// A commit whose tree holds both blobs, so that the repository has a branch to scan.
    private func commitFor(_ ids: [String]) throws -> String {
        var tree: [UInt8] = []
        for (name, id) in zip(["a.txt", "b.txt"], ids) { tree += Array("100644 \(name)".utf8) + [0] + hexBytes(id) }
        let treeID = try fixture.writeObject(type: "tree", bytes: tree)
        return try fixture.git("commit-tree", treeID, "-m", "far").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

private func entryBytes(type: UInt8, content: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    var byte = type << 4 | UInt8(content.count & 0x0F)
    var rest = content.count >> 4
    while rest > 0 {
        bytes.append(byte | 0x80)
        byte = UInt8(rest & 0x7F)
        rest >>= 7
    }
    bytes.append(byte)
    var output = [UInt8](repeating: 0, count: content.count + 64)
    var length = UInt(output.count)
    _ = compress2(&output, &length, content, UInt(content.count), 6)
    return bytes + output.prefix(Int(length))
}

private func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
}
