/// One PEP 508 requirement (`requests[socks]>=2.31,<3 ; python_version>"3.8"`, `pkg @ https://…`),
/// read from a requirements file line or a pyproject array element.
struct PythonRequirement: Sendable, Hashable {
    var name: String
    /// The version specifier or URL as written; `nil` for a bare name.
    var version: String?
    /// True when more than a bare name was written (a specifier, extras, a marker or a URL): in a
    /// pyproject array seen without its key, only such elements are taken for requirements.
    var isQualified: Bool

    /// Parses a requirement; `nil` for text that is not one.
    init?(_ text: String) {
        let requirement = text.trimmingASCIIWhitespace()
        let scalars = Array(requirement.unicodeScalars)
        var index = 0
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "-" || scalar == "_" || scalar == "."
        }
        guard let first = scalars.first, isNameScalar(first), first != "-", first != "_", first != "." else {
            return nil
        }
        while index < scalars.count, isNameScalar(scalars[index]) { index += 1 }
        var nameText = String.UnicodeScalarView(scalars[0..<index])
        while let last = nameText.last, last == "." || last == "-" || last == "_" { nameText.removeLast() }
        name = String(nameText)
        var rest = String(String.UnicodeScalarView(scalars[index...])).trimmingASCIIWhitespace()
        var qualified = false
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            rest = String(rest[rest.index(after: close)...]).trimmingASCIIWhitespace()
            qualified = true
        }
        if let semicolon = rest.firstIndex(of: ";") {
            rest = String(rest[..<semicolon]).trimmingASCIIWhitespace()
            qualified = true
        }
        if rest.hasPrefix("@") {
            version = String(rest.dropFirst()).trimmingASCIIWhitespace()
            isQualified = true
            return
        }
        if rest.hasPrefix("(") && rest.hasSuffix(")") { rest = String(rest.dropFirst().dropLast()) }
        // Anything left must be a specifier list: `>=1,<2`, `==1.0.*`, `~=1.4`, `===x`.
        if !rest.isEmpty {
            guard let lead = rest.first, "<>=!~".contains(lead) else { return nil }
            qualified = true
        }
        version = rest.isEmpty ? nil : rest.replacingASCII(" ", with: "")
        isQualified = qualified
    }

    /// The name from a URL's `#egg=name` fragment (`-e git+https://…#egg=pkg`).
    static func eggName(in text: String) -> String? {
        guard let range = text.firstRange(of: "#egg=") ?? text.firstRange(of: "&egg=") else { return nil }
        let tail = text[range.upperBound...]
        let name = tail.prefix { $0 != "&" && $0 != " " && $0 != "[" }
        return name.isEmpty ? nil : String(name)
    }
}
