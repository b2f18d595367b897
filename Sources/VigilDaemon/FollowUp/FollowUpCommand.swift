import Subprocess
import Synchronization
import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of `[followup] command` for one alert: the alert's JSON line on stdin, argv without a
/// shell, at most `timeout` of wall time.
///
/// The command runs in a process group of its own, and a command still running at the timeout is
/// killed with that whole group, so a script's own children (a `curl` it started, a `sleep`) die
/// with it. Its standard output and error are read as they come, so one that prints megabytes
/// cannot stall on a full pipe, and only the first `outputLimit` bytes are kept, for the queue.
struct FollowUpCommand: Sendable {
    var argv: [String]
    var timeout: Duration

    /// The output kept for `last_error`: enough for an error message, small enough for the queue.
    static let outputLimit = 4096

    /// How one run ended.
    enum Outcome: Sendable, Equatable {
        case exited(Int32, output: String)
        case signaled(Int32, output: String)
        case timedOut(output: String)
        /// The program could not be started (missing, not executable, …).
        case couldNotStart(String)
        /// It started, but watching it failed (its output could not be read, …).
        case lost(String)
    }

    init(argv: [String], timeout: Duration) {
        precondition(!argv.isEmpty, "the config reader refuses an empty command")
        self.argv = argv
        self.timeout = timeout
    }

    func run(input: [UInt8]) async -> Outcome {
        let inputFile: Int32
        do {
            inputFile = try StandardInputFile.holding(input)
        } catch {
            return .couldNotStart("cannot prepare its standard input: \(error)")
        }
        defer { close(inputFile) }
        let output = CapturedOutput(limit: Self.outputLimit)
        let started = StartedFlag()
        let configuration = self.configuration
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(
                        configuration,
                        input: .fileDescriptor(.init(rawValue: inputFile), closeAfterSpawningProcess: false),
                        output: .sequence, error: .combinedWithOutput
                    ) { execution in
                        started.set()
                        for try await buffer in execution.standardOutput {
                            buffer.withUnsafeBytes { output.append($0) }
                        }
                    }
                    switch result.terminationStatus {
                    case .exited(let code): return .exited(code, output: output.text)
                    case .signaled(let signal): return .signaled(signal, output: output.text)
                    }
                } catch {
                    // Cancelled because the timeout struck first: the other task reports it.
                    if Task.isCancelled { return nil }
                    return started.isSet ? .lost(String(describing: error)) : .couldNotStart(String(describing: error))
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                } catch {
                    return nil
                }
                return .timedOut(output: output.text)
            }
            var outcome: Outcome?
            while let finished = await group.next() {
                guard outcome == nil, let finished else { continue }
                outcome = finished
                // Ends the timer, or cancels the run: Subprocess then kills the process group.
                group.cancelAll()
            }
            return outcome ?? .timedOut(output: output.text)
        }
    }

    private var configuration: Configuration {
        var options = PlatformOptions()
        // 0: a new process group led by the command, so killing the group spares Vigil.
        options.processGroupID = 0
        options.teardownSequence = [
            .send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))
        ]
        let program = argv[0]
        return Configuration(
            executable: program.contains("/") ? .path(.init(program)) : .name(program),
            arguments: Arguments(Array(argv.dropFirst())),
            environment: .inherit,
            platformOptions: options)
    }
}

/// The first bytes of a command's output; the rest is read and dropped.
final class CapturedOutput: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func append(_ buffer: UnsafeRawBufferPointer) {
        bytes.withLock { kept in
            let room = limit - kept.count
            guard room > 0 else { return }
            kept.append(contentsOf: buffer.prefix(room))
        }
    }

    /// The output as text for people: invalid UTF-8 repaired, terminal escapes made visible, and
    /// cut to `limit` characters again, since escaping a control byte takes four.
    var text: String {
        let escaped = TerminalText.escape(String(decoding: bytes.withLock { $0 }, as: UTF8.self))
        guard escaped.count > limit else { return escaped }
        return String(escaped.prefix(limit - 1)) + "…"
    }
}

/// Whether the command was started, set from inside the run, read after it.
final class StartedFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}

/// The command's standard input: a file, not a pipe, so a command that never reads it or exits
/// before reading it cannot block Vigil or raise SIGPIPE in it, whatever the record's size.
enum StandardInputFile {
    /// A temporary file holding `bytes`, already unlinked, read from its start. The caller closes it.
    static func holding(_ bytes: [UInt8]) throws(Failure) -> Int32 {
        let folder = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((folder + "/vigil-followup-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(operation: "create a file in \(folder)", code: errno) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        // Scan children and other commands started meanwhile must not inherit it.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress! + offset, $0.count - offset, off_t(offset))
            }
            if written < 0 {
                if errno == EINTR { continue }
                let error = Failure(operation: "write", code: errno)
                close(descriptor)
                throw error
            }
            offset += written
        }
        return descriptor
    }

    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var code: Int32
        var description: String { "\(operation): \(String(cString: strerror(code)))" }
    }
}
