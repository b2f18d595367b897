import GRDB
import VigilCore

/// The queue's tables, one versioned migration each. A migration, once released, never changes:
/// a new column or table is a new migration, so every queue file upgrades the same way.
enum QueueSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: alerts, history, repository state, log cursor, follow-up") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2: patch ids of recorded commits, links between equal findings") { db in
            try db.execute(sql: version2)
        }
        return migrator
    }

    /// Tables, as the filters and the outbox read them:
    /// - `alert`: one row per alert id; `seq` orders the log and is never reused (AUTOINCREMENT);
    ///   filter fields in columns (severity as its rank, so "at least high" is one comparison),
    ///   the redacted `vigil.alert/1` record as text, and the follow-up delivery.
    /// - `alert_tool`: the tools that wrote the commit, one row each, so `--tool` matches exactly.
    /// - `alert_history`: every state change, who made it, when, and why.
    /// - `repository`, `repository_ref`, `repository_seen`: where the daemon stands in each
    ///   repository, replaced in the transaction that records the alerts that moved it.
    /// - `log_cursor`: a single row, the seq of the last alert the alert log holds.
    private static let version1 = """
        CREATE TABLE alert (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            repo TEXT NOT NULL,
            ref TEXT,
            commit_sha TEXT NOT NULL,
            check_id TEXT NOT NULL,
            severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
            time TEXT NOT NULL,
            source TEXT NOT NULL,
            json TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'acked', 'resolved', 'dismissed')),
            updated TEXT NOT NULL,
            updated_by TEXT,
            note TEXT,
            followup_state TEXT NOT NULL CHECK (followup_state IN ('none', 'pending', 'delivered', 'failed')),
            followup_attempts INTEGER NOT NULL DEFAULT 0,
            followup_next TEXT,
            followup_error TEXT
        );
        CREATE INDEX alert_by_state ON alert (state, seq);
        CREATE INDEX alert_by_repo ON alert (repo, seq);
        CREATE INDEX alert_followup_due ON alert (followup_state, followup_next) WHERE followup_state = 'pending';

        CREATE TABLE alert_tool (
            alert_seq INTEGER NOT NULL REFERENCES alert (seq) ON DELETE CASCADE,
            tool TEXT NOT NULL,
            PRIMARY KEY (alert_seq, tool)
        ) WITHOUT ROWID;
        CREATE INDEX alert_tool_by_tool ON alert_tool (tool, alert_seq);

        CREATE TABLE alert_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            alert_seq INTEGER NOT NULL REFERENCES alert (seq) ON DELETE CASCADE,
            time TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT NOT NULL,
            changed_by TEXT NOT NULL,
            note TEXT
        );
        CREATE INDEX alert_history_by_alert ON alert_history (alert_seq, id);

        CREATE TABLE repository (
            path TEXT PRIMARY KEY NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE repository_ref (
            repository TEXT NOT NULL REFERENCES repository (path) ON DELETE CASCADE,
            name TEXT NOT NULL,
            target TEXT NOT NULL,
            PRIMARY KEY (repository, name)
        ) WITHOUT ROWID;
        CREATE TABLE repository_seen (
            repository TEXT NOT NULL REFERENCES repository (path) ON DELETE CASCADE,
            commit_sha TEXT NOT NULL,
            PRIMARY KEY (repository, commit_sha)
        ) WITHOUT ROWID;

        CREATE TABLE log_cursor (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL CHECK (seq >= 0)
        );
        INSERT INTO log_cursor (id, seq) VALUES (1, 0);
        """
}

extension QueueSchema {
    /// Cherry-pick links (see `LinkKey` and `AlertWrites.record`):
    /// - `commit_patch`: the patch id of each commit the queue recorded an alert for; the lowest
    ///   `id` among a repository's commits with one patch id is the first, which later ones link to.
    /// - `alert.link_key`: the finding's identity across equal patches; `NULL` for findings never
    ///   linked (and for alerts queued before this migration, which therefore take no links).
    /// - `alert_link`: a finding on a later commit with the same patch, linked to the first
    ///   commit's alert instead of being queued itself: its own alert id, commit, ref and when.
    static let version2 = """
        CREATE TABLE commit_patch (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            repo TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            patch_id TEXT NOT NULL,
            UNIQUE (repo, commit_sha)
        );
        CREATE INDEX commit_patch_by_patch ON commit_patch (repo, patch_id, id);

        ALTER TABLE alert ADD COLUMN link_key TEXT;
        CREATE INDEX alert_by_commit ON alert (repo, commit_sha) WHERE link_key IS NOT NULL;

        CREATE TABLE alert_link (
            id TEXT PRIMARY KEY NOT NULL,
            alert_seq INTEGER NOT NULL REFERENCES alert (seq) ON DELETE CASCADE,
            commit_sha TEXT NOT NULL,
            ref TEXT,
            time TEXT NOT NULL,
            source TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX alert_link_by_alert ON alert_link (alert_seq, time);
        """

    /// Brings the file at `path` to the current schema, refusing files this version must not touch:
    /// a SQLite database that is not a Vigil queue, and a queue a newer Vigil has migrated further.
    static func open(_ pool: DatabasePool, path: String) throws {
        let migrator = migrator
        try pool.read { db in
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
            if !tables.isEmpty, !tables.contains("grdb_migrations") {
                throw AlertStoreError.unavailable(
                    "the queue \(path) is a SQLite database but not a Vigil queue (it has other tables)")
            }
            if try migrator.hasBeenSuperseded(db) {
                let unknown = try migrator.appliedIdentifiers(db).subtracting(knownIdentifiers)
                let schema = unknown.sorted().joined(separator: ", ")
                throw AlertStoreError.unavailable(
                    "the queue \(path) was written by a newer version of Vigil (schema \(schema)); "
                        + "upgrade Vigil or point [daemon] state_dir elsewhere")
            }
        }
        try migrator.migrate(pool)
    }

    static var knownIdentifiers: Set<String> { Set(migrator.migrations) }
}
