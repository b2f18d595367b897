import Synchronization
import VigilCore
import VigilDaemon
import VigilStore

/// `rescan` without `--dry-run`: the alerts it finds go into the daemon's queue and alert log, so
/// a rescan beside the daemon duplicates nothing (an alert id already queued is a no-op) and its
/// log lines come from the same single writer, in queue order.
///
/// A rescan records only when a config file is in force: the built-in default names no queue an
/// operator set up, and writing one under /var/lib/vigil from a developer's shell would surprise.
final class RescanRecording: Sendable {
    let store: SQLiteAlertStore
    let alertLog: String
    let followUp: Bool
    private let collected = Mutex<[AlertRecord]>([])

    /// Opens the queue before anything is scanned: a rescan asked to record must not scan for
    /// minutes and then fail to keep what it found.
    init(config: VigilConfig) throws(VigilExit) {
        let path = QueueLocation.path(stateDirectory: config.daemon.stateDirectory)
        do {
            store = try SQLiteAlertStore(path: path)
        } catch {
            throw VigilExit.repository("the queue cannot be opened (\(error)); --dry-run scans without recording")
        }
        alertLog = config.daemon.alertLog
        followUp = config.followUp.command != nil
    }

    /// Hands the scan's alerts to this recording.
    var sink: @Sendable (Alert) -> Void {
        { [self] alert in self.collected.withLock { $0.append(AlertRecord(alert)) } }
    }

    /// Finds the first commit the queue recorded with a patch id, so that the output shows a
    /// finding as linked when the queue will link it (the queue decides again when recording).
    var linkLookup: FindingLinker.Lookup {
        { [store] repository, patchID in store.blocking.firstCommit(repository: repository, patchID: patchID) }
    }

    /// Records every collected alert, then brings the alert log up to date. Returns how many were
    /// new to the queue. A log that cannot be written is reported, not fatal: the alerts are in
    /// the queue, and the daemon (or the next rescan) writes them once it can.
    func finish() async throws(VigilExit) -> Int {
        let records = collected.withLock { $0 }
        var queued = 0
        var start = 0
        while start < records.count {
            let chunk = Array(records[start..<min(start + 1000, records.count)])
            do {
                queued += try await store.record(chunk, progress: nil, followUp: followUp).count
            } catch {
                throw VigilExit.repository("the alerts could not be queued: \(error)")
            }
            start += chunk.count
        }
        do {
            _ = try await AlertLogWriter(path: alertLog, store: store).drain()
        } catch {
            TextSink.standardError.write(
                "vigil: \(TerminalText.escape("the alert log cannot be written (\(error)); the alerts are queued"))\n")
        }
        return queued
    }
}
