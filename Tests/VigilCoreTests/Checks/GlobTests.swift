import Testing

@testable import VigilCore

@Suite("Glob")
struct GlobTests {
    private func matches(_ pattern: String, _ path: String) throws -> Bool {
        try Glob(pattern).matches(path)
    }

    @Test("* stays within a segment, ** crosses segments")
    func starsAndDoubleStars() throws {
        #expect(try matches("src/*.swift", "src/main.swift"))
        #expect(try !matches("src/*.swift", "src/deep/main.swift"))
        #expect(try matches("src/**/*.swift", "src/main.swift"))
        #expect(try matches("src/**/*.swift", "src/a/b/c/main.swift"))
        #expect(try matches("migrations/**", "migrations/2024/001_init.sql"))
        #expect(try !matches("migrations/**", "migrations"), "foo/** is what is inside foo")
        #expect(try matches("**/migrations/**", "db/migrations/001.sql"))
        #expect(try matches("**/migrations/**", "migrations/001.sql"))
        #expect(try !matches("**/migrations/**", "db/migrations_old/001.sql"))
    }

    @Test("? [abc] [a-z] [!x] and escapes")
    func characterClasses() throws {
        #expect(try matches("file?.txt", "file1.txt"))
        #expect(try !matches("file?.txt", "file10.txt"))
        #expect(try matches("[abc].md", "b.md"))
        #expect(try !matches("[abc].md", "d.md"))
        #expect(try matches("v[0-9].json", "v7.json"))
        #expect(try matches("[!.]*", "visible"))
        #expect(try !matches("[!.]*", ".hidden"))
        #expect(try matches("[^.]*", "visible"))
        #expect(try matches(#"\*.txt"#, "*.txt"))
        #expect(try !matches(#"\*.txt"#, "a.txt"))
    }

    @Test("a pattern without a slash matches at any depth, like .gitignore")
    func floatingPatterns() throws {
        #expect(try matches("CODEOWNERS", "CODEOWNERS"))
        #expect(try matches("CODEOWNERS", ".github/CODEOWNERS"))
        #expect(try matches("*.tf", "infra/prod/main.tf"))
        #expect(try matches("billing", "src/billing/invoice.py"), "a matched directory covers its contents")
        #expect(try !matches("*.tf", "main.tfvars"))
    }

    @Test("a slash anchors at the root; a trailing slash means a directory")
    func anchoredPatterns() throws {
        #expect(try matches("/build", "build/out.o"))
        #expect(try !matches("/build", "src/build/out.o"))
        #expect(try matches("docs/api", "docs/api/index.md"))
        #expect(try !matches("docs/api", "src/docs/api/index.md"))
        #expect(try matches("vendor/", "vendor/x.js"))
        #expect(try matches("vendor/", "lib/vendor/x.js"))
        #expect(try !matches("vendor/", "vendor"), "a trailing slash matches only directories")
    }

    @Test("matching is case-sensitive")
    func caseSensitive() throws {
        #expect(try !matches("Jenkinsfile", "jenkinsfile"))
        #expect(try !matches("*.MD", "README.md"))
    }

    @Test("invalid patterns are rejected with a reason")
    func invalidPatterns() {
        #expect(throws: GlobError.self) { try Glob("src/[abc") }
        #expect(throws: GlobError.self) { try Glob("") }
        #expect(throws: GlobError.self) { try Glob("/") }
        #expect(throws: GlobError.self) { try Glob("[z-a]") }
    }

    @Test("a set names the first glob that matches")
    func globSet() throws {
        let set = try GlobSet(patterns: ["*.png", "assets/**"])
        #expect(set.firstMatch("assets/logo.png")?.pattern == "*.png")
        #expect(set.firstMatch("assets/data.bin")?.pattern == "assets/**")
        #expect(set.firstMatch("src/main.c") == nil)
        #expect(!GlobSet([]).matches("anything"))
    }

    @Test("pathological patterns and paths stay fast and do not crash")
    func pathological() throws {
        let glob = try Glob("**/*a*a*a*a*a*a*b")
        let long = String(repeating: "a", count: 5000)
        #expect(!glob.matches(long))
        let deep = Array(repeating: "x", count: 500).joined(separator: "/")
        #expect(try !Glob("**/**/**/y/**").matches(deep))
        #expect(try Glob("**/x").matches(deep))
        #expect(try !Glob("a").matches(""))
    }
}
