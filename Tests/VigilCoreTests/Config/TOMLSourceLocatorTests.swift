import Testing

@testable import VigilCore

/// The locator finds the line of keys wherever TOML lets them be written.
@Suite struct TOMLSourceLocatorTests {
    private func line(_ map: TOMLSourceMap, _ components: TOMLPathComponent...) -> Int? {
        map.line(of: components)
    }

    @Test func tablesArraysOfTablesAndTheirKeys() {
        let map = TOMLSourceLocator.locate(
            """
            top = 1
            [daemon]
            poll_interval = "30s"

            [[repos]]
            path = "/a"
            [repos.checks.mass-deletion]
            max_deleted_lines = 5
            [[repos]]
            path = "/b"
              [ repos . checks . secrets ]
              rules = "builtin"
            [[attribution.signatures]]
            tool = "x"
            """)
        #expect(line(map, .key("top")) == 1)
        #expect(line(map, .key("daemon")) == 2)
        #expect(line(map, .key("daemon"), .key("poll_interval")) == 3)
        #expect(line(map, .key("repos")) == 5)
        #expect(line(map, .key("repos"), .index(0)) == 5)
        #expect(line(map, .key("repos"), .index(0), .key("path")) == 6)
        #expect(line(map, .key("repos"), .index(0), .key("checks")) == 7)
        #expect(line(map, .key("repos"), .index(0), .key("checks"), .key("mass-deletion")) == 7)
        #expect(
            line(map, .key("repos"), .index(0), .key("checks"), .key("mass-deletion"), .key("max_deleted_lines")) == 8)
        #expect(line(map, .key("repos"), .index(1)) == 9)
        #expect(line(map, .key("repos"), .index(1), .key("path")) == 10)
        #expect(line(map, .key("repos"), .index(1), .key("checks"), .key("secrets")) == 11)
        #expect(line(map, .key("repos"), .index(1), .key("checks"), .key("secrets"), .key("rules")) == 12)
        #expect(line(map, .key("attribution")) == 13)
        #expect(line(map, .key("attribution"), .key("signatures"), .index(0), .key("tool")) == 14)
    }

    @Test func dottedQuotedAndInlineKeys() {
        let map = TOMLSourceLocator.locate(
            """
            a.b.c = 1
            "quoted.key" = 2
            'literal key' . inner = 3
            "esc\\u0041ped" = 4
            t = { x = 1, y = { z = [ { w = 2 } ] } }
            """)
        #expect(line(map, .key("a")) == 1)
        #expect(line(map, .key("a"), .key("b"), .key("c")) == 1)
        #expect(line(map, .key("quoted.key")) == 2)
        #expect(line(map, .key("literal key"), .key("inner")) == 3)
        #expect(line(map, .key("escAped")) == 4)
        #expect(line(map, .key("t"), .key("y"), .key("z"), .index(0), .key("w")) == 5)
    }

    @Test func multiLineStringsAndArraysKeepCountingLines() {
        let map = TOMLSourceLocator.locate(
            """
            a = \"\"\"
            one
            [not.a.table]
            two\"\"\"
            b = '''
            x = "not a key"
            '''
            c = [
              "first",  # a comment with "quotes" and ] brackets
              { k = 1 },
              [ 1,
                2 ],
            ]
            d = "after # not a comment" # comment \"\"\"
            e = \"\"\"\\
                continued\\
                \"\"\"
            f = 1979-05-27 07:32:00Z
            g = 2
            """)
        #expect(line(map, .key("a")) == 1)
        #expect(line(map, .key("b")) == 5)
        #expect(line(map, .key("x")) == nil)
        #expect(line(map, .key("not")) == nil)
        #expect(line(map, .key("c")) == 8)
        #expect(line(map, .key("c"), .index(0)) == 9)
        #expect(line(map, .key("c"), .index(1), .key("k")) == 10)
        #expect(line(map, .key("c"), .index(2)) == 11)
        #expect(line(map, .key("c"), .index(2), .index(1)) == 12)
        #expect(line(map, .key("d")) == 14)
        #expect(line(map, .key("e")) == 15)
        #expect(line(map, .key("f")) == 18)
        #expect(line(map, .key("g")) == 19)
    }

    @Test func crlfAndByteOrderMark() {
        let map = TOMLSourceLocator.locate("\u{FEFF}a = 1\r\n[t]\r\nb = 2\r\n")
        #expect(line(map, .key("a")) == 1)
        #expect(line(map, .key("t"), .key("b")) == 3)
    }

    @Test func nestedArraysOfTables() {
        let map = TOMLSourceLocator.locate(
            """
            [[a]]
            [[a.b]]
            x = 1
            [[a.b]]
            x = 2
            [[a]]
            [[a.b]]
            x = 3
            """)
        #expect(line(map, .key("a"), .index(0), .key("b"), .index(1), .key("x")) == 5)
        #expect(line(map, .key("a"), .index(1)) == 6)
        #expect(line(map, .key("a"), .index(1), .key("b"), .index(0), .key("x")) == 8)
    }

    @Test func garbageNeitherCrashesNorHangs() {
        let inputs = [
            "[", "[[", "\"", "'''", "a = [", "a = {", "a = { b", "= = =", "]]]]", "a.b. = 1", "\\u", "\"\\u12",
            String(repeating: "[", count: 10_000), String(repeating: "{", count: 10_000),
            "a = " + String(repeating: "[{x=", count: 5_000),
        ]
        for input in inputs {
            _ = TOMLSourceLocator.locate(input)
        }
    }

    @Test func pathsReadBackDotted() {
        let path: TOMLPath = [.key("repos"), .index(2), .key("checks"), .key("mass-deletion"), .key("a.b")]
        #expect(path.dotted == #"repos[2].checks.mass-deletion."a.b""#)
    }
}
