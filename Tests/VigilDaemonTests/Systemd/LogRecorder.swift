import Logging
import Synchronization

/// An in-memory log handler: the messages logged, in order, for tests that check what was said.
final class LogRecorder: LogHandler, Sendable {
    private let recorded = Mutex<[(Logger.Level, String)]>([])

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }

    var logLevel: Logger.Level {
        get { .trace }
        set {}
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        recorded.withLock { $0.append((event.level, event.message.description)) }
    }

    var messages: [String] { recorded.withLock { $0.map(\.1) } }
}
