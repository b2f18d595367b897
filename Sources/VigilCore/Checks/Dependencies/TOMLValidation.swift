import TOMLKit

/// Parses a TOML manifest with TOMLKit only to learn whether it is TOML: the line reader then
/// reads the whole, valid file with every table header in view. Invalid TOML is said, not guessed.
enum TOMLValidation {
    static func validate(_ text: String) throws(ManifestProblem) {
        do {
            _ = try TOMLTable(string: text)
        } catch {
            throw ManifestProblem(reason: "not valid TOML")
        }
    }
}
