import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil {
    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List alerts in the queue and follow them up.",
            discussion: """
                The queue is queue.sqlite in the config's [daemon] state_dir. Exit status: 0 done, 2 usage \
                or config error, unknown alert id, a change the alert's state does not allow, or a queue \
                that cannot be opened.
                """,
            subcommands: [List.self, Show.self, Ack.self, Resolve.self, Dismiss.self, Reopen.self]
        )
    }
}

/// What every `queue` subcommand takes: the config that names the queue.
struct QueueOptions: ParsableArguments {
    @OptionGroup var config: ConfigOptions

    /// The queue of the config in force, or exit 2 saying why it cannot be opened.
    func openStore() throws -> SQLiteAlertStore {
        let settings = try config.load()
        do throws(AlertStoreError) {
            return try SQLiteAlertStore(path: QueueLocation.path(stateDirectory: settings.daemon.stateDirectory))
        } catch {
            throw VigilExit.usage(error.description)
        }
    }
}

/// The output formats of `queue list` and `queue show`.
enum QueueFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension SQLiteAlertStore.Blocking {
    /// The alert `idOrPrefix` names: a whole id, or at least 8 leading hex digits of exactly one.
    func resolve(_ idOrPrefix: String) throws -> String {
        do {
            if try alert(id: idOrPrefix) != nil { return idOrPrefix }
            let isPrefix = idOrPrefix.utf8.count >= 8 && idOrPrefix.utf8.allSatisfy { $0 < 0x80 && $0.isHexDigit }
            guard isPrefix else { throw VigilExit.usage(AlertStoreError.unknownAlert(idOrPrefix).description) }
            let matches = try ids(withPrefix: idOrPrefix.lowercased(), limit: 6)
            switch matches.count {
            case 0: throw VigilExit.usage(AlertStoreError.unknownAlert(idOrPrefix).description)
            case 1: return matches[0]
            default:
                let shown = matches.prefix(5).map { TerminalText.escape($0) }.joined(separator: ", ")
                let more = matches.count > 5 ? ", …" : ""
                throw VigilExit.usage(
                    "the id prefix \(idOrPrefix) names more than one alert (\(shown)\(more)); give more digits")
            }
        } catch let error as AlertStoreError {
            throw VigilExit.usage(error.description)
        }
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
