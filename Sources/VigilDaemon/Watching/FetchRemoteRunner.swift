import Subprocess
import VigilCore

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The daemon's side of `vigil fetch-remote` (`FetchRemoteChild`): runs the child for a repository
/// with `fetch = true` before its refs are read, and says how it went in words fit for the log.
///
/// The child ends itself at its timeout plus a grace period (its own alarm), so waiting for it is
/// bounded; the daemon adds no timer of its own.
public struct FetchRemoteRunner: Sendable {
    public var executable: String
    public var timeout: Duration

    public init(executable: String, timeout: Duration = FetchRemoteChild.defaultTimeout) {
        self.executable = executable
        self.timeout = timeout
    }

    /// What one fetch came to.
    public enum Outcome: Sendable, Hashable {
        case fetched
        /// Failed; `message` is the child's stderr line (already escaped by the child, escaped
        /// again here since the daemon believes nothing a child says).
        case failed(status: String, message: String)
    }

    public func fetch(repository: String) async -> Outcome {
        var platform = PlatformOptions()
        platform.createSession = true
        do {
            let result = try await Subprocess.run(
                .path(FilePath(executable)),
                arguments: Arguments(FetchRemoteChild.arguments(repository: repository, timeout: timeout)),
                environment: .custom([Array("PATH=/usr/bin:/bin".utf8), Array("LC_ALL=C".utf8)]),
                platformOptions: platform, input: .none, output: .discarded, error: .string(limit: 4096))
            let message = TerminalText.escape(String(result.standardError.prefix(1000)))
            switch result.terminationStatus {
            case .exited(let code) where code == FetchRemoteChild.Status.fetched.rawValue:
                return .fetched
            case .exited(let code):
                let status = FetchRemoteChild.Status(rawValue: code).map { "\($0)" } ?? "exit status \(code)"
                return .failed(status: status, message: message)
            case .signaled(let signal):
                return .failed(status: "killed by signal \(signal)", message: message)
            }
        } catch {
            return .failed(status: "could not start", message: TerminalText.escape("\(error)".prefix(500).description))
        }
    }
}
