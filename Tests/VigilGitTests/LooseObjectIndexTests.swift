import CGit2
import Foundation
import Testing
import VigilTestSupport

@testable import VigilGit

/// The loose-object guard learns which loose objects exist by listing each fan-out folder once,
/// instead of failing an `open` for every packed object whose folder happens to exist.
@Suite struct LooseObjectIndexTests {
    @Test func eachFolderIsListedOnceWhateverIsAsked() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: (0..<40).reduce(into: [:]) { $0["f\($1).txt"] = "content \($1)\n" })
        let objects = fixture.path + "/.git/objects/"
        let loose = try FileManager.default.contentsOfDirectory(atPath: objects)
            .filter { $0.utf8.count == 2 }
            .flatMap { folder in
                try FileManager.default.contentsOfDirectory(atPath: objects + folder).map { try oid(folder + $0) }
            }
        #expect(loose.count > 40)
        var index = LooseObjectIndex(objectsDirectory: objects.utf8.map { CChar(bitPattern: $0) })
        for _ in 0..<3 {
            for id in loose {
                let present = index.contains(id.oid)
                #expect(present)
            }
        }
        // Ids that share a folder with a loose object but are not one, and ids in missing folders.
        for id in loose {
            var absent = id.oid
            absent.id.19 ^= 0xFF
            let present = index.contains(absent)
            #expect(!present)
        }
        for byte in 0...255 {
            var missing = git_oid()
            missing.id.0 = UInt8(byte)
            missing.id.19 = 0x5A
            _ = index.contains(missing)
        }
        #expect(index.listings == 256, "every folder listed once, present or not")
    }

    @Test func namesThatAreNotObjectsAreIgnored() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: ["a.txt": "a\n"])
        let objects = fixture.path + "/.git/objects/"
        try FileManager.default.createDirectory(atPath: objects + "ab", withIntermediateDirectories: true)
        let upper = "AB" + String(repeating: "C", count: 36)
        for name in ["tmp_obj_x", String(repeating: "c", count: 37), String(repeating: "g", count: 38), upper] {
            _ = FileManager.default.createFile(atPath: objects + "ab/" + name, contents: Data())
        }
        var index = LooseObjectIndex(objectsDirectory: objects.utf8.map { CChar(bitPattern: $0) })
        let found = index.objects(inFolder: 0xAB)
        #expect(found.isEmpty)
    }

    @Test func aRepositoryWithLooseAndPackedObjectsInTheSameFoldersReadsThemAll() throws {
        let fixture = try FixtureRepository()
        try fixture.commit("one", files: (0..<300).reduce(into: [:]) { $0["f\($1).txt"] = "packed \($1)\n" })
        try fixture.git("repack", "-q", "-a", "-d")
        try fixture.commit("two", files: (0..<300).reduce(into: [:]) { $0["g\($1).txt"] = "loose \($1)\n" })
        let repository = try Repository(path: fixture.path)
        let head = try repository.commit(try repository.resolveCommit("main"))
        let diff = try repository.diff(head)
        #expect(diff.files.count == 300)
        #expect(diff.unreadable.isEmpty)
        let first = try repository.diff(try repository.commit(try #require(head.parents.first)))
        #expect(first.files.count == 300)
        #expect(first.files.allSatisfy { $0.added.first?.hasPrefix("packed ") == true })
    }
}
