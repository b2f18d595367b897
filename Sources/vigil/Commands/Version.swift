import ArgumentParser
import VigilCore

extension Vigil {
    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print Vigil's version and libgit2's.")

        func run() {
            print("vigil \(VigilVersion.string) (libgit2 \(VigilVersion.libgit2))")
        }
    }
}
