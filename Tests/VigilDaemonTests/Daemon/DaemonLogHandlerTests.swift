import Foundation
import Logging
import Testing
import VigilCore

@testable import VigilDaemon

/// The daemon's log lines: repository text in messages and metadata never carries a control
/// character or a line break into the journal or a terminal.
@Suite struct DaemonLogHandlerTests {
    /// Logs through a handler writing into a pipe, and returns what came out.
    func logged(_ body: (Logger) -> Void) throws -> String {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        var logger = Logger(label: "test") { label in DaemonLogHandler(label: label, sink: TextSink(descriptor: ends[1])) }
        logger.logLevel = .debug
        body(logger)
        close(ends[1])
        let data = FileHandle(fileDescriptor: ends[0], closeOnDealloc: true).readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func metadataFromARepositoryIsEscapedOnOneLine() throws {
        let text = try logged { logger in
            logger.error(
                "refs cannot be read",
                metadata: ["repo": "/srv/evil\u{1b}[31m\nFAKE 00:00 info injected", "ref": "refs/heads/\u{7}x"])
        }
        #expect(text.split(separator: "\n").count == 1, "one event, one line: \(text)")
        #expect(!text.contains("\u{1b}"))
        #expect(!text.contains("\u{7}"))
        #expect(text.contains("error refs cannot be read"))
        #expect(text.contains("ref=refs/heads/"))
    }

    @Test func aValueWithSpacesOrQuotesIsQuoted() throws {
        let text = try logged { logger in
            logger.info("scanned", metadata: ["reason": "exited with \"status\" 2", "empty": ""])
        }
        #expect(text.contains(#"reason="exited with \"status\" 2""#), "\(text)")
        #expect(text.contains(#"empty="""#))
    }

    @Test func levelsBelowTheHandlersAreDropped() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let logger = Logger(label: "test") { DaemonLogHandler(label: $0, level: .notice, sink: TextSink(descriptor: ends[1])) }
        logger.info("not shown")
        logger.notice("shown")
        close(ends[1])
        let text = String(decoding: FileHandle(fileDescriptor: ends[0], closeOnDealloc: true).readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("shown"))
        #expect(!text.contains("not shown"))
    }
}
