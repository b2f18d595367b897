import Synchronization
import VigilCore
import VigilDaemon

#if canImport(Glibc)
import Glibc
#endif

/// `vigil tail`: reads the alert log through `AlertLogReader` and prints each line rendered.
struct TailCommand {
    var path: String
    var format: TailFormat

    /// How often a follower looks for new lines when there were none.
    static let pollInterval: Duration = .milliseconds(200)

    func run(following: Bool) throws {
        let reader = AlertLogReader(path: path)
        let found: Bool
        do {
            found = try reader.open()
        } catch {
            throw VigilExit.repository(error.description)
        }
        guard found || following else {
            throw VigilExit.repository(
                "no alert log at \(path) ([daemon] alert_log): the daemon and `vigil rescan` create it when they "
                    + "record the first alert")
        }
        guard following else {
            try print(read(reader, following: false))
            return
        }
        StopSignals.install()
        if !found {
            TextSink.standardError.write("vigil: waiting for \(TerminalText.escape(path)) to appear\n")
        }
        while !StopSignals.requested {
            let batch = try read(reader, following: true)
            print(batch)
            if batch.lines.isEmpty { StopSignals.wait(Self.pollInterval) }
        }
    }

    private func read(_ reader: AlertLogReader, following: Bool) throws -> AlertLogReader.Batch {
        do {
            return try reader.read(following: following)
        } catch {
            throw VigilExit.repository(error.description)
        }
    }

    private func print(_ batch: AlertLogReader.Batch) {
        var output = ""
        var skipped = 0
        for line in batch.lines {
            let rendered =
                switch format {
                case .text: AlertLogRendering.text(line)
                case .json: AlertLogRendering.json(line)
                }
            if let rendered {
                output += rendered + "\n"
            } else if !line.isEmpty {
                skipped += 1
            }
        }
        if !output.isEmpty { TextSink.standardOutput.write(output) }
        let escapedPath = TerminalText.escape(path)
        if skipped > 0 {
            let lines = skipped == 1 ? "1 line" : "\(skipped) lines"
            TextSink.standardError.write(
                "vigil: skipped \(lines) of \(escapedPath) that \(skipped == 1 ? "is" : "are") not a JSON object\n")
        }
        if batch.overlongLines > 0 {
            TextSink.standardError.write(
                "vigil: skipped \(batch.overlongLines) line(s) of \(escapedPath) longer than "
                    + "\(AlertLogReader.longestLine) bytes\n")
        }
    }
}

/// SIGINT and SIGTERM end `tail --follow` cleanly (exit 0) between two reads, never in the middle
/// of printing a line.
enum StopSignals {
    private static let flag = Atomic<Bool>(false)

    static var requested: Bool { flag.load(ordering: .relaxed) }

    static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM] {
            Glibc.signal(signal) { _ in StopSignals.flag.store(true, ordering: .relaxed) }
            sigaddset(&signals, signal)
        }
        // A parent may start us with them blocked (the mask is inherited): they would never arrive.
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Sleeps for `interval`, or less when a signal arrives.
    static func wait(_ interval: Duration) {
        let (seconds, attoseconds) = interval.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        _ = nanosleep(&request, nil)
    }
}
