/// A reference and the commit it resolves to.
public struct Reference: Sendable, Hashable {
    /// The full name, e.g. `refs/heads/main`.
    public var name: String
    /// The commit after peeling tags; `nil` when the reference points at something else
    /// (a tag of a blob or tree) or cannot be resolved.
    public var commit: ObjectID?

    public init(name: String, commit: ObjectID?) {
        self.name = name
        self.commit = commit
    }
}
