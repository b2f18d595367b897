import Testing

@testable import VigilDaemon

/// The start of a child's standard error, for the log.
@Suite struct BoundedCaptureTests {
    @Test func standardErrorKeepsItsStartAndCountsTheRest() {
        var capture = BoundedCapture(limit: 8)
        capture.append(Array("\u{1b}[31mred and more".utf8))
        #expect(capture.bytes.count == 8)
        #expect(capture.dropped == 9)
        #expect(!capture.escaped.contains("\u{1b}"))
        #expect(capture.escaped.hasSuffix("(9 more bytes)"))
    }
}
