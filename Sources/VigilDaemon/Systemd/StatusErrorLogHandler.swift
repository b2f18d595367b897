import Logging
import VigilCore

/// Passes every line on to the daemon's handler, and its error lines to `DaemonStatus` too, so
/// `systemctl status` names the last error (a repository it cannot read, a queue it cannot write)
/// without anyone reading the journal.
struct StatusErrorLogHandler: LogHandler {
    var inner: any LogHandler
    let status: DaemonStatus

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        inner.log(event: event)
        guard event.level >= .error else { return }
        let repository = event.metadata?["repo"] ?? inner.metadata["repo"]
        status.recordError(event.message.description, repository: repository?.description, at: Timestamp.now())
    }
}
