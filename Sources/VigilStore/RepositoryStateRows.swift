import GRDB
import VigilCore

/// Where the daemon stands in each repository: its watched ref tips and the commits every walk
/// hides. Written only inside `record`'s transaction, with the alerts that moved it.
enum RepositoryStateRows {
    static func state(_ db: Database, repository: String) throws -> RepositoryState? {
        let repository = repository.storable
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM repository WHERE path = ?", arguments: [repository]) != nil
        else { return nil }
        var refs: [String: String] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT name, target FROM repository_ref WHERE repository = ?", arguments: [repository])
        {
            let name: String = try row.decode(atIndex: 0)
            let target: String = try row.decode(atIndex: 1)
            refs[name] = target
        }
        let seen = try String.fetchAll(
            db, sql: "SELECT commit_sha FROM repository_seen WHERE repository = ?", arguments: [repository])
        return RepositoryState(refs: refs, seen: Set(seen))
    }

    /// Replaces the repository's state whole.
    static func replace(_ db: Database, with progress: RepositoryProgress) throws {
        let repository = progress.repository.storable
        try db.execute(sql: "INSERT OR IGNORE INTO repository (path) VALUES (?)", arguments: [repository])
        try db.execute(sql: "DELETE FROM repository_ref WHERE repository = ?", arguments: [repository])
        try db.execute(sql: "DELETE FROM repository_seen WHERE repository = ?", arguments: [repository])
        let insertRef = try db.cachedStatement(
            sql: "INSERT INTO repository_ref (repository, name, target) VALUES (?, ?, ?)")
        for (name, target) in progress.state.refs.sorted(by: { $0.key < $1.key }) {
            try insertRef.execute(arguments: [repository, name.storable, target.storable])
        }
        let insertSeen = try db.cachedStatement(
            sql: "INSERT INTO repository_seen (repository, commit_sha) VALUES (?, ?)")
        for commit in progress.state.seen.sorted() {
            try insertSeen.execute(arguments: [repository, commit.storable])
        }
    }
}
