import ArgumentParser
import VigilCore

/// Every way a command ends other than success, mapped to exit codes in one place
/// (DESIGN.md: 0 clean, 1 alerts at or above `--fail-on`, 2 usage, config or repository error,
/// 3 finished but some objects could not be read).
enum VigilExit: Error {
    case alerts
    case config(ConfigProblems)
    case repository(String)
    case usage(String)
    case unreadableObjects

    var code: Int32 {
        switch self {
        case .alerts: 1
        case .config, .repository, .usage: 2
        case .unreadableObjects: 3
        }
    }

    /// Writes the message for this exit to stderr and turns it into ArgumentParser's exit.
    func exit() -> ExitCode {
        switch self {
        case .config(let problems):
            for problem in problems.problems {
                TextSink.standardError.write("vigil: \(TerminalText.escape(problem.description))\n")
            }
        case .repository(let message), .usage(let message):
            TextSink.standardError.write("vigil: \(TerminalText.escape(message))\n")
        case .alerts, .unreadableObjects:
            break
        }
        return ExitCode(code)
    }
}

extension ParsableCommand {
    /// Runs `body`, mapping Vigil's errors to their exit codes.
    func exiting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as VigilExit {
            throw exit.exit()
        }
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, mapping Vigil's errors to their exit codes.
    func exiting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as VigilExit {
            throw exit.exit()
        }
    }
}
