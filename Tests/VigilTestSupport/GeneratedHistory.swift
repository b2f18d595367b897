import Foundation

/// A deterministic history of any length, written with one `git fast-import` run: source-like files
/// edited a few lines at a time (closing braces and blank lines, so that many changes could be
/// placed in more than one way), files added, renamed and deleted, CRLF files and files without a
/// final newline, and a side branch merged back every so often with a hand-made resolution.
public enum GeneratedHistory {
    /// Writes `commits` commits (merges included) on `main` into the empty repository `fixture`.
    public static func write(commits: Int, into fixture: FixtureRepository) throws {
        var generator = Generator()
        let stream = generator.stream(commits: commits)
        try fixture.git(["fast-import", "--quiet"], input: Data(stream.utf8))
        try fixture.git(["reset", "-q", "--hard", "main"])
    }

    private struct Generator {
        private var seed: UInt64 = 0x5EED_1234_ABCD
        private var files: [String: [String]] = [:]
        private var mark = 0
        private var time = 1_700_000_000
        private var out = ""

        private mutating func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }

        private mutating func line() -> String {
            let words = ["value", "count", "index", "buffer", "result", "config", "token", "handler", "user"]
            switch next(10) {
            case 0, 1: return "}"
            case 2, 3: return ""
            case 4: return "    return \(words[next(words.count)])"
            case 5: return "func \(words[next(words.count)])\(next(50))() {"
            default: return "    let \(words[next(words.count)]) = \(next(1000))"
            }
        }

        private mutating func content(_ name: String) -> String {
            let lines = files[name] ?? []
            if name.hasSuffix(".bat") { return lines.map { $0 + "\r\n" }.joined() }
            let text = lines.joined(separator: "\n")
            return name.hasSuffix(".tail") ? text : text + "\n"
        }

        private mutating func edit(_ name: String) {
            var body = files[name] ?? []
            for _ in 0..<(1 + next(4)) {
                let at = next(body.count + 1)
                if !body.isEmpty, next(3) == 0 {
                    body.remove(at: min(at, body.count - 1))
                } else {
                    let block = (0..<(1 + next(3))).map { _ in line() }
                    body.insert(contentsOf: block, at: at)
                }
            }
            files[name] = body
        }

        private mutating func commit(branch: String, message: String, from: Int?, merge: Int?, changes: [String])
            -> Int
        {
            mark += 1
            time += 60 + next(600)
            out += "commit refs/heads/\(branch)\nmark :\(mark)\n"
            out += "committer Dana Developer <dana@example.com> \(time) +0000\n"
            out += "data \(message.utf8.count)\n\(message)\n"
            if let from { out += "from :\(from)\n" }
            if let merge { out += "merge :\(merge)\n" }
            for change in changes {
                if files[change] != nil {
                    let text = content(change)
                    out += "M 100644 inline \(change)\ndata \(text.utf8.count)\n\(text)\n"
                } else {
                    out += "D \(change)\n"
                }
            }
            out += "\n"
            return mark
        }

        mutating func stream(commits: Int) -> String {
            var mainTip: Int?
            var sideTip: Int?
            var sideChanges: [String] = []
            var made = 0
            while made < commits {
                var changes: [String] = []
                let kind = next(100)
                if files.count < 5 || kind < 6 {
                    let suffix = [".swift", ".swift", ".swift", ".bat", ".tail"][next(5)]
                    let name = "src/m\(next(8))/file\(made)\(suffix)"
                    files[name] = (0..<(10 + next(40))).map { _ in line() }
                    changes.append(name)
                } else if kind < 9 {
                    let old = files.keys.sorted()[next(files.count)]
                    let new = "moved/\(made)-" + (old.split(separator: "/").last.map(String.init) ?? "x")
                    files[new] = files.removeValue(forKey: old)
                    if next(2) == 0 { edit(new) }
                    changes += [old, new]
                } else if kind < 11, files.count > 8 {
                    let victim = files.keys.sorted()[next(files.count)]
                    files[victim] = nil
                    changes.append(victim)
                } else {
                    for _ in 0..<(1 + next(3)) {
                        let name = files.keys.sorted()[next(files.count)]
                        edit(name)
                        changes.append(name)
                    }
                }
                // Every 40th commit goes to a side branch, merged back 3 commits later.
                if made % 40 == 10, let base = mainTip {
                    sideTip = commit(branch: "side", message: "side \(made)\n", from: base, merge: nil, changes: changes)
                    sideChanges = changes
                } else if made % 40 == 13, let side = sideTip, let tip = mainTip {
                    let name = files.keys.sorted()[next(files.count)]
                    edit(name)
                    mainTip = commit(
                        branch: "main", message: "Merge side (\(made)), resolved by hand\n", from: tip, merge: side,
                        changes: Array(Set(changes + sideChanges + [name])).sorted())
                    sideTip = nil
                } else {
                    mainTip = commit(
                        branch: "main", message: "change \(made)\n", from: mainTip, merge: nil,
                        changes: Array(Set(changes)).sorted())
                }
                made += 1
            }
            return out
        }
    }
}
