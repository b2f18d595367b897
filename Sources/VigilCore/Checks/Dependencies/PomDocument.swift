import Foundation
import VigilGit

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A whole Maven `pom.xml` read with Foundation's `XMLParser`: every `<dependency>`, `<plugin>`,
/// `<parent>` and `<extension>` with its coordinates, and `<properties>` entries ending in
/// `version`. A document with a DOCTYPE is refused before parsing (entity expansion, the "billion
/// laughs", and external entities are never attempted); external entities are also switched off.
enum PomDocument {
    static func dependencies(_ bytes: [UInt8], lines: [DiffLine]) throws(ManifestProblem) -> [DeclaredDependency] {
        if contains(bytes, "<!DOCTYPE") || contains(bytes, "<!ENTITY") {
            throw ManifestProblem(reason: "has a DOCTYPE; entities are not expanded")
        }
        let reader = PomReader()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = reader
        guard parser.parse(), parser.parserError == nil, !reader.tooDeep else {
            throw ManifestProblem(reason: reader.tooDeep ? "nested too deep" : "not well-formed XML")
        }
        return reader.found.map { entry in
            let line = ManifestText.firstLine(containing: "<artifactId>\(entry.artifact)</artifactId>", in: lines)
                ?? ManifestText.firstLine(containing: "<\(entry.artifact)>", in: lines) ?? 1
            return DeclaredDependency(
                name: entry.name, version: entry.version, line: line, key: entry.key
            )
        }
    }

    private static func contains(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        let pattern = Array(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if bytes[start..<start + pattern.count].elementsEqual(pattern) { return true }
        }
        return false
    }
}

/// The SAX delegate behind `PomDocument`; lives for one parse on one thread.
private final class PomReader: NSObject, XMLParserDelegate {
    struct Entry {
        var name: String
        var artifact: String
        var key: String
        var version: String?
    }

    private static let blockTags: Set<String> = ["dependency", "plugin", "parent", "extension"]
    private static let maximumDepth = 64

    var found: [Entry] = []
    var tooDeep = false
    private var path: [String] = []
    /// The coordinates of each open block (a plugin's own dependencies nest inside it).
    private var blocks: [[String: String]] = []
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        path.append(name)
        if path.count > Self.maximumDepth {
            tooDeep = true
            parser.abortParsing()
        }
        if Self.blockTags.contains(name) { blocks.append([:]) }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // Bounded: a value is short; a huge text node is not a coordinate.
        if text.utf8.count < 4096 { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let value = text.trimmingASCIIWhitespace()
        text = ""
        defer { if !path.isEmpty { path.removeLast() } }
        if Self.blockTags.contains(name) {
            if let fields = blocks.popLast(), let artifact = fields["artifactId"], !artifact.isEmpty {
                let group = fields["groupId"]
                found.append(
                    Entry(
                        name: group.map { "\($0):\(artifact)" } ?? artifact, artifact: artifact, key: artifact,
                        version: fields["version"]))
            }
            return
        }
        let parent: String? = path.count >= 2 ? path[path.count - 2] : nil
        if !blocks.isEmpty, let parent, Self.blockTags.contains(parent) {
            blocks[blocks.count - 1][name] = value
        } else if parent == "properties",
            name.hasSuffix(".version") || name.hasSuffix("-version") || name.hasSuffix("Version")
        {
            found.append(Entry(name: name, artifact: name, key: name, version: value))
        }
    }
}
