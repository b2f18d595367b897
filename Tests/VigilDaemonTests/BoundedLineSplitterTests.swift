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
        #expect(split(&splitter, "g\n") == ["fg"])
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
}
