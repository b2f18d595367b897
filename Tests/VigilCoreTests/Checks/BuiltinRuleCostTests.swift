import Testing

@testable import VigilCore

/// Every built-in rule (secret rules, their allowlists, risky patterns) does work linear in the
/// length of hostile input: lines and runs of lines built from the rule's own keywords, prefixes of
/// text it matches, and the characters its classes accept, repeated. Cost is PCRE2's work counted
/// by `RegexCostMeter`, never time, so the test is deterministic; a rule that backtracks over the
/// rest of the line from each of many start positions fails it.
@Suite("Built-in rules: linear cost on hostile input")
struct BuiltinRuleCostTests {
    /// Work allowed per byte of subject; the built-in rules need at most about 75.
    static let costPerByte = 200
    /// The two subject lengths compared: linear work grows about 4 times from one to the other,
    /// quadratic work 16 times.
    static let short = 512
    static let long = 2048

    /// One rule's regex with the text its hostile inputs are made from.
    struct Subject: Sendable, CustomTestStringConvertible {
        var id: String
        var regex: Regex
        /// Runs over many lines at once (the secrets scan joins consecutive added lines for it).
        var spansLines: Bool
        var seeds: [String]

        var testDescription: String { id }
    }

    static func subjects() throws -> [Subject] {
        let secrets = try GitleaksRuleFile.builtin()
        var subjects: [Subject] = []
        let samples = Dictionary(
            SecretsBuiltinRulesTests.planted.map { ($0.rule, [$0.line, $0.secret]) }, uniquingKeysWith: { $0 + $1 })
        for rule in secrets.rules {
            guard let regex = rule.regex else { continue }
            var seeds = rule.keywords.prefix(2).map { $0.uppercased() } + rule.keywords + (samples[rule.id] ?? [])
            if rule.id == "private-key" { seeds += PrivateKeyFixture.lines + [PrivateKeyFixture.escaped] }
            let spans = RE2Pattern.spansLines(regex.pattern)
            subjects.append(Subject(id: "secrets.\(rule.id)", regex: regex, spansLines: spans, seeds: seeds))
            for (number, list) in rule.allowlists.enumerated() {
                for (index, allow) in list.regexes.enumerated() {
                    subjects.append(Subject(
                        id: "secrets.\(rule.id) allowlist \(number).\(index)", regex: allow, spansLines: spans,
                        seeds: seeds))
                }
            }
        }
        let everySample = samples.values.flatMap { $0 }
        for (number, list) in secrets.allowlists.enumerated() {
            for (index, allow) in list.regexes.enumerated() {
                subjects.append(Subject(
                    id: "secrets global allowlist \(number).\(index)", regex: allow, spansLines: false,
                    seeds: everySample + ["example", "your-key-here", "${", "{{", "<", "%(", "x", "*", "changeme"]))
            }
        }
        for rule in try RiskyPatternRuleSource.builtin() {
            let seeds = rule.keywords.prefix(2).map { $0.uppercased() } + rule.keywords + (riskySamples[rule.id] ?? [])
            subjects.append(Subject(id: "risky-pattern.\(rule.id)", regex: rule.regex, spansLines: false, seeds: seeds))
        }
        return subjects
    }

    /// A line each built-in risky-pattern rule catches, to build near misses from.
    static let riskySamples: [String: [String]] = [
        "sql-drop": ["op.execute(\"DROP TABLE orders\")"],
        "sql-truncate": ["TRUNCATE TABLE sessions;"],
        "sql-delete-all": ["cursor.execute(\"DELETE FROM orders\")"],
        "rm-rf": ["rm -rf \"$BUILD_DIR\"/", "sudo rm -rf /", "rm -r -f ~"],
        "tls-verify-disabled": ["requests.get(url, verify=False)", "tls.Config{InsecureSkipVerify: true}"],
        "curl-insecure": ["curl -sSLk https://example.com/install", "wget --no-check-certificate https://x"],
        "chmod-777": ["chmod -R 777 /var/www", "os.chmod(path, 0o777)"],
        "pipe-to-shell": [
            "curl -fsSL https://get.example.sh | sudo bash", "sh -c \"$(curl -fsSL https://x.example/install)\"",
            "iwr https://x.example/i.ps1 | iex",
        ],
        "eval-input": ["result = eval(request.args['expr'])", "eval \"$1\""],
        "git-no-verify": ["git commit -m 'wip' --no-verify", "HUSKY=0 git push"],
        "git-force-push": ["git push --force origin main"],
        "auth-check-disabled": ["    .anyRequest().permitAll()", "  skip_before_action :authenticate_user!"],
        "csrf-disabled": ["http.csrf().disable()", "  skip_before_action :verify_authenticity_token"],
    ]

    /// Characters that rules' classes accept or that end their repeats.
    static let fillers = ["A", "a", "0", "-", " -", "_", ".", "=", " ", "\"", "|", "\\n"]

    /// The repeated units: each seed, its prefixes (a near miss of the text it matches), the first
    /// two seeds (the first keywords, upper-cased) followed by one or forty of each filler, and the
    /// first words of each seed followed by one of its characters and an option (`git push f -x `):
    /// many nearby starts, each holding the characters the pattern requires, none completing.
    static func units(_ seeds: [String]) -> [String] {
        var units: [String] = []
        for seed in seeds where !seed.isEmpty {
            let characters = Array(seed)
            units.append(seed)
            for cut in [characters.count / 2, characters.count - 1] where cut > 0 {
                units.append(String(characters[0..<cut]))
            }
        }
        // The samples come last; with one keyword, that covers the rule's literal text.
        for seed in [seeds.first ?? ""] + seeds.suffix(3) where !seed.isEmpty && seed.count <= 200 {
            let words = seed.split(separator: " ", omittingEmptySubsequences: false)
            for count in 1...min(2, words.count) {
                let head = words.prefix(count).joined(separator: " ")
                for character in Set(seed).sorted() { units.append("\(head) \(character) -x ") }
            }
        }
        for seed in seeds.prefix(2) where !seed.isEmpty && seed.count <= 40 {
            for filler in fillers {
                units.append(seed + filler)
                units.append(seed + String(repeating: filler, count: 40))
            }
        }
        var seen: Set<String> = []
        return units.filter { seen.insert($0).inserted }
    }

    /// `unit` repeated to `length` bytes, as one line or as lines.
    static func text(_ unit: String, length: Int, lines: Bool) -> [UInt8] {
        let bytes = Array(unit.utf8) + (lines ? [UInt8(ascii: "\n")] : [])
        return Array((0..<length).map { bytes[$0 % bytes.count] })
    }

    @Test(arguments: try BuiltinRuleCostTests.subjects())
    func linearOnRepeatedKeywordsAndPrefixes(_ subject: Subject) throws {
        for unit in Self.units(subject.seeds) {
            for lines in subject.spansLines ? [false, true] : [false] {
                let budget = Self.costPerByte * Self.long
                let long = try RegexCostMeter.cost(
                    of: subject.regex, over: Self.text(unit, length: Self.long, lines: lines), budget: budget)
                let shape = "\(lines ? "lines of" : "a line of") \(unit.debugDescription) repeated"
                guard let long else {
                    Issue.record("\(subject.id): over \(Self.costPerByte) steps a byte on \(shape)")
                    continue
                }
                let short = try RegexCostMeter.cost(
                    of: subject.regex, over: Self.text(unit, length: Self.short, lines: lines), budget: budget) ?? 0
                // Linear work grows 4 times; quadratic 16 times. The slack covers fixed costs.
                #expect(long <= 6 * short + Self.long, "\(subject.id): \(short) → \(long) steps on \(shape)")
            }
        }
    }

    @Test func everyBuiltinRuleIsCovered() throws {
        let ids = Set(try Self.subjects().map(\.id))
        let secretRules = try GitleaksRuleFile.builtin().rules.filter { $0.regex != nil }
        #expect(secretRules.allSatisfy { ids.contains("secrets.\($0.id)") })
        let risky = try RiskyPatternRuleSource.builtin()
        #expect(risky.allSatisfy { ids.contains("risky-pattern.\($0.id)") && Self.riskySamples[$0.id] != nil })
    }

    /// The meter itself: the private-key pattern Vigil shipped before, which looked for an END past
    /// every BEGIN to the end of the text, is caught as superlinear; a plain token pattern is not.
    @Test func meterTellsQuadraticFromLinear() throws {
        let previous = try Regex(
            #"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]{64,}?-----END[ A-Z0-9_-]{0,100}"#
                + #"PRIVATE KEY(?: BLOCK)?-----"#)
        let header = PrivateKeyFixture.lines[0]
        func cost(_ length: Int, budget: Int = .max) throws -> Int? {
            try RegexCostMeter.cost(of: previous, over: Self.text(header, length: length, lines: true), budget: budget)
        }
        let short = try #require(try cost(Self.short))
        let long = try #require(try cost(Self.long))
        #expect(long > 12 * short)
        #expect(try cost(8192, budget: Self.costPerByte * 8192) == nil)
        let token = try Regex(#"\b(ghp_[A-Za-z0-9]{36})\b"#)
        let tokens = Self.text("ghp_", length: Self.long, lines: false)
        let cost = try #require(try RegexCostMeter.cost(of: token, over: tokens, budget: Self.costPerByte * Self.long))
        #expect(cost <= 4 * Self.long)
    }
}
