import ArgumentParser
import VigilCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Vigil {
    /// The daemon's scan child: one repository, one batch of new commits, records on stdout.
    struct ScanBatch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan-batch",
            abstract: "Scan one batch of new commits for the daemon (internal).",
            discussion: """
                Reads one scan-batch request (JSON) on stdin and writes the protocol's records as JSON \
                lines on stdout. Exit status: 0 after the done record, 2 when the request, the config or \
                the repository cannot be used (an error record says why).
                """,
            shouldDisplay: false
        )

        @OptionGroup var options: ConfigOptions

        @Option(
            name: .customLong("memory-limit"),
            help: "Bytes of data memory the child may use (RLIMIT_DATA; 0: no limit).")
        var memoryLimit: UInt64 = 0

        func run() throws {
            // Before anything is read or scanned: the limit is what keeps a hostile repository from
            // taking the host's memory, so it must cover every allocation the scan makes.
            if memoryLimit > 0 {
                var limit = rlimit(rlim_cur: rlim_t(memoryLimit), rlim_max: rlim_t(memoryLimit))
                guard setrlimit(__rlimit_resource_t(RLIMIT_DATA.rawValue), &limit) == 0 else {
                    throw refuse("the memory limit could not be set: \(String(cString: strerror(errno)))")
                }
            }
            let request: ScanBatchRequest
            do {
                request = try ScanBatchRequest.read(from: 0)
            } catch {
                throw refuse(error.message)
            }
            var config: VigilConfig
            do {
                if let text = request.config {
                    config = try ConfigLoader.parse(text, file: options.config, validatingChecks: .standard)
                } else {
                    config = try options.load()
                }
            } catch let problems as ConfigProblems {
                throw refuse(problems.problems.map(\.description).joined(separator: "; "))
            } catch let exit as VigilExit {
                if case .config(let problems) = exit {
                    throw refuse(problems.problems.map(\.description).joined(separator: "; "))
                }
                throw exit.exit()
            }
            if let entry = request.entry {
                guard config.repos.indices.contains(entry) else {
                    throw refuse("the request names [[repos]] table \(entry + 1), and the config has \(config.repos.count)")
                }
                var settings = config.repos[entry]
                settings.path = request.repository
                config.repos = [settings]
            }
            let completed = ScanBatchProducer(config: config, request: request).run { record in
                TextSink.standardOutput.write(record.line() + "\n")
            }
            if !completed { throw ExitCode(VigilExit.usage("").code) }
        }

        /// An `error` record on stdout, for the daemon, and exit 2.
        private func refuse(_ message: String) -> ExitCode {
            TextSink.standardOutput.write(ScanBatchRecord.error(commit: nil, message: message).line() + "\n")
            TextSink.standardError.write("vigil: \(TerminalText.escape(message))\n")
            return ExitCode(VigilExit.usage("").code)
        }
    }
}
