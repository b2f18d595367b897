import Foundation
import VigilTestSupport

/// A folder for one test's files, removed when the test lets go of it.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = try FixtureRepository.makeTemporaryFolder()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to `name` inside the folder and returns the file's path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }
}
