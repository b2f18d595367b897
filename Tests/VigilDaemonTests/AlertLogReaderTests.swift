import Foundation
import Testing
import VigilCore
import VigilTestSupport

@testable import VigilDaemon

@Suite struct AlertLogReaderTests {
    let folder: ScratchFolder
    var path: String { folder.path + "/alerts.jsonl" }

    init() throws {
        folder = try ScratchFolder()
    }

    func append(_ bytes: [UInt8]) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
    }

    func text(_ batch: AlertLogReader.Batch) -> [String] {
        batch.lines.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aLineIsReturnedOnlyOnceWhole() throws {
        let reader = AlertLogReader(path: path)
        #expect(try reader.open() == false)
        #expect(try reader.read(following: true).lines.isEmpty)
        try append(Array("{\"a\":1}\n{\"b\"".utf8))
        #expect(text(try reader.read(following: true)) == ["{\"a\":1}"])
        #expect(try reader.read(following: true).lines.isEmpty)
        try append(Array(":2}\n".utf8))
        #expect(text(try reader.read(following: true)) == ["{\"b\":2}"])
    }

    @Test func anOverlongLineIsDroppedAndCountedNotHeld() throws {
        let reader = AlertLogReader(path: path)
        try append([UInt8](repeating: 0x61, count: AlertLogReader.longestLine + 10))
        #expect(try reader.open())
        var batch = try reader.read(following: true)
        #expect(batch.lines.isEmpty)
        #expect(batch.overlongLines == 1)
        try append([UInt8](repeating: 0x61, count: 3 * AlertLogReader.longestLine) + Array("\n{}\n".utf8))
        batch = try reader.read(following: true)
        #expect(text(batch) == ["{}"])
        #expect(batch.overlongLines == 0)
    }

    @Test func aReadOnceGivesEveryWholeLine() throws {
        try append(Array("one\ntwo\nthr".utf8))
        let reader = AlertLogReader(path: path)
        #expect(try reader.open())
        #expect(text(try reader.read(following: false)) == ["one", "two"])
    }

    // MARK: - Rendering

    @Test func textShowsDashesForMissingOrMistypedFields() {
        let line = Array("{\"time\":7,\"severity\":\"low\",\"check\":[\"x\"],\"line\":3,\"title\":\"t\"}".utf8)
        #expect(AlertLogRendering.text(line) == "-  LOW       -  -  -  -  t")
    }

    @Test func onlyJSONObjectsAreRendered() {
        for bad in ["", "[1]", "\"text\"", "42", "{", "{\"a\":1} trailing", "\u{1b}[31m"] {
            #expect(AlertLogRendering.text(Array(bad.utf8)) == nil, "\(bad)")
            #expect(AlertLogRendering.json(Array(bad.utf8)) == nil, "\(bad)")
        }
        let invalidUTF8: [UInt8] = Array("{\"title\":\"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8)
        #expect(AlertLogRendering.json(invalidUTF8) == nil)
    }

    @Test func jsonKeepsTheWritersLinesByteForByte() {
        let record = AlertLogFixture.record(1, message: "esc\u{1b} rlo\u{202e} nl\n")
        let line = record.json(seq: 1)
        #expect(AlertLogRendering.json(Array(line.utf8)) == line)
    }
}
