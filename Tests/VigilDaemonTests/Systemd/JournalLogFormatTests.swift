import Foundation
import Logging
import Testing
import VigilCore
import VigilTestSupport

@testable import VigilDaemon

/// Log lines under systemd: a priority prefix and no clock when stderr is the journal's stream;
/// a time on every line anywhere else.
@Suite struct JournalLogFormatTests {
    func logged(format: DaemonLogFormat, level: Logger.Level = .trace, _ body: (Logger) -> Void) -> String {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let logger = Logger(label: "test") {
            DaemonLogHandler(label: $0, level: level, format: format, sink: TextSink(descriptor: ends[1]))
        }
        body(logger)
        close(ends[1])
        return String(
            decoding: FileHandle(fileDescriptor: ends[0], closeOnDealloc: true).readDataToEndOfFile(), as: UTF8.self)
    }

    @Test func journalLinesCarryThePriorityAndNoTimestamp() {
        let text = logged(format: .journal) { logger in
            logger.debug("d")
            logger.info("i", metadata: ["repo": "/srv/git/app.git"])
            logger.notice("n")
            logger.warning("w")
            logger.error("e")
            logger.critical("c")
        }
        #expect(text == "<7>d\n<6>i repo=/srv/git/app.git\n<5>n\n<4>w\n<3>e\n<2>c\n", "\(text)")
    }

    @Test func journalLinesEscapeRepositoryTextThatWouldForgeAPriority() {
        let text = logged(format: .journal) { logger in
            logger.info("refs cannot be read", metadata: ["repo": "/srv/x\n<0>emergency \u{1b}[31m"])
        }
        #expect(text.split(separator: "\n").count == 1, "\(text)")
        #expect(!text.contains("\n<0>"))
        #expect(!text.contains("\u{1b}"))
    }

    @Test func timestampedLinesStartWithTheTimeAndLevel() {
        let text = logged(format: .timestamped) { $0.warning("w") }
        #expect(text.range(of: #"^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ warning w\n$"#, options: .regularExpression) != nil, "\(text)")
    }

    @Test func theSharedLevelCanBeChangedForEveryLogger() {
        let control = LogLevelControl(.warning)
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let logger = Logger(label: "test") {
            DaemonLogHandler(label: $0, level: control, format: .journal, sink: TextSink(descriptor: ends[1]))
        }
        logger.info("hidden")
        control.level = .info
        logger.info("shown")
        close(ends[1])
        let text = String(
            decoding: FileHandle(fileDescriptor: ends[0], closeOnDealloc: true).readDataToEndOfFile(), as: UTF8.self)
        #expect(text == "<6>shown\n", "\(text)")
    }

    // MARK: - JOURNAL_STREAM

    @Test func theStreamMatchesOnlyTheDescriptorsDeviceAndInode() throws {
        let folder = try ScratchFolder()
        let file = try folder.write("stream", "")
        let descriptor = open(file, O_RDONLY)
        defer { close(descriptor) }
        var status = stat()
        #expect(fstat(descriptor, &status) == 0)
        let value = "\(status.st_dev):\(status.st_ino)"
        #expect(JournalStream.isJournal(descriptor: descriptor, environmentValue: value))
        #expect(!JournalStream.isJournal(descriptor: descriptor, environmentValue: "\(status.st_dev):\(status.st_ino + 1)"))
        #expect(!JournalStream.isJournal(descriptor: descriptor, environmentValue: nil))
        let other = try folder.write("other", "")
        let otherDescriptor = open(other, O_RDONLY)
        defer { close(otherDescriptor) }
        #expect(!JournalStream.isJournal(descriptor: otherDescriptor, environmentValue: value), "inherited, not ours")
    }

    @Test(arguments: ["", ":", "1:", ":2", "1:2:3", "a:b", "-1:2", "1 :2", "99999999999999999999999:1", "1;2"])
    func malformedStreamValuesAreNotTheJournal(_ value: String) {
        #expect(!JournalStream.isJournal(descriptor: STDERR_FILENO, environmentValue: value))
    }
}
