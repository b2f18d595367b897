import CGit2

/// Packs written after the repository was opened (a push, a `git gc` or a fetch landing while a
/// scan runs), read the way the packs found at open are.
///
/// libgit2 refreshes its object database after a read that found nothing, and reads again. This
/// backend answers that refresh: it lists the pack folders once more, validates each index it has
/// not seen (`PackFile`), and reads the new packs that pass with a `PackedObjectReader` of their
/// own. Refused ones are added to the database's `RefusedPackReport`.
final class LatePackReader {
    private let packFolders: [String]
    /// Every index path seen so far, read or refused, so each is validated once.
    private var known: Set<String>
    private var packs: [PackFile] = []
    private var reader: PackedObjectReader?
    private let report: RefusedPackReport

    init(packFolders: [String], known: [String], report: RefusedPackReport) {
        self.packFolders = packFolders
        self.known = Set(known)
        self.report = report
    }

    /// libgit2's `refresh`: 0, whatever was found (a pack that cannot be read is reported, not fatal).
    func refresh() -> Int32 {
        var added = false
        for folder in packFolders {
            for indexPath in PackedObjectReader.listIndexes(in: folder) where !known.contains(indexPath) {
                // An index whose pack is not there (yet, or any more) is looked at again at the next refresh.
                guard RegularFile.kind(of: String(indexPath.dropLast(4)) + ".pack") != nil else { continue }
                known.insert(indexPath)
                do {
                    packs.append(try PackFile(indexPath: indexPath))
                    added = true
                } catch {
                    report.reasons.append(error.reason)
                }
            }
        }
        if added { reader = PackedObjectReader(packs: packs) }
        return 0
    }

    func answer(_ request: OdbBackend.Request) -> Int32 {
        guard let reader else {
            if case .exists = request { return 0 }
            return GIT_PASSTHROUGH.rawValue
        }
        return reader.answerLibgit2(request)
    }
}
