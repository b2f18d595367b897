import Synchronization

/// `--format sarif`: one SARIF 2.1.0 log for the whole run, in the shape GitHub code scanning
/// accepts (rules with security severities, every result with a location, fingerprints), written
/// when the run finishes.
public final class SARIFOutput: ScanOutput {
    private let sink: TextSink
    private let alerts = Mutex<[Alert]>([])
    private let errors = Mutex<[ScanError]>([])

    public init(sink: TextSink = .standardOutput) {
        self.sink = sink
    }

    public func commit(_ report: CommitReport, repository: String) {}

    public func alert(_ alert: Alert) {
        // A linked finding is the first commit's result already; a second would reopen it.
        guard alert.linkedTo == nil else { return }
        alerts.withLock { $0.append(alert) }
    }

    public func error(_ error: ScanError) {
        errors.withLock { $0.append(error) }
    }

    public func finish(_ summary: ScanSummary) {
        let log = SARIFLog.make(alerts: alerts.withLock { $0 }, errors: errors.withLock { $0 })
        sink.write(log.serialized() + "\n")
    }
}

/// Builds the SARIF document.
public enum SARIFLog {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func make(alerts: [Alert], errors: [ScanError]) -> JSONValue {
        var ruleIndex: [String: Int] = [:]
        var rules: [JSONValue] = []
        for alert in alerts where ruleIndex[alert.finding.check] == nil {
            ruleIndex[alert.finding.check] = rules.count
            rules.append(rule(for: alert))
        }
        let results = alerts.map { result(for: $0, ruleIndex: ruleIndex[$0.finding.check] ?? 0) }
        let notifications: [JSONValue] = errors.map { error in
            let text = error.commit.map { "\($0.hex): \(error.message)" } ?? error.message
            return .object([("level", .string("error")), ("message", .object([("text", .string(text))]))])
        }
        let driver: JSONValue = .object([
            ("name", .string("Vigil")),
            ("version", .string(VigilVersion.string)),
            ("semanticVersion", .string(VigilVersion.string)),
            ("rules", .array(rules)),
        ])
        let invocation: JSONValue = .object([
            // A scan that could not read everything did not run successfully, whatever it found: a
            // consumer that trusts an empty result must be told the result may be incomplete.
            ("executionSuccessful", .bool(errors.isEmpty)),
            ("toolExecutionNotifications", .array(notifications)),
        ])
        return .object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", driver)])),
                ("invocations", .array([invocation])),
                ("results", .array(results)),
            ])])),
        ])
    }

    private static func rule(for alert: Alert) -> JSONValue {
        .object([
            ("id", .string(alert.finding.check)),
            ("name", .string(alert.finding.check)),
            ("shortDescription", .object([("text", .string(alert.finding.title))])),
            ("defaultConfiguration", .object([("level", .string(level(alert.finding.severity)))])),
            ("properties", .object([
                ("security-severity", .string(securitySeverity(alert.finding.severity))),
                ("tags", .strings(["security", "vigil"])),
            ])),
        ])
    }

    private static func result(for alert: Alert, ruleIndex: Int) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(alert.finding.check)),
            ("ruleIndex", .integer(ruleIndex)),
            ("level", .string(level(alert.finding.severity))),
            ("message", .object([("text", .string("\(alert.finding.title): \(alert.finding.evidence)"))])),
        ]
        members.append(("locations", .array([location(for: alert.finding)])))
        members.append(("partialFingerprints", .object([("vigilAlertId/v1", .string(alert.id))])))
        members.append((
            "properties",
            .object([
                ("commit", .string(alert.commit.hex)),
                ("repository", .string(alert.repository)),
                ("severity", .string(alert.finding.severity.rawValue)),
                ("aiTools", .strings(alert.verdict.tools)),
            ])
        ))
        return .object(members)
    }

    /// Where a result points. GitHub code scanning rejects a whole file when one result has no
    /// location, and some findings are about the commit rather than a file (a mass deletion over
    /// many folders, a summary, a scan limit): those point at the repository root, `.`.
    static func location(for finding: Finding) -> JSONValue {
        guard let path = finding.path, !path.isEmpty else {
            return .object([
                ("physicalLocation", .object([("artifactLocation", .object([("uri", .string(repositoryRoot))]))])),
                ("message", .object([("text", .string("the whole commit, not one file"))])),
            ])
        }
        var physical: [(String, JSONValue)] = [("artifactLocation", .object([("uri", .string(uri(path)))]))]
        if let line = finding.line, line >= 1 {
            physical.append(("region", .object([("startLine", .integer(line))])))
        }
        return .object([("physicalLocation", .object(physical))])
    }

    /// The repository root as a relative URI reference, for findings about the whole commit.
    static let repositoryRoot = "."

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub's scale: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.1"
        }
    }

    /// A repository path as a relative URI reference: every byte outside the unreserved set
    /// (and `/`) percent-encoded, so spaces, `#`, `?` and control characters cannot change its meaning.
    static func uri(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~/".unicodeScalars.contains(scalar)
            {
                output.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}
