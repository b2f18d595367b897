import VigilGit

/// Reads file versions for blame, each once while it is in use: a version is read as a commit's
/// new side and again as its child's old side, so the texts of the last few commits are kept.
struct BlobTexts {
    /// A version read, or why it cannot be blamed.
    enum Version {
        case text(FileText)
        case skipped(SkipReason)
    }

    let repository: Repository
    let maxBytes: Int64
    private var recent: [ObjectID: Version] = [:]
    private var older: [ObjectID: Version] = [:]
    private var recentBytes = 0
    /// Bytes of text kept before the older half is dropped.
    static let keptBytes = 64 << 20

    init(repository: Repository, maxBytes: Int64) {
        self.repository = repository
        self.maxBytes = maxBytes
    }

    mutating func version(_ id: ObjectID) -> Version {
        if let version = recent[id] { return version }
        if let version = older[id] {
            recent[id] = version
            return version
        }
        let version: Version
        do {
            switch try repository.blobBytes(id, maxBytes: maxBytes) {
            case .tooLarge(let size): version = .skipped(.tooLarge(size))
            case .bytes(let bytes):
                version = FileText.looksBinary(bytes) ? .skipped(.binary) : .text(FileText(bytes))
                recentBytes += bytes.count
            }
        } catch {
            version = .skipped(.unreadable("\(error.operation): \(error.message)"))
        }
        recent[id] = version
        if recentBytes > Self.keptBytes {
            older = recent
            recent = [:]
            recentBytes = 0
        }
        return version
    }

    mutating func text(_ id: ObjectID) -> FileText? {
        if case .text(let text) = version(id) { return text }
        return nil
    }
}
