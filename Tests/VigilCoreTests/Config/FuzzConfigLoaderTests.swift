import Foundation
import Testing
import VigilTestSupport

@testable import VigilCore

/// Mutated configs and rule files through the loaders `vigil config check` uses, in process: every
/// input ends in a config or a list of problems with sensible lines, never a crash or a hang.
/// Seeds are the shipped `config/vigil.toml` (as written and with its examples uncommented),
/// `config/risky-patterns.toml` and the built-in gitleaks-format secret rules.
@Suite struct FuzzConfigLoaderTests {
    /// `vigil config check`: parse, validate every `[checks.*]` table, build the attributor.
    @Test func configCheck() throws {
        let seeds = try Self.configSeeds()
        let sections = seeds.map(Self.sections)
        var mutator = TOMLMutator(generator: FuzzBudget.generator(for: "config-check"))
        let iterations = FuzzBudget.iterations(2000)
        for round in 0..<iterations {
            // Mostly a few tables of a seed, which parse quickly; now and then a whole seed.
            let parts = sections[round % seeds.count]
            let start = Int.random(in: 0..<parts.count, using: &mutator.generator)
            let length = round % 8 == 0 ? parts.count : Int.random(in: 1...3, using: &mutator.generator)
            let seed = parts[start...].prefix(length).joined()
            let other = seeds[(round + 1) % seeds.count]
            let text = mutator.mutate(seed, other: other)
            let problems = Self.check(text)
            Self.expectSensible(problems, in: text, round: round)
        }
    }

    /// The gitleaks-format rule loader, on slices of a few rules so each round compiles few regexes.
    @Test func gitleaksRuleFile() throws {
        let blocks = Self.ruleBlocks(BuiltinSecretRules.toml)
        try #require(blocks.count > 10)
        var mutator = TOMLMutator(generator: FuzzBudget.generator(for: "gitleaks-rules"))
        let iterations = FuzzBudget.iterations(1200)
        for round in 0..<iterations {
            let start = Int.random(in: 0..<blocks.count, using: &mutator.generator)
            let slice = blocks[start..<min(blocks.count, start + Int.random(in: 1...3, using: &mutator.generator))]
            let text = mutator.mutate(slice.joined(), other: blocks[(start * 7 + 3) % blocks.count])
            Self.keepForReplay(text)
            do {
                _ = try GitleaksRuleFile(text: text, source: "fuzz.toml", directory: "/nonexistent")
            } catch {
                Self.expectSensible(error.problems, in: text, round: round)
            }
        }
    }

    /// The risky-pattern rule file reader, on slices of the shipped rules.
    @Test func riskyPatternRuleFile() throws {
        let blocks = Self.ruleBlocks(BuiltinRiskyPatterns.text)
        try #require(blocks.count > 5)
        var mutator = TOMLMutator(generator: FuzzBudget.generator(for: "risky-pattern-rules"))
        let iterations = FuzzBudget.iterations(600)
        for round in 0..<iterations {
            let start = Int.random(in: 0..<blocks.count, using: &mutator.generator)
            let text = mutator.mutate(blocks[start...].prefix(3).joined(), other: blocks[(start + 5) % blocks.count])
            Self.keepForReplay(text)
            do {
                let document = try TOMLDocument.parse(text, file: "fuzz.toml")
                _ = try RiskyPatternRule.rules(from: document, file: "fuzz.toml")
            } catch {
                Self.expectSensible(error.problems, in: text, round: round)
            }
        }
    }

    /// Random bytes written to a file and loaded as a config: the file reader's UTF-8 check included.
    @Test func randomBytesFromAFile() throws {
        let folder = try TemporaryFolder()
        var generator = FuzzBudget.generator(for: "config-bytes")
        let seed = Array(try Self.configSeeds()[0].utf8)
        for round in 0..<FuzzBudget.iterations(100) {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...32, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[at] = UInt8.random(in: 0...255, using: &generator)
            }
            let path = try folder.write("fuzz.toml", bytes: bytes)
            do {
                _ = try ConfigLoader.load(path: path, validatingChecks: .standard)
            } catch {
                Self.expectSensible(error.problems, in: String(decoding: bytes, as: UTF8.self), round: round)
            }
        }
    }

    // MARK: - Helpers

    /// The problems `vigil config check` would print for `text`; empty when it passes.
    static func check(_ text: String) -> [ConfigProblem] {
        keepForReplay(text)
        do {
            let config = try ConfigLoader.parse(text, file: "fuzz.toml", validatingChecks: .standard)
            _ = try Attributor(config: config)
            return []
        } catch {
            return error.problems
        }
    }

    /// Where each input is written before it runs when `VIGIL_FUZZ_LAST` names a file, so the
    /// input that crashed the test process can be replayed through `vigil config check`.
    static let replayPath = ProcessInfo.processInfo.environment["VIGIL_FUZZ_LAST"]

    static func keepForReplay(_ text: String) {
        guard let replayPath else { return }
        try? Data(text.utf8).write(to: URL(fileURLWithPath: replayPath))
    }

    /// Every problem has a message and, when it has a line, one inside the text.
    static func expectSensible(_ problems: [ConfigProblem], in text: String, round: Int) {
        guard !problems.isEmpty else { return }
        // Lines as the loaders count them: by line feeds (a CRLF is one `Character`, so not by those).
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        for problem in problems {
            #expect(!problem.message.isEmpty, "seed \(FuzzBudget.seed) round \(round): \(problem)")
            if let line = problem.line {
                #expect(line >= 1 && line <= lines, "seed \(FuzzBudget.seed) round \(round): \(problem)")
            }
        }
    }

    /// `config/vigil.toml` as shipped, with its examples uncommented, and `config/risky-patterns.toml`.
    static func configSeeds() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let shipped = try String(contentsOfFile: root + "/config/vigil.toml", encoding: .utf8)
        let uncommented = shipped.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if line.hasPrefix("#"), let next = line.dropFirst().first, next == "[" || next.isLetter {
                return String(line.dropFirst())
            }
            return String(line)
        }.joined(separator: "\n")
        let risky = try String(contentsOfFile: root + "/config/risky-patterns.toml", encoding: .utf8)
        return [shipped, uncommented, risky]
    }

    /// A config cut before each table header, written (`[daemon]`) or commented out (`#[daemon]`).
    static func sections(_ text: String) -> [String] {
        var sections: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("[") || line.hasPrefix("#["), !current.isEmpty {
                sections.append(current)
                current = ""
            }
            current += line + "\n"
        }
        sections.append(current)
        return sections
    }

    /// A rule file cut before each `[[rules]]`, so slices of whole rules can be put together.
    static func ruleBlocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("[[rules]]"), !current.isEmpty {
                blocks.append(current)
                current = ""
            }
            current += line + "\n"
        }
        blocks.append(current)
        return blocks
    }
}
