import Testing
import VigilGit

@Suite("Object ids")
struct ObjectIDTests {
    @Test func parsesFullHexAndLowercasesIt() throws {
        let id = try #require(ObjectID(hex: "ABCDEF0123456789ABCDEF0123456789ABCDEF01"))
        #expect(id.hex == "abcdef0123456789abcdef0123456789abcdef01")
        #expect(id.short == "abcdef012345")
        #expect(id.description == id.hex)
        #expect(!id.isZero)
    }

    @Test func rejectsAnythingElse() {
        #expect(ObjectID(hex: "abc") == nil)
        #expect(ObjectID(hex: String(repeating: "g", count: 40)) == nil)
        #expect(ObjectID(hex: String(repeating: "a", count: 41)) == nil)
        #expect(ObjectID(hex: " " + String(repeating: "a", count: 39)) == nil)
        #expect(ObjectID(hex: "") == nil)
    }

    @Test func zeroAndOrdering() throws {
        let zero = try #require(ObjectID(hex: String(repeating: "0", count: 40)))
        let one = try #require(ObjectID(hex: String(repeating: "0", count: 39) + "1"))
        #expect(zero.isZero)
        #expect(zero < one)
    }
}
