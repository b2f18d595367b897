import GRDB
import VigilCore

extension SQLiteAlertStore {
    /// The operations `vigil queue` needs, run on the calling thread: a command-line process makes
    /// one query and exits, so it has no use for Swift concurrency and must not depend on how the
    /// root command is run.
    public var blocking: Blocking { Blocking(store: self) }

    public struct Blocking: Sendable {
        let store: SQLiteAlertStore

        public func alerts(matching filter: AlertFilter) throws(AlertStoreError) -> [QueuedAlert] {
            try read { db in try AlertQueries.alerts(db, matching: filter) }
        }

        public func alert(id: String) throws(AlertStoreError) -> (alert: QueuedAlert, history: [AlertStateChange])? {
            try read { db in try AlertQueries.alertWithHistory(db, id: id) }
        }

        /// The ids that start with `prefix`, oldest first, at most `limit` of them.
        public func ids(withPrefix prefix: String, limit: Int) throws(AlertStoreError) -> [String] {
            try read { db in try AlertQueries.ids(db, prefix: prefix, limit: limit) }
        }

        public func transition(id: String, to state: AlertState, by: String, note: String?) throws(AlertStoreError)
            -> QueuedAlert
        {
            let time = store.now()
            do {
                return try store.pool.write { db in
                    try AlertWrites.transition(db, id: id, to: state, by: by, note: note, now: time)
                }
            } catch {
                throw SQLiteAlertStore.unavailable(error, path: store.path, busyTimeout: store.busyTimeout)
            }
        }

        /// The first commit recorded with `patchID` in `repository`, with its alerts that take
        /// links; `nil` when none was (or the queue cannot be read: then nothing is linked to it).
        public func firstCommit(repository: String, patchID: String) -> LinkableCommit? {
            try? read { db in try AlertLinks.firstCommit(db, repository: repository, patchID: patchID) }
        }

        /// The id of the alert a linked finding's id was linked to, if it was.
        public func alertID(linked id: String) throws(AlertStoreError) -> String? {
            try read { db in try AlertLinks.alertID(linked: id, db) }
        }

        private func read<T>(_ body: (Database) throws -> T) throws(AlertStoreError) -> T {
            do {
                return try store.pool.read(body)
            } catch {
                throw SQLiteAlertStore.unavailable(error, path: store.path, busyTimeout: store.busyTimeout)
            }
        }
    }
}
