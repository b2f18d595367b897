import ArgumentParser
import Foundation
import VigilCore
import VigilStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every state change takes: the alert and who makes the change.
struct QueueChangeOptions: ParsableArguments {
    @OptionGroup var options: QueueOptions

    @Argument(help: "The alert id, or at least its first 8 hex digits.")
    var id: String

    @Option(help: "Who makes the change (default: the login user, $SUDO_USER first).")
    var by: String?

    /// Moves the alert to `state` and prints where it stands now.
    func apply(_ state: AlertState, note: String?) throws {
        let queue = try options.openStore().blocking
        let id = try queue.resolve(id)
        do throws(AlertStoreError) {
            let alert = try queue.transition(id: id, to: state, by: by ?? Self.loginUser(), note: note)
            TextSink.standardOutput.write(QueuedAlertText.changed(alert) + "\n")
        } catch {
            throw VigilExit.usage(error.description)
        }
    }

    func validate() throws {
        if let by, by.allSatisfy(\.isWhitespace) { throw ValidationError("--by must name someone") }
    }

    /// The person behind the command: the user who ran `sudo` rather than root, then the login
    /// name, then the name of the process's user id.
    static func loginUser() -> String {
        let environment = ProcessInfo.processInfo.environment
        for name in ["SUDO_USER", "USER", "LOGNAME"] {
            if let user = environment[name], !user.isEmpty { return user }
        }
        let uid = getuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid \(uid)"
    }
}

extension Vigil.Queue {
    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge an open alert: someone is on it.")

        @OptionGroup var change: QueueChangeOptions

        @Option(help: "A note for the history.")
        var note: String?

        func run() throws {
            try exiting { try change.apply(.acked, note: note) }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve an open or acknowledged alert.")

        @OptionGroup var change: QueueChangeOptions

        @Option(help: "A note for the history.")
        var note: String?

        func run() throws {
            try exiting { try change.apply(.resolved, note: note) }
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dismiss an alert, with a reason; the same finding never reopens by itself.")

        @OptionGroup var change: QueueChangeOptions

        @Option(help: "Why it needs no follow-up (required).")
        var reason: String

        func validate() throws {
            if reason.allSatisfy(\.isWhitespace) {
                throw ValidationError("--reason must say why the alert is dismissed")
            }
        }

        func run() throws {
            try exiting { try change.apply(.dismissed, note: reason) }
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reopen an acknowledged, resolved or dismissed alert.")

        @OptionGroup var change: QueueChangeOptions

        @Option(help: "A note for the history.")
        var note: String?

        func run() throws {
            try exiting { try change.apply(.open, note: note) }
        }
    }
}
