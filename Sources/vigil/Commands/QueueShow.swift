import ArgumentParser
import VigilCore
import VigilStore

extension Vigil.Queue {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one alert and the history of its state changes.")

        @OptionGroup var options: QueueOptions

        @Argument(help: "The alert id, or at least its first 8 hex digits (a linked finding's id shows its alert).")
        var id: String

        @Option(help: "text or json (one JSON object).")
        var format: QueueFormat = .text

        func run() throws {
            try exiting {
                let queue = try options.openStore().blocking
                // A cherry-pick's finding linked to an earlier alert is shown as that alert.
                let linkedTo = (try? queue.alertID(linked: self.id.lowercased())) ?? nil
                let id = try linkedTo ?? queue.resolve(self.id)
                let found: (alert: QueuedAlert, history: [AlertStateChange])?
                do throws(AlertStoreError) {
                    found = try queue.alert(id: id)
                } catch {
                    throw VigilExit.usage(error.description)
                }
                guard let found else { throw VigilExit.usage(AlertStoreError.unknownAlert(id).description) }
                let output =
                    switch format {
                    case .json: QueuedAlertJSON.detail(found.alert, history: found.history) + "\n"
                    case .text: QueuedAlertText.detail(found.alert, history: found.history)
                    }
                TextSink.standardOutput.write(output)
            }
        }
    }
}
