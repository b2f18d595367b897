import Foundation
import Testing
import VigilTestSupport

/// `[attribution] disabled` problems carry the line they were written on.
@Suite struct AttributionDisabledCommandTests {
    @Test(arguments: [
        ("[attribution]\n\ndisabled = [\"claude-code.trailer\", \"no-such.id\"]\n", "no-such.id"),
        ("[attribution]\n\ndisabled = \"claude-code.trailer\"\n", "expected an array of strings"),
        ("[attribution]\n\ndisabled = [\"claude-code.trailer\", 7]\n", "expected an array of strings"),
        ("[attribution]\n\ndisabled = 1979-05-27\n", "expected an array of strings"),
    ])
    func problemsNameTheLine(text: String, message: String) throws {
        let folder = try FixtureRepository.makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/vigil.toml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try VigilBinary.run(["config", "check", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(path + ":3: attribution.disabled: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
