import VigilGit

/// `dependency-change`: a dependency added, removed, upgraded, downgraded, or moved to another
/// source, in a manifest — Package.swift, package.json, requirements files, pyproject.toml, Pipfile,
/// go.mod, Cargo.toml, Gemfile and gemspecs, pom.xml, build.gradle(.kts) and Gradle version
/// catalogs. AI tools add packages freely, and sometimes packages that do not exist until someone
/// registers the name.
///
/// Each changed manifest is read whole on both sides (each side up to `max_manifest_bytes`) and
/// the two dependency sets are compared by name, so a dependency is seen wherever it sits: in a
/// one-line package.json, or under a section header far from the changed line. A side that cannot
/// be read whole (over the cap, binary, not valid JSON/TOML/XML, unreadable) is said: the changed
/// lines are read instead, with a note in each finding's evidence, or one finding says the
/// manifest could not be compared.
///
/// Severities: a new dependency, a source switch (registry to git or path, a fork, a go.mod
/// `replace`) and a downgrade take the check's severity (`medium`); a removal and a version change
/// that cannot be ordered are `low`; an upgrade, a change to a go.mod `// indirect` dependency and
/// a lockfile changed without its manifest are `info`.
///
/// Options: `ignore` (globs over package names, e.g. `"@acme/*"`, for in-house packages),
/// `version_changes` (default true; false reports only new dependencies and source switches),
/// `max_findings_per_file` (default 100; the rest are summed up in one more finding, so a generated
/// manifest cannot flood the queue), `max_manifest_bytes` (default 1 MiB), `lockfile_churn`
/// (default true; false stays quiet about lockfile-only changes).
public struct DependencyChangeCheck: ConfigurableCheck {
    public static let checkID = "dependency-change"
    public static let defaultSeverity = Severity.medium
    public static let optionKeys: Set<String> = [
        "ignore", "version_changes", "max_findings_per_file", "max_manifest_bytes", "lockfile_churn",
    ]

    public var id: String { Self.checkID }
    /// Package names never reported (in-house packages).
    public let ignored: GlobSet
    /// Whether upgrades, downgrades, removals and other version changes are reported.
    public let versionChanges: Bool
    /// Findings reported one by one per manifest before the rest are summed up.
    public let maxFindingsPerFile: Int
    /// The largest manifest side read whole; a larger one is read from its changed lines.
    public let maxManifestBytes: Int
    /// Whether a lockfile changed without its manifest gives an `info` finding.
    public let lockfileChurn: Bool

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        ignored = reader.globs("ignore", default: [])
        versionChanges = reader.bool("version_changes", default: true)
        maxFindingsPerFile = reader.integer("max_findings_per_file", default: 100, range: 1...100_000)
        maxManifestBytes = reader.integer("max_manifest_bytes", default: 1 << 20, range: 1024...(8 << 20))
        lockfileChurn = reader.bool("lockfile_churn", default: true)
        try reader.finish()
    }

    /// What the diff must keep whole for this check: both sides of every manifest, up to the cap.
    public var wholeSideRequest: WholeSideRequest {
        WholeSideRequest(maxBytes: Int64(maxManifestBytes)) { ManifestKind(path: $0) != nil }
    }

    public func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        var manifestFolders: Set<String> = []
        for file in context.diff.files {
            guard let kind = ManifestKind(path: file.newPath) ?? ManifestKind(path: file.oldPath) else { continue }
            manifestFolders.insert("\(Lockfile.folder(of: file.path))/\(file.path.split(separator: "/").last ?? "")")
            findings += changes(in: file, kind: kind)
        }
        if lockfileChurn {
            for file in context.diff.files {
                guard let manifests = Lockfile.manifests(forPath: file.path) else { continue }
                let folder = Lockfile.folder(of: file.path)
                if manifests.contains(where: { manifestFolders.contains("\(folder)/\($0)") }) { continue }
                findings.append(lockfileFinding(file))
            }
        }
        return findings
    }

    // MARK: - One manifest

    private func changes(in file: FileChange, kind: ManifestKind) -> [Finding] {
        let oldKind = ManifestKind(path: file.oldPath) ?? kind
        let newKind = ManifestKind(path: file.newPath) ?? kind
        let cap = Int64(maxManifestBytes)
        let old = ManifestSide.read(
            file.oldContent, bytes: file.oldBytes, size: file.oldSize, kind: oldKind, maxBytes: cap)
        let new = ManifestSide.read(
            file.newContent, bytes: file.newBytes, size: file.newSize, kind: newKind, maxBytes: cap)
        let changes: [DependencyChange]
        var note: String?
        switch (old, new) {
        case (.parsed(let before), .parsed(let after)):
            changes = DependencyComparison.changes(old: before, new: after)
        case (.absent, .parsed(let after)):
            changes = DependencyComparison.changes(old: [], new: after)
        case (.parsed(let before), .absent):
            changes = DependencyComparison.changes(old: before, new: [])
        case (.absent, .absent):
            return []
        default:
            let reasons = [("old", old), ("new", new)].compactMap { side, content -> String? in
                if case .unavailable(let reason) = content { return "\(side) side \(reason)" }
                return nil
            }
            note = "read from changed lines only: " + reasons.joined(separator: ", ")
            changes = lineChanges(in: file, oldKind: oldKind, newKind: newKind)
            if changes.isEmpty {
                // Lines read in full from an oversized side are a reading, said at `info`; a side that
                // gave no lines or would not parse is said as an alert. A diff that was not asked to
                // keep whole sides (a caller outside the scanner) is read from its lines as before.
                let notKept = [old, new].allSatisfy { side in
                    if case .unavailable(let reason) = side { return reason == ManifestSide.notKept }
                    return true
                }
                if notKept { return [] }
                let linesOnly = [old, new].allSatisfy { side in
                    if case .unavailable(let reason) = side { return reason.hasPrefix("over ") || reason == ManifestSide.notKept }
                    return true
                }
                return [notCompared(file, because: reasons.joined(separator: ", "), severity: linesOnly ? .info : .low)]
            }
        }
        return findings(for: changes, in: file, note: note)
    }

    /// The changed lines compared as before whole manifests were read: only names on the added
    /// side are reported, since a removed line may have moved to a part of the file not in view.
    private func lineChanges(in file: FileChange, oldKind: ManifestKind, newKind: ManifestKind) -> [DependencyChange] {
        let added = newKind.dependencies(Self.manifestLines(file.addedLines))
        let removed = oldKind.dependencies(Self.manifestLines(file.removedLines))
        return DependencyComparison.changes(old: removed, new: added).filter { $0.new != nil }
    }

    private func findings(for changes: [DependencyChange], in file: FileChange, note: String?) -> [Finding] {
        let lines = file.newBytes.flatMap { String(validating: $0, as: UTF8.self) }.map(ManifestText.lines(of:))
        var findings: [Finding] = []
        var skipped = 0
        for change in changes where !ignored.matches(change.dependency.name) {
            if !versionChanges, change.kind != .added, change.kind != .sourceChanged { continue }
            guard findings.count < maxFindingsPerFile else {
                skipped += 1
                continue
            }
            findings.append(finding(change, file: file, lines: lines, note: note))
        }
        if skipped > 0 {
            findings.append(
                Finding(
                    check: id, severity: Self.defaultSeverity,
                    title: "\(skipped) more dependency changes in \(file.path)", path: file.path,
                    evidence: "only the first \(maxFindingsPerFile) are reported one by one",
                    matchHash: SHA256Hex.digest("more:\(skipped)")
                )
            )
        }
        return findings
    }

    /// No dependency declaration is longer than this; longer lines (generated or hostile content)
    /// are skipped rather than parsed.
    static let maximumLineBytes = 4096

    static func manifestLines(_ lines: [DiffLine]) -> [DiffLine] {
        lines.allSatisfy { $0.text.utf8.count <= maximumLineBytes }
            ? lines : lines.filter { $0.text.utf8.count <= maximumLineBytes }
    }

    // MARK: - Findings

    private func finding(_ change: DependencyChange, file: FileChange, lines: [DiffLine]?, note: String?) -> Finding {
        let path = file.path
        let dependency = change.dependency
        let title = DependencyChangeTitle.title(change, path: path)
        var severity: Severity
        switch change.kind {
        case .added, .sourceChanged, .downgraded: severity = Self.defaultSeverity
        case .removed, .changed: severity = .low
        // Recorded, below the default threshold: a version bump of a package the project already
        // chose is routine (bots open hundreds), and a reviewer reading each stops reading.
        case .upgraded: severity = .info
        }
        if change.isIndirectOnly { severity = .info }
        // A removal has no line in the new file.
        let line = change.new?.line
        let text = line.flatMap { number in
            lines.map { $0.first { $0.number == number }?.text } ?? LineText.text(ofLine: number, in: file.addedLines)
        }
        // A removal's evidence is the line the old manifest declared it on; the title already
        // names the dependency, so it is not repeated when that line is not in the diff.
        let removedText = change.kind == .removed
            ? change.old.flatMap { LineText.text(ofLine: $0.line, in: file.removedLines) }.map { "-" + $0 }
            : nil
        var evidence = LineText.evidence(text ?? removedText ?? "no longer declared in \(path)")
        if let note { evidence += " (\(note))" }
        let matchHash: String
        switch change.kind {
        case .removed: matchHash = SHA256Hex.digest("removed:\(dependency.key)@\(dependency.version ?? "")")
        default:
            let source = change.new.flatMap(DependencySource.of).map { "@\($0)" } ?? ""
            let version = dependency.version ?? ""
            matchHash = SHA256Hex.digest("\(dependency.key)@\(version)" + (change.kind == .sourceChanged ? source : ""))
        }
        return Finding(
            check: id, severity: severity, title: title, path: path, line: line, evidence: evidence,
            matchHash: matchHash
        )
    }

    private func notCompared(_ file: FileChange, because reason: String, severity: Severity) -> Finding {
        Finding(
            check: id, severity: severity, title: "Manifest could not be compared: \(file.path)", path: file.path,
            evidence: "\(reason); its changed lines name no dependency",
            matchHash: SHA256Hex.digest(
                "not-compared:\(file.oldBlob?.description ?? "")-\(file.newBlob?.description ?? "")")
        )
    }

    private func lockfileFinding(_ file: FileChange) -> Finding {
        Finding(
            check: id, severity: .info, title: "Lockfile changed without its manifest: \(file.path)", path: file.path,
            evidence: "+\(file.addedLines.count) −\(file.removedLineCount) lines; resolved versions only",
            matchHash: SHA256Hex.digest("lockfile:\(file.newBlob?.description ?? "")")
        )
    }
}
