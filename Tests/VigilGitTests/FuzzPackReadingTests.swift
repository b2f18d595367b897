import Foundation
import Testing
import VigilTestSupport

@testable import VigilGit

/// Mutates a small repository's pack and index and reads everything through VigilGit: every object
/// (content and header), every commit's diff, the walk from the branch. Errors are expected; a
/// crash or a hang is a defect. `make test` runs 200 mutants (a few seconds); `make fuzz` 10,000.
@Suite("Fuzz: reading damaged packs and indexes")
struct FuzzPackReadingTests {
    @Test func mutatedPacksAndIndexesNeverCrashTheReaders() throws {
        let fixture = try PackedFixture(commits: 8)
        let ids = fixture.entries.compactMap { ObjectID(hex: $0.id) }
        let commits = fixture.commits.compactMap { ObjectID(hex: $0) }
        var random = FuzzBudget.generator(for: "pack-and-index")
        let rounds = FuzzBudget.iterations(200)
        var failures = 0
        for round in 0..<rounds {
            var pack = fixture.pristinePack
            var index = fixture.pristineIndex
            let mutation = PackMutation.random(&random, fixture)
            mutation.apply(to: &pack, &index, fixture)
            try fixture.write(pack: pack, index: index)
            // Named before it runs, so that a crash shows which mutant it was.
            FuzzTrail.note("seed \(FuzzBudget.seed) round \(round): \(mutation)")
            failures += exercise(fixture.repository.path, ids: ids, commits: commits)
        }
        try fixture.write()
        #expect(exercise(fixture.repository.path, ids: ids, commits: commits) == 0)
        // Most mutants break something; if none did, the loop did not reach the readers.
        #expect(failures > 0)
    }

    /// Reads everything a scan would; returns how many reads failed.
    private func exercise(_ path: String, ids: [ObjectID], commits: [ObjectID]) -> Int {
        guard let repository = try? Repository(path: path) else { return 1 }
        var failures = 0
        for id in ids {
            let read = readObject(repository, id.hex)
            let size = repository.blobSize(id)
            _ = repository.contains(id)
            if let bytes = read.bytes {
                // A size reported must be the size of what a read gives.
                #expect(size == nil || size == Int64(bytes.count), "\(id): size \(size ?? -1), read \(bytes.count)")
            } else {
                failures += 1
                // A size nobody could read is only reported when small enough that the content
                // is always read next (and fails); a large one is confirmed first.
                #expect((size ?? 0) <= Int64(PackedObjectReader.trustedHeaderBytes), "\(id): size \(size ?? -1)")
            }
        }
        for id in commits {
            guard let commit = try? repository.commit(id) else {
                failures += 1
                continue
            }
            if let diff = try? repository.diff(commit) {
                failures += diff.unreadable.count
            } else {
                failures += 1
            }
        }
        if let tip = commits.last, let walk = try? repository.walk(from: [tip]), walk.error != nil { failures += 1 }
        _ = try? repository.resolveCommit("main")
        return failures
    }
}

/// One change to a pack or its index.
enum PackMutation: CustomStringConvertible {
    enum File { case pack, index }

    case flipBit(File, at: Int, bit: Int)
    case overwrite(File, at: Int, bytes: [UInt8])
    case truncate(File, to: Int)
    case extend(File, by: [UInt8])
    /// A 32-bit field (fan-out slot, offset, large offset, pack count) set to a boundary value.
    case field(File, at: Int, value: UInt32)
    /// The first byte of an entry's header: its type and the low bits of its size.
    case entryHeader(at: Int, byte: UInt8)

    var description: String {
        switch self {
        case .flipBit(let file, let at, let bit): "flip bit \(bit) of \(file) byte \(at)"
        case .overwrite(let file, let at, let bytes): "overwrite \(file) at \(at) with \(bytes)"
        case .truncate(let file, let count): "truncate \(file) to \(count) bytes"
        case .extend(let file, let bytes): "extend \(file) by \(bytes.count) bytes"
        case .field(let file, let at, let value): "set \(file) field at \(at) to \(value)"
        case .entryHeader(let at, let byte): "set entry header at \(at) to \(byte)"
        }
    }

    static let boundaries: [UInt32] = [
        0, 1, 11, 12, 0x7F, 0x80, 0xFF, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFE, 0xFFFF_FFFF,
    ]

    static func random(_ random: inout SeededGenerator, _ fixture: PackedFixture) -> PackMutation {
        let file: File = Bool.random(using: &random) ? .pack : .index
        let bytes = file == .pack ? fixture.pristinePack : fixture.pristineIndex
        let count = fixture.objectCount
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1:
            let at = Int.random(in: 0..<bytes.count, using: &random)
            return .flipBit(file, at: at, bit: Int.random(in: 0..<8, using: &random))
        case 2:
            let length = Int.random(in: 1...8, using: &random)
            let at = Int.random(in: 0..<(bytes.count - length), using: &random)
            return .overwrite(file, at: at, bytes: (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
        case 3:
            return .truncate(file, to: Int.random(in: 0..<bytes.count, using: &random))
        case 4:
            return .extend(file, by: (0..<Int.random(in: 1...64, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            })
        case 5:
            let value = boundaries.randomElement(using: &random) ?? 0
            let slot = Int.random(in: 0..<256, using: &random)
            let near: UInt32 = [UInt32(count), UInt32(count - 1), UInt32(count + 1)].randomElement(using: &random) ?? 0
            let chosen: UInt32 = Bool.random(using: &random) ? value : near
            return .field(.index, at: fixture.fanOutField(slot), value: chosen)
        case 6:
            let position = Int.random(in: 0..<count, using: &random)
            let inside = UInt32((fixture.entries.randomElement(using: &random)?.offset ?? 11) + 1)
            let options = boundaries + [UInt32(fixture.pristinePack.count - 20), inside]
            return .field(.index, at: fixture.offsetField(position), value: options.randomElement(using: &random) ?? 0)
        case 7:
            let values: [UInt32] = [0, 1, 2, 3, UInt32(count - 1), UInt32(count + 1), 0xFFFF_FFFF]
            let at = [4, 8].randomElement(using: &random) ?? 8
            return .field(.pack, at: at, value: values.randomElement(using: &random) ?? 0)
        default:
            let entry = fixture.entries.randomElement(using: &random)
            return .entryHeader(at: entry?.offset ?? 12, byte: UInt8.random(in: 0...255, using: &random))
        }
    }

    func apply(to pack: inout [UInt8], _ index: inout [UInt8], _ fixture: PackedFixture) {
        func change(_ file: File, _ body: (inout [UInt8]) -> Void) {
            if file == .pack { body(&pack) } else { body(&index) }
        }
        switch self {
        case .flipBit(let file, let at, let bit):
            change(file) { $0[at] ^= 1 << bit }
        case .overwrite(let file, let at, let bytes):
            change(file) { $0.replaceSubrange(at..<(at + bytes.count), with: bytes) }
        case .truncate(let file, let count):
            change(file) { $0.removeLast($0.count - count) }
        case .extend(let file, let bytes):
            change(file) { $0 += bytes }
        case .field(let file, let at, let value):
            change(file) { PackedFixture.put(value, into: &$0, at: at) }
        case .entryHeader(let at, let byte):
            pack[at] = byte
        }
    }
}

/// The fuzz loop's last step, kept in a file so that the mutant behind a crash can be named.
enum FuzzTrail {
    static let path = FileManager.default.temporaryDirectory.path + "/vigil-fuzz-pack-trail.txt"

    static func note(_ text: String) {
        try? Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
    }
}
