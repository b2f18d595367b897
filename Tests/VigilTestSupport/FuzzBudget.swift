#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long the fuzz loops run. `make test` runs each loop's bounded share with a fixed seed, so a
/// failure there reproduces; `make fuzz` multiplies the share (`VIGIL_FUZZ_SCALE`) and picks a new
/// seed each run (`VIGIL_FUZZ_SEED`), which the failing test prints so the case can be replayed.
public enum FuzzBudget {
    /// The iterations for a loop whose share in `make test` is `base`.
    public static func iterations(_ base: Int) -> Int {
        base * max(1, environmentInteger("VIGIL_FUZZ_SCALE") ?? 1)
    }

    /// The seed of this run: `VIGIL_FUZZ_SEED`, or a fixed one.
    public static var seed: UInt64 {
        environmentInteger("VIGIL_FUZZ_SEED").map { UInt64(truncatingIfNeeded: $0) } ?? 0x5EED_7151_6A11_0001
    }

    /// A generator for one loop, seeded from the run's seed and the loop's name so that loops do
    /// not share a sequence.
    public static func generator(for loop: String) -> SeededGenerator {
        var mixed = seed
        for byte in loop.utf8 { mixed = (mixed ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return SeededGenerator(seed: mixed)
    }

    private static func environmentInteger(_ name: String) -> Int? {
        guard let value = getenv(name) else { return nil }
        return Int(String(cString: value))
    }
}

/// SplitMix64: small, fast, and the same sequence on every platform for the same seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
