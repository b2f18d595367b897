import VigilGit

/// A version of another file (or of the same file in a parent) where lines a commit seems to add
/// may have come from, with the origins of its lines (`nil`: all older than the range).
struct CopySource {
    let text: FileText
    let origins: [LineOrigin]?

    func origin(_ line: Int) -> LineOrigin {
        guard let origins, line < origins.count else { return .boundary }
        return origins[line]
    }
}

/// git blame's `-M` and `-C`: lines a commit's diff shows as added that are really a block kept from
/// elsewhere in the parent (moved within the file, or copied from a file the same commit changed)
/// take the origin of those lines instead of the commit.
///
/// Like git, each run of still-unexplained lines is matched against every source, the best block
/// (scored as git scores it: one plus the alphanumeric bytes of its lines) is taken when its score
/// exceeds the threshold (git's 20 for `-M`, 40 for `-C`), and what is left on either side of it is
/// searched again. A search costs the lines of each source it diffs; `stepsPerCommit` bounds that per
/// commit, so a commit copying among thousands of files cannot stall the report.
struct BlockSearch {
    /// git's `BLAME_DEFAULT_MOVE_SCORE` and `BLAME_DEFAULT_COPY_SCORE`.
    static let moveScore = 20
    static let copyScore = 40
    /// Steps one commit's searches may take together.
    static let stepsPerCommit = 50_000_000

    private(set) var stepsLeft: Int
    /// Set when the budget ran out: some lines may be credited to the commit that git would trace.
    private(set) var wasCutShort = false

    init(steps: Int = BlockSearch.stepsPerCommit) {
        stepsLeft = steps
    }

    /// Gives lines of `target` still `nil` in `origins` the origin of a matching block of `sources`.
    mutating func trace(_ target: FileText, origins: inout [LineOrigin?], sources: [CopySource], threshold: Int) {
        trace(target, origins: &origins, sources: SourceSet(sources), excluding: [], threshold: threshold)
    }

    /// `trace` over a set indexed once for many targets, leaving out the sources in `excluded`.
    mutating func trace(
        _ target: FileText, origins: inout [LineOrigin?], sources set: SourceSet, excluding excluded: Set<Int>,
        threshold: Int
    ) {
        let sources = set.sources
        guard !sources.isEmpty, origins.contains(where: { $0 == nil }) else { return }
        let index = set.index
        var alphanumericsBefore = [Int](repeating: 0, count: target.lineCount + 1)
        for line in 0..<target.lineCount {
            alphanumericsBefore[line + 1] = alphanumericsBefore[line] + Int(target.alphanumerics[line])
        }
        var runs = Self.unexplainedRuns(origins)
        while let run = runs.popLast() {
            guard let block = best(
                in: run, of: target, index: index, sources: sources, scores: alphanumericsBefore,
                threshold: threshold, excluded: excluded)
            else { continue }
            guard block.score > threshold else { continue }
            for offset in 0..<block.length {
                origins[block.targetStart + offset] = sources[block.source].origin(block.sourceStart + offset)
            }
            if run.lowerBound < block.targetStart { runs.append(run.lowerBound..<block.targetStart) }
            if block.targetStart + block.length < run.upperBound {
                runs.append((block.targetStart + block.length)..<run.upperBound)
            }
        }
    }

    private struct Block {
        var targetStart: Int
        var length: Int
        var source: Int
        var sourceStart: Int
        var score: Int
    }

    /// The best block of `run` found as git finds it: the run's lines are diffed against each source
    /// whole, and each stretch the diff keeps (consecutive lines on both sides) is a candidate,
    /// scored by its lines; later candidates win ties, as in git's `copy_split_if_better`. A source
    /// sharing no line of the run with letters or digits in it is not diffed. `nil` when nothing
    /// matches or the budget is spent.
    private mutating func best(
        in run: Range<Int>, of target: FileText, index: LineIndexTable, sources: [CopySource], scores: [Int],
        threshold: Int, excluded: Set<Int>
    ) -> Block? {
        // A block's lines all occur in its source, so a source in which no stretch of the run's lines
        // occurs whole that scores above the threshold cannot give one: it is not diffed.
        var stretch: [Int: (end: Int, score: Int)] = [:]
        var bestStretch: [Int: Int] = [:]
        for line in run {
            var sourcesOfLine: Set<Int> = []
            for global in index.lines(withHash: target.hashes[line]) {
                sourcesOfLine.insert(index.location(global).0)
            }
            for source in sourcesOfLine where !excluded.contains(source) {
                let previous = stretch[source].flatMap { $0.end == line - 1 ? $0.score : nil } ?? 1
                let score = previous + Int(target.alphanumerics[line])
                stretch[source] = (line, score)
                bestStretch[source] = max(bestStretch[source] ?? 0, score)
            }
        }
        let candidates = bestStretch.filter { $0.value > threshold }.keys
        guard !candidates.isEmpty else { return nil }
        let runBytes = Array(target.bytes[target.starts[run.lowerBound]..<target.starts[run.upperBound]])
        var best: Block?
        for source in candidates.sorted() {
            stepsLeft -= sources[source].text.lineCount + run.count
            if stepsLeft < 0 {
                wasCutShort = true
                return nil
            }
            let old = sources[source].text.bytes
            guard let kept = try? LineAlignment.keptLines(old: old, new: runBytes, diff: .likeGit) else { continue }
            var offset = 0
            while offset < kept.count {
                guard kept[offset] >= 0 else {
                    offset += 1
                    continue
                }
                var length = 1
                while offset + length < kept.count, kept[offset + length] == kept[offset] + Int32(length) {
                    length += 1
                }
                let start = run.lowerBound + offset
                let score = 1 + scores[start + length] - scores[start]
                if score >= best?.score ?? 0 {
                    best = Block(
                        targetStart: start, length: length, source: source, sourceStart: Int(kept[offset]),
                        score: score)
                }
                offset += length
            }
        }
        return best
    }

    /// Maximal runs of consecutive unexplained lines.
    private static func unexplainedRuns(_ origins: [LineOrigin?]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for (line, origin) in origins.enumerated() {
            if origin == nil {
                if start == nil { start = line }
            } else if let first = start {
                runs.append(first..<line)
                start = nil
            }
        }
        if let first = start { runs.append(first..<origins.count) }
        return runs
    }
}

/// Sources with their lines indexed, built once per commit and parent for the copy search.
struct SourceSet {
    let sources: [CopySource]
    fileprivate let index: LineIndexTable

    init(_ sources: [CopySource]) {
        self.sources = sources
        index = LineIndexTable(sources)
    }
}

/// Every line of a set of sources, numbered globally and found by hash.
private struct LineIndexTable {
    private var byHash: [UInt64: [Int32]] = [:]
    /// The first global number of each source, ascending.
    private var firstLine: [Int32] = []

    init(_ sources: [CopySource]) {
        var next: Int32 = 0
        for source in sources {
            firstLine.append(next)
            for line in 0..<source.text.lineCount {
                byHash[source.text.hashes[line], default: []].append(next + Int32(line))
            }
            next += Int32(source.text.lineCount)
        }
    }

    func lines(withHash hash: UInt64) -> [Int32] { byHash[hash] ?? [] }

    /// The source a global line number is in, and its line there.
    func location(_ global: Int32) -> (Int, Int) {
        var low = 0
        var high = firstLine.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if firstLine[middle] <= global { low = middle } else { high = middle - 1 }
        }
        return (low, Int(global - firstLine[low]))
    }
}
