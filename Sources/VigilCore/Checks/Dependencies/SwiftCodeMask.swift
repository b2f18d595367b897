/// Lexes Swift source line by line and blanks what is not code: comments (`//`, nested `/* */`) and
/// string literals (`"…"`, multi-line `"""…"""`, raw `#"…"#`), each character replaced by a space
/// so positions still match the original line. `Package.swift` is read this way, never run, so a
/// `.package(` written inside a comment or a string is not taken for a dependency.
struct SwiftCodeMask {
    private var commentDepth = 0
    /// The open multi-line string's closing delimiter's `#` count, when inside one.
    private var multilineHashes: Int?

    /// `line` with comments and string contents blanked; quote characters are blanked too.
    mutating func code(of line: String) -> [Character] {
        let characters = Array(line)
        var output = characters
        var index = 0
        func blank(_ range: Range<Int>) {
            for position in range where position < output.count { output[position] = " " }
        }
        while index < characters.count {
            if commentDepth > 0 {
                if starts(characters, at: index, with: "*/") {
                    commentDepth -= 1
                    blank(index..<index + 2)
                    index += 2
                } else if starts(characters, at: index, with: "/*") {
                    commentDepth += 1
                    blank(index..<index + 2)
                    index += 2
                } else {
                    blank(index..<index + 1)
                    index += 1
                }
                continue
            }
            if let hashes = multilineHashes {
                let closing = "\"\"\"" + String(repeating: "#", count: hashes)
                if starts(characters, at: index, with: closing) {
                    blank(index..<index + closing.count)
                    index += closing.count
                    multilineHashes = nil
                } else {
                    if characters[index] == "\\", hashes == 0 { blank(index..<index + 1); index += 1 }
                    blank(index..<index + 1)
                    index += 1
                }
                continue
            }
            if starts(characters, at: index, with: "//") {
                blank(index..<characters.count)
                break
            }
            if starts(characters, at: index, with: "/*") {
                commentDepth += 1
                blank(index..<index + 2)
                index += 2
                continue
            }
            var hashes = 0
            while index + hashes < characters.count, characters[index + hashes] == "#" { hashes += 1 }
            guard index + hashes < characters.count, characters[index + hashes] == "\"" else {
                index += max(hashes, 1)
                continue
            }
            let start = index
            index += hashes
            if starts(characters, at: index, with: "\"\"\"") {
                multilineHashes = hashes
                blank(start..<characters.count)
                break
            }
            // A one-line string: up to the quote followed by the same number of `#`.
            index += 1
            let closing = "\"" + String(repeating: "#", count: hashes)
            while index < characters.count {
                if characters[index] == "\\", hashes == 0 {
                    index += 2
                } else if starts(characters, at: index, with: closing) {
                    index += closing.count
                    break
                } else {
                    index += 1
                }
            }
            blank(start..<min(index, characters.count))
        }
        return output
    }

    private func starts(_ characters: [Character], at index: Int, with prefix: String) -> Bool {
        var position = index
        for character in prefix {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
        }
        return true
    }
}
