import VigilGit

/// The one step every piece of repository text passes through before it leaves the engine, whatever
/// check produced it: finding titles, evidence and paths, the commit message and identities, the
/// attribution evidence, and error messages. Checks quote repository text freely (a risky-pattern
/// finding shows its line); this is where a credential in that text is taken out.
///
/// What is redacted, each match replaced by `SecretRedaction`'s form
/// (`ghp_…(redacted, 40 chars, sha256:1a2b3c4d)`):
/// - whatever the secret rules in force find: the `[checks.secrets]` rule set (built-in or a
///   gitleaks file, after `disabled`), or the built-in rules when that check is switched off; with
///   a gitleaks file, Vigil's built-in rules as well, so a file that knows fewer formats than Vigil
///   does (one written for one team's tokens) cannot let an AWS key through in a subject. A
///   match counts as the secrets check counts it (keywords, regex, secret group, entropy, the
///   allowlists' regexes and stopwords), except that nothing about where the text came from spares
///   it: commit and path allowlists, a rule's `path`, and inline `vigil:allow` decide what is
///   reported, not what may be printed;
/// - the password of a URL, `scheme://user:password@host` (the user is kept), unless it is a
///   variable reference (`$TOKEN`, `${TOKEN}`, `{{ token }}`);
/// - the credentials of an HTTP `Authorization` header (`Authorization: token …`,
///   `"Authorization": "Bearer …"`), eight characters or more and not a variable reference;
/// - within one record (a commit's report, an alert), every other occurrence of a secret of eight
///   bytes or more that any of the above found in any of its texts: a token quoted in a header on
///   one line is redacted in the commit subject too.
///
/// Built once per configuration (it shares the secrets check's compiled rules; nothing is compiled
/// here), and cheap per record: one keyword pass per text, and regexes only when a keyword occurs.
/// Alert ids and `matchHash` are computed from the raw values before redaction, so they do not change.
public struct Redactor: Sendable {
    /// Found secrets at least this long are also redacted where no rule found them; a shorter one
    /// (a one-letter URL password) would blank out unrelated text.
    static let minimumPropagatedLength = 8
    /// Lines longer than this are scanned in windows overlapping by half, as the secrets check
    /// scans them by default, so the cost stays linear whatever the text.
    static let window = SecretsCheck.defaultMaxLineLength

    let rules: SecretRuleSet
    /// The built-in rules, applied after `rules` when those come from a gitleaks file.
    let builtinRules: SecretRuleSet?
    /// The rule file in force: `builtin` or the path of a gitleaks file.
    public let source: String

    init(rules: SecretRuleSet, source: String, builtinRules: SecretRuleSet? = nil) {
        self.rules = rules
        self.source = source
        self.builtinRules = builtinRules
    }

    /// The built-in secret rules, parsed and compiled once per process.
    public static let builtin: Redactor = {
        // The built-in file is compiled into the binary and parsed by the tests; were it ever
        // broken, the URL and header rules would still apply.
        let file = (try? GitleaksRuleFile.builtin()) ?? GitleaksRuleFile(rules: [], allowlists: [], source: "builtin")
        return Redactor(rules: SecretRuleSet(file), source: file.source)
    }()

    /// The redactor for one repository's configured checks: the rules of its secrets check when
    /// that check is enabled, the built-in rules otherwise. Shares the check's compiled rules.
    public init(checks: [ConfiguredCheck]) {
        if let secrets = checks.lazy.compactMap({ $0.check as? SecretsCheck }).first {
            let isBuiltin = secrets.source == Redactor.builtin.source
            self.init(
                rules: secrets.ruleSet, source: secrets.source,
                builtinRules: isBuiltin ? nil : Redactor.builtin.rules)
        } else {
            self = .builtin
        }
    }

    /// The rule ids in force.
    public var ruleIDs: [String] { rules.rules.map(\.id) }

    /// `text` with every secret in it redacted.
    public func redact(_ text: String) -> String {
        var record = RedactableText(text: text)
        record = redact(record)
        return record.text
    }

    /// `record` with every piece of repository text it carries redacted; a secret found in one of
    /// its texts is redacted in all of them. Returns `record` itself when nothing was found.
    public func redact<Record: Redactable>(_ record: Record) -> Record {
        let scan = RedactionScan(rules: rules, window: Self.window)
        let builtinScan = builtinRules.map { RedactionScan(rules: $0, window: Self.window, withFixedRules: false) }
        var copy = record
        var found: [[Range<Int>]] = []
        var secrets: Set<[UInt8]> = []
        copy.forEachRepositoryText { text in
            var bytes = text
            bytes.withUTF8 { buffer in
                let ranges = scan.ranges(in: buffer) + (builtinScan?.ranges(in: buffer) ?? [])
                found.append(ranges)
                for range in ranges where range.count >= Self.minimumPropagatedLength {
                    secrets.insert(Array(buffer[range]))
                }
            }
        }
        guard found.contains(where: { !$0.isEmpty }) else { return record }
        let propagated = secrets.sorted { $0.count > $1.count }
        var index = 0
        copy.forEachRepositoryText { text in
            defer { index += 1 }
            let ranges = index < found.count ? found[index] : []
            text = Self.replacing(ranges, andEveryOccurrenceOf: propagated, in: text)
        }
        return copy
    }

    /// `text` with `ranges` and every occurrence of `secrets` replaced by their redacted form;
    /// overlapping ranges are redacted as one.
    static func replacing(_ ranges: [Range<Int>], andEveryOccurrenceOf secrets: [[UInt8]], in text: String) -> String {
        let bytes = Array(text.utf8)
        var all = ranges
        for secret in secrets {
            all += occurrences(of: secret, in: bytes)
        }
        guard !all.isEmpty else { return text }
        all.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in all where !range.isEmpty {
            if let last = merged.last, range.lowerBound < last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 48 * merged.count)
        var position = 0
        for range in merged {
            output += bytes[position..<range.lowerBound]
            output += SecretRedaction.redact(Array(bytes[range])).evidence.utf8
            position = range.upperBound
        }
        output += bytes[position...]
        return String(decoding: output, as: UTF8.self)
    }

    /// Every non-overlapping occurrence of `needle` in `haystack`, by Knuth–Morris–Pratt: linear
    /// whatever the text (a naive search is quadratic on a crafted one).
    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        // failure[i]: the length of the longest proper prefix of needle[0...i] that is also its suffix.
        var failure = [Int](repeating: 0, count: needle.count)
        var length = 0
        for index in needle.indices.dropFirst() {
            while length > 0, needle[index] != needle[length] { length = failure[length - 1] }
            if needle[index] == needle[length] { length += 1 }
            failure[index] = length
        }
        var found: [Range<Int>] = []
        var matched = 0
        for (index, byte) in haystack.enumerated() {
            while matched > 0, byte != needle[matched] { matched = failure[matched - 1] }
            if byte == needle[matched] { matched += 1 }
            if matched == needle.count {
                found.append((index + 1 - needle.count)..<(index + 1))
                matched = 0
            }
        }
        return found
    }
}

/// A value that carries repository text, which must pass through `Redactor` before it is printed.
public protocol Redactable {
    /// Calls `body` once with each piece of repository text the value carries, always in the same
    /// order, so that the text can be replaced in place.
    mutating func forEachRepositoryText(_ body: (inout String) -> Void)
}

/// A single text as a record.
struct RedactableText: Redactable {
    var text: String

    mutating func forEachRepositoryText(_ body: (inout String) -> Void) {
        body(&text)
    }
}

// MARK: - What each record carries

extension Finding: Redactable {
    /// Title, evidence and path. `check`, `line` and `matchHash` are Vigil's own values.
    public mutating func forEachRepositoryText(_ body: (inout String) -> Void) {
        body(&title)
        body(&evidence)
        if var text = path {
            body(&text)
            path = text
        }
    }
}

extension Signature: Redactable {
    public mutating func forEachRepositoryText(_ body: (inout String) -> Void) {
        body(&name)
        body(&email)
    }
}

extension Verdict: Redactable {
    /// The matched texts of the evidence. Tool and signature ids come from the catalogue, and
    /// `attributedLines` is never printed.
    public mutating func forEachRepositoryText(_ body: (inout String) -> Void) {
        for index in evidence.indices { body(&evidence[index].text) }
    }
}

extension Commit: Redactable {
    /// Identities, the message (whose first line is the subject) and the trailers. A redacted
    /// message is stored as UTF-8 text, so its `encoding` is cleared.
    public mutating func forEachRepositoryText(_ body: (inout String) -> Void) {
        author.forEachRepositoryText(body)
        committer.forEachRepositoryText(body)
        let original = message
        var text = original
        body(&text)
        if text != original {
            rawMessage = Array(text.utf8)
            encoding = nil
        }
        for index in trailers.indices {
            body(&trailers[index].key)
            body(&trailers[index].value)
        }
    }
}

extension ScanError: Redactable {
    /// The path and the message (which may quote a path or a ref). The repository is the operator's.
    public mutating func forEachRepositoryText(_ body: (inout String) -> Void) {
        if var text = path {
            body(&text)
            path = text
        }
        body(&message)
    }
}

extension CommitReport: Redactable {
    /// The commit, the verdict, every finding and every error.
    public mutating func forEachRepositoryText(_ body: (inout String) -> Void) {
        if var value = commit {
            value.forEachRepositoryText(body)
            commit = value
        }
        verdict.forEachRepositoryText(body)
        for index in findings.indices { findings[index].forEachRepositoryText(body) }
        for index in errors.indices { errors[index].forEachRepositoryText(body) }
    }
}

extension Alert: Redactable {
    /// Everything an alert record prints that came from the repository: the finding's title,
    /// evidence and path, the ref, the identities, the attribution evidence and the subject. The id
    /// is not touched: it was computed from the raw values.
    public mutating func forEachRepositoryText(_ body: (inout String) -> Void) {
        finding.forEachRepositoryText(body)
        if var text = ref {
            body(&text)
            ref = text
        }
        author.forEachRepositoryText(body)
        committer.forEachRepositoryText(body)
        verdict.forEachRepositoryText(body)
        body(&summary)
    }
}
