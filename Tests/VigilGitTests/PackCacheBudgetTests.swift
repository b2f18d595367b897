import CGit2
import Testing

@testable import VigilGit

/// The delta base caches of all pack readers share one budget for the process, instead of a fixed
/// cache per worker that grew with the core count.
@Suite struct PackCacheBudgetTests {
    @Test func theBudgetIsSplitEquallyAmongTheLiveReaders() {
        #expect(PackCacheBudget.share(of: 256 << 20, among: 1) == 256 << 20)
        #expect(PackCacheBudget.share(of: 256 << 20, among: 4) == 64 << 20)
        #expect(PackCacheBudget.share(of: 256 << 20, among: 64) == 4 << 20)
        #expect(PackCacheBudget.share(of: 256 << 20, among: 0) == 256 << 20, "no reader yet: the whole budget")
        #expect(PackCacheBudget.share(of: 256 << 20, among: 100_000) == PackCacheBudget.minimumShareBytes)
        #expect(PackCacheBudget.share(of: 0, among: 3) == PackCacheBudget.minimumShareBytes)
    }

    @Test func aCacheStaysWithinTheShareItIsGiven() {
        var cache = DeltaBaseCache()
        let object = CachedObject(type: GIT_OBJECT_BLOB, bytes: [UInt8](repeating: 7, count: 1000))
        for offset in 0..<5000 {
            cache.insert(object, 0, offset, limitBytes: 100_000)
            #expect(cache.bytes <= 100_000)
        }
        #expect(cache[0, 4999] != nil, "the newest object stays")
        #expect(cache[0, 0] == nil, "the oldest was evicted")
        // A smaller share (another reader opened) evicts down to it on the next insert.
        cache.insert(object, 1, 0, limitBytes: 20_000)
        #expect(cache.bytes <= 20_000)
    }
}
