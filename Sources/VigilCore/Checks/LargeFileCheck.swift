import VigilGit

/// `large-file`: a committed blob over a size limit, or a new binary file. Both are how build
/// output, archives, database dumps, executables and model weights end up in history, where they
/// stay forever and cannot be reviewed as text.
///
/// - A blob is large when an added or changed file's new content exceeds `max_bytes` (default
///   5 MiB). A rename or mode change that keeps the same blob is not a new blob.
/// - A binary is new when a file is added and its content is binary by git's rule (`new_binaries`,
///   default true). Images and fonts are ordinary assets in most repositories, so they are allowed
///   by default (`allow_binary` replaces that list, `extra_allow_binary` adds to it); the size
///   limit applies to them all the same.
///
/// Submodules, symlinks and deletions are never flagged. One finding per file, up to
/// `max_findings_per_commit` (default 10): a commit adding a fuzz corpus of thousands of files is one
/// concern, reported as one summary finding with the count and the first files.
public struct LargeFileCheck: ConfigurableCheck {
    public static let checkID = "large-file"
    public static let defaultSeverity = Severity.medium
    public static let optionKeys: Set<String> = ["max_bytes", "new_binaries", "allow_binary", "extra_allow_binary"]
    public static let defaultMaxFindingsPerCommit: Int? = 10

    /// Binary types that are ordinary assets: images and fonts.
    public static let defaultAllowedBinaries = [
        "*.png", "*.jpg", "*.jpeg", "*.gif", "*.webp", "*.avif", "*.bmp", "*.ico", "*.icns", "*.tif", "*.tiff",
        "*.woff", "*.woff2", "*.ttf", "*.otf", "*.eot",
    ]

    public var id: String { Self.checkID }
    /// Blobs larger than this are flagged.
    public let maxBytes: Int64
    /// Whether new binary files are flagged at all.
    public let newBinaries: Bool
    /// New binaries that are not flagged (the size limit still applies).
    public let allowedBinaries: GlobSet

    public init(options: CheckOptions) throws(ConfigProblems) {
        var reader = OptionReader(options, for: Self.self)
        maxBytes = Int64(reader.integer("max_bytes", default: 5 * 1024 * 1024, range: 1...Int.max))
        newBinaries = reader.bool("new_binaries", default: true)
        allowedBinaries = reader.globs(
            "allow_binary", extra: "extra_allow_binary", default: Self.defaultAllowedBinaries
        )
        try reader.finish()
    }

    public func run(_ context: CheckContext) -> [Finding] {
        context.diff.files.compactMap(check)
    }

    private func check(_ file: FileChange) -> Finding? {
        guard file.status != .deleted else { return nil }
        switch file.newMode {
        case .symlink, .submodule, .tree, .absent: return nil
        default: break
        }
        let isLarge = file.newSize > maxBytes && introducesBlob(file)
        // Only a side read and found binary is binary: one over the size limit was never read.
        let isNewBinary = newBinaries && file.status == .added && file.newContent == .binary
            && !allowedBinaries.matches(file.newPath)
        guard isLarge || isNewBinary else { return nil }
        let size = LargeFileCheck.format(bytes: file.newSize)
        let title: String
        var evidence = "\(file.newPath): \(size)"
        if isLarge {
            title = "\(isNewBinary ? "Large binary file" : "Large file") \(ProtectedPathCheck.verb(file.status)): "
                + "\(file.newPath) (\(size))"
            evidence += ", over the \(LargeFileCheck.format(bytes: maxBytes)) limit"
            if file.status != .added { evidence += "; was \(LargeFileCheck.format(bytes: file.oldSize))" }
        } else {
            title = "Binary file added: \(file.newPath) (\(size))"
            evidence += ", binary"
        }
        return Finding(
            check: id, severity: Self.defaultSeverity, title: title, path: file.newPath, evidence: evidence,
            matchHash: file.newBlob?.hex ?? ""
        )
    }

    /// True when the change writes a blob that was not there before on this path.
    private func introducesBlob(_ file: FileChange) -> Bool {
        if file.status == .added { return true }
        if let old = file.oldBlob, let new = file.newBlob { return old != new }
        return file.oldSize != file.newSize
    }

    /// `512 B`, `3.4 KiB`, `12.0 MiB`, `1.2 GiB`.
    static func format(bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let tenths = (value * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10) \(units[unit])"
    }
}
