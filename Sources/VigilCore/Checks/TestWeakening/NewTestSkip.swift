import VigilGit

/// Tells a skip on a test the commit adds from one on a test that ran before.
///
/// A benchmark added as `#[ignore] fn benchmark_rebase()` or a new `@pytest.mark.skip` test weakens
/// nothing: no test that ran before runs less. The test is new when its declaration is an added
/// line of the same block as the marker:
/// - after an attribute-style marker (`#[ignore]`, `@Disabled`, `@pytest.mark.skip`), the item it
///   decorates: the next line at the marker's indentation, past other attributes and comments;
/// - before a body-style marker (`t.Skip(…)`, `pytest.skip(…)`, `XCTSkip`), the enclosing
///   declaration: the nearest line above with less indentation;
/// - on the marker's own line (`it.skip("adds an item", …)`).
/// Every line between the marker and the declaration must be added too, so a skip inserted into an
/// existing test (whose declaration is context, not added) is never new. And when the file loses a
/// test (a declaration named or marked as a test, removed or renamed in the same commit), no skip
/// in it counts as new: renaming a test while skipping it would otherwise pass as a new, skipped
/// test. Removed helper functions do not count, so a refactor that adds benchmarks stays quiet.
struct NewTestSkip {
    /// A line that declares a function or a test block.
    static let declaration = try? Regex(
        #"\b(?:fn|def|func|fun)\s+\w+|\bvoid\s+\w+\s*\(|^\s*(?:it|test|describe|context|specify|bench|scenario)"#
            + #"\b[\w.]*\s*\(\s*['"`]|^\s*(?:it|test|describe|context|specify|scenario)\s+['"]"#
    )
    /// Lines that may sit between an attribute-style marker and what it decorates.
    static let decoration = try? Regex(#"^\s*(?:#\[|@|//|#|///|/\*|\*|$)"#)

    /// A declaration that is a test by its name (`test_x`, `TestX`, `testX`, `x_test`) or its kind
    /// (`it(…)`, `test(…)`, `describe(…)` blocks).
    static let testDeclaration = try? Regex(
        #"\b(?:fn|def|func|fun|void)\s+(?:[Tt]est\w*|\w*_test)\b|^\s*(?:it|test|describe|context|specify|scenario)\b"#
    )
    /// An attribute that makes the next declaration a test (`#[test]`, `#[tokio::test]`, `@Test`).
    static let testAttribute = try? Regex(#"#\[(?:\w+::)?test\b|@(?:\w+\.)*(?:Test|ParameterizedTest|pytest)\b"#)

    /// Added lines by number.
    private let added: [Int: String]
    /// True when a test declaration was removed and not added back unchanged: a test removed or
    /// renamed in this commit.
    let losesATest: Bool

    init(_ file: FileChange) {
        var added: [Int: String] = [:]
        for line in file.addedLines { added[line.number] = line.text }
        self.added = added
        let addedTexts = Set(file.addedLines.map { $0.text.trimmingASCIIWhitespace() })
        var previous: DiffLine?
        var losesATest = false
        for line in file.removedLines {
            defer { previous = line }
            guard Self.declaration?.matches(line.text) == true,
                  !addedTexts.contains(line.text.trimmingASCIIWhitespace())
            else { continue }
            let attribute = previous.flatMap { $0.number == line.number - 1 ? $0.text : nil }
            if Self.testDeclaration?.matches(line.text) == true
                || attribute.map({ Self.testAttribute?.matches($0) == true }) == true
            {
                losesATest = true
                break
            }
        }
        self.losesATest = losesATest
    }

    /// True when the marker on added line `number` skips a test declared in the same added block.
    func isOnNewTest(markerLine number: Int) -> Bool {
        guard !losesATest, let marker = added[number] else { return false }
        if Self.declaration?.matches(marker) == true { return true }
        let indent = Self.indentation(marker)
        // Forward: the item an attribute decorates.
        var next = number + 1
        while let text = added[next], next - number <= 8 {
            if Self.indentation(text) == indent, Self.declaration?.matches(text) == true { return true }
            guard Self.decoration?.matches(text) == true else { break }
            next += 1
        }
        // Backward: the declaration that encloses a body-style marker.
        var previous = number - 1
        while let text = added[previous], number - previous <= 200 {
            let isBlank = text.allSatisfy { $0 == " " || $0 == "\t" }
            if !isBlank, Self.indentation(text) < indent {
                return Self.declaration?.matches(text) == true
            }
            previous -= 1
        }
        return false
    }

    /// Leading spaces and tabs, a tab counted as one column: only comparisons within one file matter.
    static func indentation(_ line: String) -> Int {
        line.utf8.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
    }
}
