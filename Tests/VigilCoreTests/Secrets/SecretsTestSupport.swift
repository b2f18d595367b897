import Foundation
import Testing
import VigilGit

@testable import VigilCore

/// Builders for secrets-check tests: commits and diffs as plain values, no repository needed.
enum SecretsFixture {
    static let commitID = "4f9a1c2e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39"

    /// The package root, from this file's place in `Tests/VigilCoreTests/Secrets/`.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// gitleaks' default rule file, vendored under `Tests/Fixtures` with its licence.
    static var gitleaksDefaultPath: String {
        packageRoot.appendingPathComponent("Tests/Fixtures/gitleaks-default.toml").path
    }

    /// The gitleaks default rules, loaded once for all tests.
    static let gitleaksRules: Result<GitleaksRuleFile, ConfigProblems> = Result {
        () throws(ConfigProblems) -> GitleaksRuleFile in
        try GitleaksRuleFile.load(path: gitleaksDefaultPath)
    }

    static let gitleaksCheck: Result<SecretsCheck, ConfigProblems> = gitleaksRules.map { SecretsCheck(rules: $0) }

    static let builtinCheck: Result<SecretsCheck, ConfigProblems> = Result {
        () throws(ConfigProblems) -> SecretsCheck in
        SecretsCheck(rules: try GitleaksRuleFile.builtin())
    }

    /// A file whose added lines are `lines`, numbered from `firstLine`.
    static func file(
        _ path: String, _ lines: [String], firstLine: Int = 1, status: FileChange.Status = .added,
        binary: Bool = false
    ) -> FileChange {
        let added = lines.enumerated().map { DiffLine(number: firstLine + $0.offset, text: $0.element) }
        return FileChange(
            status: status, oldPath: path, newPath: path, newContent: binary ? .binary : .text,
            addedLines: binary ? [] : added)
    }

    static func context(_ files: [FileChange], commit: String = commitID) throws -> CheckContext {
        let who = Signature(name: "Dev", email: "dev@example.com", time: 1_700_000_000, offsetMinutes: 0)
        let id = try #require(ObjectID(hex: commit))
        let commit = Commit(
            id: id, parents: [], author: who, committer: who, rawMessage: Array("Add config\n".utf8), trailers: [])
        return CheckContext(
            repository: "/srv/git/app.git", commit: commit, diff: CommitDiff(files: files), verdict: .human)
    }

    /// Runs `check` over one file holding `lines`.
    static func scan(_ check: SecretsCheck, path: String = "src/app.py", _ lines: [String]) throws -> [Finding] {
        check.run(try context([file(path, lines)]))
    }

    /// Rules from TOML text, relative extends resolved against `directory`.
    static func rules(_ toml: String, directory: String? = nil) throws -> GitleaksRuleFile {
        try GitleaksRuleFile(text: toml, source: "test.toml", directory: directory)
    }

    /// The problems loading `toml` reports; empty when it loads.
    static func problems(_ toml: String, directory: String? = nil) -> [ConfigProblem] {
        do {
            _ = try GitleaksRuleFile(text: toml, source: "test.toml", directory: directory)
            return []
        } catch {
            return error.problems
        }
    }

    /// A temporary folder removed when the returned guard is released.
    final class TemporaryFolder {
        let path: String

        init() throws {
            path = FileManager.default.temporaryDirectory.path + "/vigil-secrets-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// One planted secret: the rule that must find it, a realistic line around it (`{}` marks the
/// secret) and the file it is in.
struct PlantedSecret: Sendable, CustomTestStringConvertible {
    var rule: String
    var path: String
    var template: String
    var secret: String

    init(_ rule: String, _ path: String, _ template: String, _ secret: String) {
        self.rule = rule
        self.path = path
        self.template = template
        self.secret = secret
    }

    var line: String { template.replacingOccurrences(of: "{}", with: secret) }
    var testDescription: String { rule }

    /// Checks that `findings` report this secret under its rule, redacted, with its hash.
    func verify(_ findings: [Finding], prefix: String = "secrets.") {
        let matching = findings.filter { $0.check == prefix + rule }
        #expect(matching.count == 1, "\(rule): found \(findings.map(\.check))")
        for finding in findings {
            #expect(!finding.evidence.contains(secret), "\(rule): evidence holds the whole secret")
            #expect(!finding.title.contains(secret), "\(rule): title holds the whole secret")
        }
        guard let finding = matching.first else { return }
        #expect(finding.matchHash == SHA256Hex.digest(secret), "\(rule): hash is not of the expected secret")
        #expect(finding.path == path)
        #expect(finding.line == 1)
        #expect(finding.evidence.contains("\(secret.unicodeScalars.count) chars"))
    }
}
