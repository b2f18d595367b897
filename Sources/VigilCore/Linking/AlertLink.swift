/// The earlier alert a finding was linked to: the same finding on an earlier commit with the same
/// patch id (see `LinkKey`). A linked finding is not raised again.
public struct AlertLink: Sendable, Hashable {
    /// The first alert's id.
    public var id: String
    /// The first alert's commit, 40 hex digits.
    public var commit: String

    public init(id: String, commit: String) {
        self.id = id
        self.commit = commit
    }

    public var json: JSONValue {
        .object([("id", .string(id)), ("commit", .string(commit))])
    }
}

/// The first commit recorded with a patch id, and its alerts that can take links.
public struct LinkableCommit: Sendable {
    public var commit: String
    /// Each alert's link key and id, in the order they were raised.
    public var alerts: [(key: String, id: String)]

    public init(commit: String, alerts: [(key: String, id: String)]) {
        self.commit = commit
        self.alerts = alerts
    }

    /// The links for one later commit's alerts: each alert whose key one of these alerts has takes
    /// that alert, each of these at most once (two equal findings link to two equal findings).
    public func links(for alerts: [Alert]) -> [AlertLink?] {
        var unused = self.alerts
        return alerts.map { alert in
            guard let key = alert.linkKey, let index = unused.firstIndex(where: { $0.key == key }) else { return nil }
            let first = unused.remove(at: index)
            return AlertLink(id: first.id, commit: commit)
        }
    }
}
