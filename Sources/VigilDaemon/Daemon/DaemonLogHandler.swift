import Logging
import Synchronization
import VigilCore

/// The daemon's log lines on stderr, one line per message.
///
/// Under systemd (stderr is the journal's stream) a line is `<priority>message key=value …`: the
/// journal stores the priority and its own timestamp, so `journalctl -p warning` filters and no
/// second clock clutters the line. Anywhere else (a terminal, a file) it is `time level message
/// key=value …`.
///
/// Messages are constant text; the details are metadata. Metadata values often carry repository
/// text (paths, ref names, a child's error output), which is attacker-controlled: every value and
/// the message are escaped with `TerminalText`, so no control character or line break from a
/// repository reaches a terminal or splits a line in the journal.
public struct DaemonLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: TextSink
    private let format: DaemonLogFormat
    private let level: LogLevelControl

    public init(
        label: String, level: Logger.Level = .info, format: DaemonLogFormat = .timestamped,
        sink: TextSink = .standardError
    ) {
        self.init(label: label, level: LogLevelControl(level), format: format, sink: sink)
    }

    /// A handler whose level follows `level`, which a reload may change.
    public init(label: String, level: LogLevelControl, format: DaemonLogFormat, sink: TextSink = .standardError) {
        self.label = label
        self.level = level
        self.format = format
        self.sink = sink
    }

    public var logLevel: Logger.Level {
        get { level.level }
        set { level.level = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let message = TerminalText.escape(event.message.description)
        var line =
            switch format {
            case .journal: "<\(Self.priority(event.level))>\(message)"
            case .timestamped: "\(Timestamp.now()) \(event.level) \(message)"
            }
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            line += " \(TerminalText.escape(key))=\(Self.render(merged[key]!))"
        }
        sink.write(line + "\n")
    }

    /// syslog's priorities, which the journal reads from a `<N>` prefix (sd-daemon(3)).
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// A metadata value escaped, and quoted when it holds a space or is empty, so `key=value`
    /// pairs stay unambiguous.
    static func render(_ value: Logger.Metadata.Value) -> String {
        let text = TerminalText.escape(value.description)
        return text.isEmpty || text.contains(" ") || text.contains("\"")
            ? "\"" + text.replacingAll("\"", with: "\\\"") + "\"" : text
    }
}

/// The shape of a log line: for the journal, or for a person reading a terminal or a file.
public enum DaemonLogFormat: Sendable, Equatable {
    case journal
    case timestamped
}

/// The daemon's log level, shared by every logger made from one bootstrap, so that a reload
/// that changes `[daemon] log_level` applies to all of them at once.
public final class LogLevelControl: Sendable {
    private let value: Mutex<Logger.Level>

    public init(_ level: Logger.Level) {
        value = Mutex(level)
    }

    public var level: Logger.Level {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
