/// Progress on stderr for a report that runs longer than a second, and only when stderr is a
/// terminal: `vigil: report v1.2..v1.3: 120 of 532 commits blamed`, redrawn in place at most ten
/// times a second and cleared at the end. A pipe or a file gets nothing.
final class ReportProgress {
    private let sink: TextSink
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?
    private var drawn = false

    init(sink: TextSink, enabled: Bool) {
        self.sink = sink
        self.enabled = enabled
        started = clock.now
    }

    func update(_ label: String, done: Int, total: Int, unit: String) {
        guard enabled else { return }
        let now = clock.now
        guard now - started >= .seconds(1) else { return }
        if let lastDrawn, now - lastDrawn < .milliseconds(100), done < total { return }
        lastDrawn = now
        drawn = true
        sink.write("\r\u{1B}[K" + "vigil: report \(TerminalText.escape(label)): \(done) of \(total) \(unit) blamed")
    }

    func finish() {
        guard drawn else { return }
        sink.write("\r\u{1B}[K")
        drawn = false
    }
}
