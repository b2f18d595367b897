import Foundation
import Testing
import VigilCore
import VigilGit
import VigilTestSupport

/// A commit as some tool (or person) writes it: message, identities, and an optional git-ai note.
struct SampleCommit: Sendable, CustomTestStringConvertible {
    var message: String
    var author: FixtureRepository.Identity = FixtureRepository.human
    var committer: FixtureRepository.Identity?
    /// Attached under `refs/notes/ai`.
    var note: String?
    /// The tool the verdict should name when it is not the signature's own (git-ai names the agent).
    var expectedTool: String?

    init(
        _ message: String, author: FixtureRepository.Identity = FixtureRepository.human,
        committer: FixtureRepository.Identity? = nil, note: String? = nil, expectedTool: String? = nil
    ) {
        self.message = message
        self.author = author
        self.committer = committer
        self.note = note
        self.expectedTool = expectedTool
    }

    var testDescription: String { String(message.prefix(60)) }
}

extension FixtureRepository.Identity {
    /// `Name <email>`, the form evidence text uses.
    var line: String { "\(name) <\(email)>" }
}

/// Fixture repositories for attribution: commit samples with the git CLI, read them back with VigilGit.
enum AttributionFixture {
    static let notesRef = "refs/notes/ai"

    /// Commits `sample` in a fresh repository (with its note, if any) and returns what VigilGit reads.
    static func commit(_ sample: SampleCommit) throws -> (commit: Commit, note: String?) {
        let fixture = try FixtureRepository()
        let sha = try fixture.commit(sample.message, author: sample.author, committer: sample.committer)
        if let note = sample.note { try attach(note, to: sha, in: fixture) }
        return try read(sha, in: fixture)
    }

    /// Commits raw message bytes (which need not be UTF-8) and reads the commit back.
    static func commit(
        messageBytes: [UInt8], author: FixtureRepository.Identity = FixtureRepository.human,
        committer: FixtureRepository.Identity? = nil
    ) throws -> Commit {
        let fixture = try FixtureRepository()
        let sha = try fixture.commit(messageBytes: messageBytes, author: author, committer: committer)
        return try read(sha, in: fixture).commit
    }

    static func attach(_ note: String, to sha: String, in fixture: FixtureRepository) throws {
        let file = fixture.root + "/note-\(UUID().uuidString)"
        try Data(note.utf8).write(to: URL(fileURLWithPath: file))
        try fixture.git(["notes", "--ref=ai", "add", "-F", file, sha])
    }

    static func read(_ sha: String, in fixture: FixtureRepository) throws -> (commit: Commit, note: String?) {
        let repository = try Repository(path: fixture.path)
        let id = try #require(ObjectID(hex: sha))
        return (try repository.commit(id), try repository.note(for: id, notesRef: notesRef))
    }

    /// The verdict of `attributor` (the built-in catalogue by default) for `sample`, via a real repository.
    static func verdict(_ sample: SampleCommit, attributor: Attributor? = nil) throws -> Verdict {
        let attributor = try attributor ?? Attributor(settings: AttributionSettings())
        let (commit, note) = try commit(sample)
        return attributor.verdict(for: commit, note: note)
    }

    /// An in-memory commit, for inputs git itself would refuse or that would be slow to write.
    static func memoryCommit(
        message: [UInt8], author: Signature = identity("Dana Developer", "dana@example.com"),
        committer: Signature? = nil, trailers: [Trailer] = []
    ) throws -> Commit {
        let id = try #require(ObjectID(hex: String(repeating: "ab", count: 20)))
        return Commit(
            id: id, parents: [], author: author, committer: committer ?? author, rawMessage: message,
            trailers: trailers)
    }

    static func identity(_ name: String, _ email: String) -> Signature {
        Signature(name: name, email: email, time: 1_700_000_000, offsetMinutes: 0)
    }
}
