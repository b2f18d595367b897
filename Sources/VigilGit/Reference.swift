/// A reference and the commit it resolves to.
public struct Reference: Sendable, Hashable {
    /// The full name, e.g. `refs/heads/main`. For a folder of references that could not be listed,
    /// the folder's name with a trailing slash, e.g. `refs/heads/`.
    public var name: String
    /// The commit after peeling tags; `nil` when the reference points at something else
    /// (a tag of a blob or tree) or cannot be resolved.
    public var commit: ObjectID?
    /// Why the reference leads to nothing it could be read as: its target or a tag on the way is
    /// missing or damaged, its file cannot be read, or its folder cannot be listed. `nil` for a
    /// reference that resolved, including one that resolved to a blob or tree, and for a symbolic
    /// reference to a name that does not exist (facts about the repository, not something Vigil
    /// failed to read).
    public var problem: String?

    public init(name: String, commit: ObjectID?, problem: String? = nil) {
        self.name = name
        self.commit = commit
        self.problem = problem
    }
}
