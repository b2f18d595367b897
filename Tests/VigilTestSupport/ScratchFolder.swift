import Foundation

/// A fresh temporary folder for one test's own files: configs, rule files, ignore files.
public struct ScratchFolder: Sendable {
    public let path: String

    public init() throws {
        path = try FixtureRepository.makeTemporaryFolder()
    }

    /// Writes `text` to the file `name` in the folder and returns the file's path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}
