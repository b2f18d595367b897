import Testing
import VigilTestSupport

@testable import VigilGit

/// Applies well-formed deltas, then mutated ones, to random bases, and compares `PackDelta.apply`
/// with a plain reading of git's delta format written here from the documentation
/// (gitformat-pack, "Deltified representation"): both must refuse the same deltas and build the
/// same bytes from the others. A crash, or an out-of-bounds access under AddressSanitizer
/// (`make fuzz`), is a defect. `make test` runs 2,000 deltas; `make fuzz` its scale times more.
@Suite("Fuzz: delta application")
struct FuzzDeltaApplicationTests {
    @Test func mutatedDeltasAgreeWithTheFormatsPlainReading() {
        var random = FuzzBudget.generator(for: "delta-application")
        var refused = 0
        var built = 0
        for round in 0..<FuzzBudget.iterations(2000) {
            let base = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            var delta = DeltaMaker.delta(from: base, using: &random)
            let mutation = DeltaMaker.mutate(&delta, using: &random)
            FuzzTrail.note("seed \(FuzzBudget.seed) round \(round): \(mutation)")
            let result = delta.withUnsafeBufferPointer { d in base.withUnsafeBufferPointer { PackDelta.apply(d, to: $0) } }
            let expected = PlainDelta.apply(delta, to: base)
            #expect(result == expected, "round \(round) \(mutation): delta \(delta) base \(base.count) bytes")
            if result == nil { refused += 1 } else { built += 1 }
        }
        // Both outcomes must be reached, or the loop tests less than it claims.
        #expect(refused > 0)
        #expect(built > 0)
    }
}

/// Random deltas in git's format, and the damage done to them.
private enum DeltaMaker {
    static func varint(_ value: Int) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while value > 0
        return bytes
    }

    /// A valid delta: copies of ranges of `base` and literal inserts.
    static func delta(from base: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var instructions: [UInt8] = []
        var resultSize = 0
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            if !base.isEmpty, Bool.random(using: &random) {
                let offset = Int.random(in: 0..<base.count, using: &random)
                let size = Int.random(in: 1...(base.count - offset), using: &random)
                var opcode: UInt8 = 0x80
                var operands: [UInt8] = []
                for bit in 0..<4 where (offset >> (8 * bit)) & 0xFF != 0 {
                    opcode |= 1 << bit
                    operands.append(UInt8((offset >> (8 * bit)) & 0xFF))
                }
                for bit in 0..<3 where (size >> (8 * bit)) & 0xFF != 0 {
                    opcode |= 0x10 << bit
                    operands.append(UInt8((size >> (8 * bit)) & 0xFF))
                }
                instructions += [opcode] + operands
                resultSize += size
            } else {
                let size = Int.random(in: 1...127, using: &random)
                instructions.append(UInt8(size))
                instructions += (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
                resultSize += size
            }
        }
        return varint(base.count) + varint(resultSize) + instructions
    }

    static func mutate(_ delta: inout [UInt8], using random: inout SeededGenerator) -> String {
        guard !delta.isEmpty else { return "none (empty)" }
        let at = Int.random(in: 0..<delta.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            let bit = Int.random(in: 0..<8, using: &random)
            delta[at] ^= 1 << bit
            return "flip bit \(bit) at \(at)"
        case 1:
            delta.removeSubrange(at...)
            return "truncate at \(at)"
        case 2:
            let value = [0x00, 0x7F, 0x80, 0xFF, 0x90, 0x10][Int.random(in: 0..<6, using: &random)]
            delta[at] = UInt8(value)
            return "set \(at) to \(value)"
        case 3:
            let extra = (0..<Int.random(in: 1...4, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            delta.insert(contentsOf: extra, at: at)
            return "insert \(extra) at \(at)"
        case 4:
            // Sizes of 64 KiB and more: copy size 0 means 0x10000.
            delta += [0x80 | 0x01, 0x00]
            return "append a 64 KiB copy"
        default:
            return "none"
        }
    }
}

/// git's delta format read the plain way, with every bound checked against Swift arrays.
private enum PlainDelta {
    static func apply(_ delta: [UInt8], to base: [UInt8]) -> [UInt8]? {
        var position = 0
        func varint() -> Int? {
            var value = 0
            var shift = 0
            while position < delta.count, shift < 63 {
                let byte = delta[position]
                position += 1
                value |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return value }
                shift += 7
            }
            return nil
        }
        guard let baseSize = varint(), let resultSize = varint(), baseSize == base.count,
            resultSize <= PackedObjectReader.maxObjectBytes
        else { return nil }
        var result: [UInt8] = []
        while position < delta.count {
            let opcode = delta[position]
            position += 1
            if opcode & 0x80 != 0 {
                var fields: [Int] = []
                for bit in 0..<7 {
                    guard opcode & (1 << bit) != 0 else {
                        fields.append(0)
                        continue
                    }
                    guard position < delta.count else { return nil }
                    fields.append(Int(delta[position]))
                    position += 1
                }
                let offset = fields[0] | fields[1] << 8 | fields[2] << 16 | fields[3] << 24
                var size = fields[4] | fields[5] << 8 | fields[6] << 16
                if size == 0 { size = 0x10000 }
                guard offset + size <= base.count, result.count + size <= resultSize else { return nil }
                result += base[offset..<(offset + size)]
            } else if opcode != 0 {
                let size = Int(opcode)
                guard position + size <= delta.count, result.count + size <= resultSize else { return nil }
                result += delta[position..<(position + size)]
                position += size
            } else {
                return nil
            }
        }
        return result.count == resultSize ? result : nil
    }
}
