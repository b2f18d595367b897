import Foundation
import Subprocess
import Synchronization
import VigilCore

#if canImport(System)
import System
#else
import SystemPackage
#endif

#if canImport(Glibc)
import Glibc
#endif

/// Runs one scan child (`vigil scan-batch`) for one repository and batch, and reads what it says.
///
/// The child gets the request as JSON on stdin, argv without a shell, a fixed minimal environment,
/// its own session (so a stop reaches anything it started) and `RLIMIT_DATA`. Its stdout is read
/// as protocol lines under `ScanBatchReader`'s checks; its stderr is kept, bounded, for the log.
/// Past the time budget it gets SIGTERM and, after the grace period, SIGKILL. Whatever happens,
/// the result keeps every commit the child finished, so the daemon never loses its place.
public struct ScanChildRunner: Sendable {
    public var settings: ScanChildSettings
    /// How often the child's data segment is sampled to tell a memory death from another crash.
    var memorySampleInterval: Duration = .milliseconds(20)

    public init(settings: ScanChildSettings) {
        self.settings = settings
    }

    /// Runs the child to its end. Never throws: a child that cannot be started is a failure like
    /// any other. When the calling task is cancelled (the daemon is stopping) the child is stopped,
    /// and the result says `.stopped` with the commits it had finished.
    public func run(_ request: ScanBatchRequest) async -> ScanBatchResult {
        _ = Self.ignoreBrokenPipes
        var reader = ScanBatchReader(request: request, outputBudget: settings.outputBudget)
        let input: [UInt8]
        do {
            input = Array(try JSONEncoder().encode(request)) + [0x0A]
        } catch {
            reader.fail(.spawn("the request could not be encoded"))
            return reader.result
        }
        var platform = PlatformOptions()
        platform.createSession = true
        platform.teardownSequence = [
            .send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: settings.terminationGrace)
        ]
        let supervision: Supervision
        let status: TerminationStatus
        do {
            let outcome = try await Subprocess.run(
                .path(FilePath(settings.executable)), arguments: Arguments(settings.arguments),
                environment: .custom(ScanChildSettings.environment.map { Array("\($0.key)=\($0.value)".utf8) }),
                platformOptions: platform, input: .inputWriter, output: .sequence, error: .sequence
            ) { execution in
                await supervise(execution, request: input, reader: reader)
            }
            supervision = outcome.closureResult
            status = outcome.terminationStatus
        } catch {
            reader.fail(.spawn(TerminalText.escape(String(describing: error).prefix(500).description)))
            return reader.result
        }
        return conclude(supervision, status: status)
    }

    /// A child that exits without reading its whole request closes the pipe the request is written
    /// to; the write must fail with EPIPE rather than kill the daemon with SIGPIPE. Process-wide,
    /// once: nothing in Vigil wants SIGPIPE's default.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    // MARK: - While it runs

    /// What the supervising tasks learnt.
    struct Supervision: Sendable {
        var reader: ScanBatchReader
        var standardError: BoundedCapture
        var timedOut = false
        var cancelled = false
        var peakData = 0
    }

    private enum Part: Sendable {
        case output(ScanBatchReader)
        case error(BoundedCapture)
        case deadline(fired: Bool)
        case escalation
        case input
    }

    private func supervise(
        _ execution: ChildExecution, request: [UInt8], reader: ScanBatchReader
    ) async -> Supervision {
        let pid = execution.processIdentifier.value
        if settings.memoryLimit > 0 { _ = ChildMemory.limit(pid: pid, bytes: settings.memoryLimit) }
        let stop = StopSignal(execution: execution)
        let sampler = settings.memoryLimit > 0 ? ChildMemorySampler(pid: pid, interval: memorySampleInterval) : nil
        var supervision = Supervision(reader: reader, standardError: BoundedCapture(limit: settings.standardErrorLimit))
        await withTaskGroup(of: Part.self) { group in
            group.addTask { await writeRequest(request, to: execution) }
            group.addTask { await readOutput(execution, reader: reader, stop: stop) }
            group.addTask { await readError(execution) }
            group.addTask { await deadline(stop: stop) }
            group.addTask { await escalate(stop: stop) }
            var streamsOpen = 2
            while streamsOpen > 0, let part = await group.next() {
                switch part {
                case .output(let finished):
                    supervision.reader = finished
                    streamsOpen -= 1
                case .error(let capture):
                    supervision.standardError = capture
                    streamsOpen -= 1
                case .deadline(let fired): supervision.timedOut = fired
                case .escalation, .input: break
                }
            }
            // Both pipes are closed; the child may still be running (it closed them and hung).
            // The deadline stays armed until it has exited. A cancelled run leaves the child to
            // `Subprocess`'s teardown, which stops its process group.
            if !Task.isCancelled {
                await Self.waitForExit(pid: pid)
                // Anything the child left behind in its session is junk (the real child starts
                // nothing): stop it. The child is not reaped yet, so its group id is still its own.
                kill(-pid, SIGKILL)
            }
            group.cancelAll()
            for await part in group {
                if case .deadline(let fired) = part { supervision.timedOut = supervision.timedOut || fired }
            }
        }
        supervision.peakData = await sampler?.stop() ?? 0
        supervision.cancelled = Task.isCancelled
        return supervision
    }

    /// Writes the request and closes stdin. A child that exits or closes stdin without reading it
    /// all makes the write fail; that is the child's business (its exit status tells), and the
    /// pipe is closed either way.
    private func writeRequest(_ request: [UInt8], to execution: ChildExecution) async -> Part {
        let writer = execution.standardInputWriter
        _ = try? await writer.write(request)
        try? await writer.finish()
        return .input
    }

    private func readOutput(
        _ execution: ChildExecution, reader: ScanBatchReader, stop: StopSignal
    ) async -> Part {
        var reader = reader
        var splitter = BoundedLineSplitter(maximumLength: ScanBatchValidation.maximumLineBytes)
        do {
            for try await chunk in execution.standardOutput {
                // Once the reading is over the rest is drained unread, so a stopped child never
                // blocks on a full pipe before it dies. (The sequence can be iterated only once.)
                guard reader.isOpen else { continue }
                let pieces = chunk.withUnsafeBytes { splitter.split($0) }
                for piece in pieces {
                    switch piece {
                    case .line(let bytes): reader.read(line: bytes)
                    case .tooLong: reader.lineTooLong()
                    }
                }
                if !reader.isOpen { stop.send() }
            }
        } catch {
            // The stream ends in an error when the child dies or the read is cancelled; what was
            // read stands, and the exit status says the rest.
        }
        // An unfinished last line is not read: the child died mid-record, and its exit says so.
        return .output(reader)
    }

    private func readError(_ execution: ChildExecution) async -> Part {
        var capture = BoundedCapture(limit: settings.standardErrorLimit)
        do {
            for try await chunk in execution.standardError {
                chunk.withUnsafeBytes { capture.append($0) }
            }
        } catch {}
        return .error(capture)
    }

    private func deadline(stop: StopSignal) async -> Part {
        do {
            try await Task.sleep(for: settings.timeout)
        } catch {
            return .deadline(fired: false)
        }
        stop.send()
        return .deadline(fired: true)
    }

    /// SIGKILL for a child still running `terminationGrace` after its SIGTERM.
    private func escalate(stop: StopSignal) async -> Part {
        guard await stop.sentSignal() else { return .escalation }
        do {
            try await Task.sleep(for: settings.terminationGrace)
        } catch {
            return .escalation
        }
        stop.kill()
        return .escalation
    }

    /// Waits until the child has exited, without reaping it: `Subprocess` reaps it after the body
    /// returns, so its pid cannot be reused while a stop may still be sent to it.
    /// The child usually exits right after closing its pipes, so the first polls come quickly.
    private static func waitForExit(pid: pid_t) async {
        var pause = Duration.milliseconds(1)
        while true {
            var info = siginfo_t()
            let rc = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if rc != 0 || info._sifields._sigchld.si_pid == pid { return }
            do { try await Task.sleep(for: pause) } catch { return }
            pause = min(pause * 2, .milliseconds(50))
        }
    }

    // MARK: - After it ended

    private func conclude(_ supervision: Supervision, status: TerminationStatus) -> ScanBatchResult {
        var reader = supervision.reader
        if reader.result.failure == nil, !reader.result.stoppedEarly {
            if supervision.cancelled {
                reader.fail(.stopped)
            } else if supervision.timedOut {
                reader.fail(.timeout(settings.timeout))
            } else {
                switch status {
                case .exited(let code) where code == 0 && reader.result.done != nil: break
                case .exited(let code):
                    reader.fail(memoryFailure(supervision, signal: nil) ?? .exit(status: code))
                case .signaled(let signal):
                    reader.fail(memoryFailure(supervision, signal: signal) ?? .signal(signal))
                }
            }
        }
        var result = reader.result
        result.standardError = supervision.standardError.escaped
        return result
    }

    /// A death at the memory limit: the data segment had reached at least half of it.
    private func memoryFailure(_ supervision: Supervision, signal: Int32?) -> ScanChildFailure? {
        guard settings.memoryLimit > 0, supervision.peakData >= settings.memoryLimit / 2 else { return nil }
        return .memoryLimit(limit: settings.memoryLimit, peak: supervision.peakData, signal: signal)
    }
}

typealias ChildExecution = Execution<CustomWriteInput, SequenceOutput, SequenceOutput>

/// Stops the child once: SIGTERM to its process group at once, and SIGKILL from the escalation
/// task when it is still there after the grace period.
private final class StopSignal: Sendable {
    private let execution: ChildExecution
    private let sent = Mutex(false)
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init(execution: ChildExecution) {
        self.execution = execution
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    func send() {
        let first = sent.withLock { sent in
            defer { sent = true }
            return !sent
        }
        guard first else { return }
        try? execution.send(signal: .terminate, toProcessGroup: true)
        continuation.yield()
        continuation.finish()
    }

    /// Waits for `send`; false when the wait was cancelled first.
    func sentSignal() async -> Bool {
        for await _ in stream { return true }
        return false
    }

    func kill() {
        try? execution.send(signal: .kill, toProcessGroup: true)
    }
}
