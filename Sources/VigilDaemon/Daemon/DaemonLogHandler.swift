import Logging
import VigilCore

/// The daemon's log lines on stderr: one line per message, `time level message key=value …`.
///
/// Messages are constant text; the details are metadata. Metadata values often carry repository
/// text (paths, ref names, a child's error output), which is attacker-controlled: every value and
/// the message are escaped with `TerminalText`, so no control character or line break from a
/// repository reaches a terminal or splits a line in the journal.
public struct DaemonLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let sink: TextSink

    public init(label: String, level: Logger.Level = .info, sink: TextSink = .standardError) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "\(Timestamp.now()) \(event.level) \(TerminalText.escape(event.message.description))"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            line += " \(TerminalText.escape(key))=\(Self.render(merged[key]!))"
        }
        sink.write(line + "\n")
    }

    /// A metadata value escaped, and quoted when it holds a space or is empty, so `key=value`
    /// pairs stay unambiguous.
    static func render(_ value: Logger.Metadata.Value) -> String {
        let text = TerminalText.escape(value.description)
        return text.isEmpty || text.contains(" ") || text.contains("\"")
            ? "\"" + text.replacingAll("\"", with: "\\\"") + "\"" : text
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
