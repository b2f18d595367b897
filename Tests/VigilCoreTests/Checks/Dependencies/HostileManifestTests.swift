import Foundation
import Testing
import VigilGit

@testable import VigilCore

/// Manifests built to hurt the reader: each must finish, crash nothing, and still say what changed.
@Suite("dependency-change on hostile manifests")
struct HostileManifestTests {
    private func findings(_ path: String, old: [UInt8]?, new: [UInt8]?) throws -> [Finding] {
        try ManifestFixture.findings([ManifestFixture.change(path, oldBytes: old, newBytes: new)])
    }

    @Test("a huge package.json within the cap is read; the per-file cap sums up the rest")
    func huge() throws {
        let entries = (0..<20_000).map { "\"p\($0)\":\"1.0.\($0)\"" }.joined(separator: ",")
        let new = Array("{\"dependencies\":{\(entries)}}".utf8)
        let found = try findings("package.json", old: Array("{}".utf8), new: new)
        #expect(found.count == 101)
        #expect(found.last?.title == "19900 more dependency changes in package.json")
    }

    @Test("deep nesting in JSON and TOML is refused before parsing, and said")
    func deepNesting() throws {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let json = try findings("package.json", old: Array("{}".utf8), new: Array(deep.utf8))
        #expect(json.map(\.title) == ["Manifest could not be compared: package.json"])
        #expect(json.first?.evidence.contains("new side nested deeper than 64 levels") == true)
        let toml = try findings("Cargo.toml", old: Array("[dependencies]\n".utf8), new: Array("a = \(deep)\n".utf8))
        #expect(toml.first?.evidence.contains("nested deeper") == true)
    }

    @Test("invalid UTF-8 is said; the changed lines are still read")
    func invalidUTF8() throws {
        let old = Array("{\"dependencies\":{\n\"a\":\"1.0.0\"\n}}\n".utf8)
        let new = Array("{\"dependencies\":{\n\"a\":\"1.0.0\",\n\"evil\":\"6.6.6\"\n}, \"x\":\"".utf8) + [0xC3, 0x28]
            + Array("\"}\n".utf8)
        let found = try findings("package.json", old: old, new: new)
        #expect(found.map(\.title) == ["New dependency: evil 6.6.6 (package.json)"])
        #expect(found.first?.evidence.contains("new side not valid UTF-8") == true)
    }

    @Test("duplicate JSON keys: one finding for the package, whichever value the parser kept")
    func duplicateKeys() throws {
        let new = #"{"dependencies":{"x":"1.0.0","x":"2.0.0"},"dependencies":{"y":"3.0.0","x":"4.0.0"}}"#
        let found = try findings("package.json", old: Array("{}".utf8), new: Array(new.utf8))
        #expect(found.count >= 1 && found.count <= 2)
        #expect(Set(found.map(\.title)).count == found.count)
        #expect(found.allSatisfy { $0.title.hasPrefix("New dependency: ") })
    }

    @Test("TOML that does not parse falls back to the changed lines, with the reason")
    func brokenTOML() throws {
        let old = Array("[dependencies]\nserde = \"1\"\n".utf8)
        let new = Array("[dependencies\nserde = \"1\"\nregex = \"1.10\"\nbroken = = =\n".utf8)
        let found = try findings("Cargo.toml", old: old, new: new)
        #expect(found.map(\.title) == ["New dependency: regex 1.10 (Cargo.toml)"])
        #expect(found.first?.evidence.contains("new side not valid TOML") == true)
    }

    @Test("XML with a DOCTYPE (billion laughs, external entities) is never expanded")
    func xmlEntities() throws {
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            laughs += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1 == 0 ? "" : "\(level - 1)");", count: 10)
                + "\">\n"
        }
        laughs += "]>\n<project><dependencies>\n<dependency><groupId>g</groupId><artifactId>&lol9;</artifactId>"
            + "<version>1</version></dependency>\n</dependencies></project>\n"
        let found = try findings("pom.xml", old: Array("<project/>\n".utf8), new: Array(laughs.utf8))
        #expect(found.count == 1)
        #expect(found.first?.evidence.contains("has a DOCTYPE") == true)
        #expect(found.allSatisfy { !$0.title.contains("lollol") })

        let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + "<project><properties><x.version>&x;</x.version></properties></project>\n"
        let leaked = try findings("pom.xml", old: Array("<project/>\n".utf8), new: Array(external.utf8))
        #expect(leaked.allSatisfy { !$0.evidence.contains("root:") && !$0.title.contains("root:") })
    }

    @Test("XML that is not well formed is said")
    func brokenXML() throws {
        let found = try findings(
            "pom.xml", old: Array("<project/>\n".utf8), new: Array("<project><dependencies>\n<oops\n".utf8))
        #expect(found.map(\.title) == ["Manifest could not be compared: pom.xml"])
        #expect(found.first?.evidence.contains("not well-formed XML") == true)
    }

    @Test("Package.swift: .package( in comments and string literals is no dependency; real calls are")
    func swiftStringTricks() throws {
        let old = "let package = Package(name: \"A\", dependencies: [])\n"
        let new = #"""
            // .package(url: "https://github.com/evil/commented", from: "1.0.0"),
            /* .package(url: "https://github.com/evil/blocked", from: "1.0.0"),
               still a comment */
            let decoy = ".package(url: \"https://github.com/evil/quoted\", from: \"1.0.0\")"
            let raw = """
                .package(url: "https://github.com/evil/multiline", from: "1.0.0")
                """
            let package = Package(name: "A", dependencies: [
                .package(url: "https://github.com/real/dep", from: "2.0.0"),
            ])
            """#
        let found = try findings("Package.swift", old: Array(old.utf8), new: Array(new.utf8))
        #expect(found.map(\.title) == ["New dependency: dep from 2.0.0 at https://github.com/real/dep (Package.swift)"])
    }
}
