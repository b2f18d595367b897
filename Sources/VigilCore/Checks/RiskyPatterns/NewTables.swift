import VigilGit

/// The tables a commit creates, so that dropping one of them is read as what it is: the down
/// migration of a migration the same commit adds (`CREATE TABLE users …` up, `DROP TABLE IF
/// EXISTS users` down), which destroys nothing that existed before the commit.
struct NewTables {
    static let create = try? Regex(
        #"\bcreate\s+(?:(?:temporary|temp|unlogged)\s+)?table\s+(?:if\s+not\s+exists\s+)?([\w."`\[\]]+)"#,
        caseInsensitive: true)
    static let drop = try? Regex(
        #"\bdrop\s+table\s+(?:if\s+exists\s+)?([\w."`\[\]]+)"#, caseInsensitive: true)

    /// Normalised names of the tables created in the commit's added lines.
    let names: Set<String>

    /// Reads every added line of `diff` that mentions `create` (any case).
    init(_ diff: CommitDiff) {
        var names: Set<String> = []
        for file in diff.files {
            for line in file.addedLines where line.text.utf8.count <= 16 * 1024 {
                guard line.text.lowercased().contains("create"), let match = Self.create?.firstMatch(in: line.text)
                else { continue }
                if let name = Self.tableName(in: match.text) { names.insert(name) }
            }
        }
        self.names = names
    }

    /// True when `line` drops a table only this commit creates.
    func dropsNewTable(_ line: String) -> Bool {
        guard !names.isEmpty, let match = Self.drop?.firstMatch(in: line), let name = Self.tableName(in: match.text)
        else { return false }
        return names.contains(name)
    }

    /// The table name at the end of a `CREATE TABLE …` or `DROP TABLE …` match: quotes and brackets
    /// removed, lower case, so `"Users"` and `users` are one table.
    static func tableName(in statement: String) -> String? {
        guard let last = statement.split(whereSeparator: { $0 == " " || $0 == "\t" }).last else { return nil }
        let name = last.filter { !"\"`[]".contains($0) }.lowercased()
        guard !name.isEmpty, !["table", "exists"].contains(name) else { return nil }
        return name
    }
}
