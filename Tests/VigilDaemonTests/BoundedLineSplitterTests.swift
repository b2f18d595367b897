import Testing

@testable import VigilDaemon

/// Lines from chunks, with a bound on their length.
@Suite struct BoundedLineSplitterTests {
    func split(_ splitter: inout BoundedLineSplitter, _ text: String) -> [String] {
        splitter.split(Array(text.utf8)).map { piece in
            switch piece {
            case .line(let bytes): String(decoding: bytes, as: UTF8.self)
            case .tooLong: "<too long>"
            }
        }
    }

    @Test func linesSplitAcrossChunksAreJoined() {
        var splitter = BoundedLineSplitter(maximumLength: 10)
        #expect(split(&splitter, "ab") == [])
        #expect(split(&splitter, "c\nde\n\nf") == ["abc", "de", ""])
        #expect(splitter.unfinished == 1)
    }

    @Test func aLineOverTheBoundIsReportedOnceAndEndsTheSplitting() {
        var splitter = BoundedLineSplitter(maximumLength: 4)
        #expect(split(&splitter, "abcd\nabcde") == ["abcd", "<too long>"])
        #expect(split(&splitter, "\nok\n") == [])
    }

    @Test func aLineOverTheBoundWithItsBreakIsReported() {
        var splitter = BoundedLineSplitter(maximumLength: 4)
        #expect(split(&splitter, "abcdefgh\nok\n") == ["<too long>"])
    }

    @Test func theDataSegmentIsReadFromProcStatus() {
        let status = "Name:\tvigil\nVmPeak:\t  9000 kB\nVmData:\t   2048 kB\nVmStk:\t 132 kB\n"
        #expect(ChildMemory.parseDataBytes(ArraySlice(status.utf8)) == 2 << 20)
        #expect(ChildMemory.parseDataBytes(ArraySlice("VmData:\t99999999999999999999 kB\n".utf8)) == nil)
        #expect(ChildMemory.parseDataBytes(ArraySlice("Name:\tzombie\n".utf8)) == nil)
    }

    @Test func standardErrorKeepsItsStartAndCountsTheRest() {
        var capture = BoundedCapture(limit: 8)
        capture.append(Array("\u{1b}[31mred and more".utf8))
        #expect(capture.bytes.count == 8)
        #expect(capture.dropped == 9)
        #expect(!capture.escaped.contains("\u{1b}"))
        #expect(capture.escaped.hasSuffix("(9 more bytes)"))
    }
}
