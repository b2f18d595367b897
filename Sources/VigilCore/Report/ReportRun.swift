import VigilGit

/// What `vigil report` was asked for.
public struct ReportRequest: Sendable {
    public enum Selection: Sendable {
        /// `--range A..B`.
        case range(String)
        /// `--by-tag PATTERN`.
        case tags(String)
    }

    public var repository: String
    public var selection: Selection
    public var paths: [String]
    public var excludes: [String]
    public var json: Bool
    public var engine: BlameEngine

    public init(
        repository: String, selection: Selection, paths: [String] = [], excludes: [String] = [], json: Bool = false,
        engine: BlameEngine = .vigil
    ) {
        self.repository = repository
        self.selection = selection
        self.paths = paths
        self.excludes = excludes
        self.json = json
        self.engine = engine
    }
}

/// Why a report could not be made at all (exit 2): a repository, range, tag pattern or glob that
/// does not work. The message names the input, escaped by the caller before it is printed.
public struct ReportFailure: Error, Sendable {
    public var message: String
}

/// Runs `vigil report`: resolves the range or the tag series, builds one report per range and
/// prints them. Returns whether everything was read; `false` means the totals are incomplete and
/// each problem was printed (exit 3).
public enum ReportRun {
    public static func run(
        _ request: ReportRequest, config: VigilConfig, output: TextSink = .standardOutput,
        messages: TextSink = .standardError
    ) throws(ReportFailure) -> Bool {
        let clock = ContinuousClock()
        let started = clock.now
        guard let path = RepositoryIdentity.canonicalPath(request.repository) else {
            throw ReportFailure(message: "no such repository: \(request.repository)")
        }
        let repository: Repository
        do {
            repository = try Repository(path: path)
        } catch {
            throw ReportFailure(message: "cannot open repository \(request.repository): \(error.message)")
        }
        let attributor: Attributor
        let filter: ReportPathFilter
        do {
            attributor = try Attributor(config: config)
        } catch {
            throw ReportFailure(message: error.problems.map(\.description).joined(separator: "; "))
        }
        do {
            filter = try ReportPathFilter(paths: request.paths, excludes: request.excludes)
        } catch {
            throw ReportFailure(message: error.description)
        }
        let ranges = try resolve(request.selection, in: repository)
        let redactor = Redactor(checks: (try? CheckCatalog.standard.checks(for: config, repository: nil)) ?? [])
        let redact: @Sendable (String) -> String = { redactor.redact($0) }
        let builder = ReportBuilder(
            repository: repository, attributor: attributor, filter: filter, maxBlobBytes: config.scan.maxBlobBytes,
            engine: request.engine)
        let progress = ReportProgress(sink: messages, enabled: messages.isTerminal)
        var reports: [ReleaseReport] = []
        for (index, range) in ranges.pairs.enumerated() {
            let label = ranges.pairs.count > 1
                ? "\(range.fromName)..\(range.toName) (\(index + 1) of \(ranges.pairs.count))"
                : "\(range.fromName)..\(range.toName)"
            let unit = request.engine == .vigil ? "commits" : "files"
            reports.append(
                builder.report(fromName: range.fromName, toName: range.toName, from: range.from, to: range.to) {
                    progress.update(label, done: $0, total: $1, unit: unit)
                })
        }
        progress.finish()
        let problems = ranges.problems + reports.flatMap(\.problems)
        let seconds = Double((clock.now - started).components.attoseconds) / 1e18
            + Double((clock.now - started).components.seconds)
        if request.json {
            let json = ReportJSON(repository: path, redact: redact)
            var text = ""
            for report in reports { text += json.release(report).serialized() + "\n" }
            for problem in problems { text += json.problem(problem).serialized() + "\n" }
            text += json.summary(reports, notVersions: ranges.notVersions, errors: problems.count, seconds: seconds)
                .serialized() + "\n"
            output.write(text)
        } else {
            let renderer = ReportText(repository: path, redact: redact)
            if case .tags = request.selection {
                output.write(renderer.releases(reports))
            } else if let report = reports.first {
                output.write(renderer.release(report))
            }
            if !ranges.notVersions.isEmpty {
                let names = ranges.notVersions.prefix(10).map { TerminalText.escape(redact($0)) }
                    .joined(separator: ", ")
                let more = ranges.notVersions.count > 10 ? ", …" : ""
                let count = ranges.notVersions.count
                messages.write("vigil: left out \(count) tags that do not read as versions: \(names)\(more)\n")
            }
            for problem in problems {
                var where_ = problem.commit.map { " in commit \($0.short)" } ?? ""
                if let path = problem.path { where_ += " at \(TerminalText.escape(redact(path)))" }
                messages.write("vigil: could not read\(where_): \(TerminalText.escape(redact(problem.message)))\n")
            }
            if !problems.isEmpty {
                messages.write("vigil: \(problems.count) problems; the totals above leave out what could not be read\n")
            }
        }
        return problems.isEmpty
    }

    // MARK: - Ranges

    struct RangePair {
        var fromName: String
        var toName: String
        var from: ObjectID
        var to: ObjectID
    }

    struct Ranges {
        var pairs: [RangePair] = []
        var notVersions: [String] = []
        var problems: [ReportProblem] = []
    }

    static func resolve(_ selection: ReportRequest.Selection, in repository: Repository) throws(ReportFailure)
        -> Ranges
    {
        switch selection {
        case .range(let text):
            let (fromName, toName) = try parseRange(text)
            let from = try resolveCommit(fromName, in: repository)
            let to = try resolveCommit(toName, in: repository)
            return Ranges(pairs: [RangePair(fromName: fromName, toName: toName, from: from, to: to)])
        case .tags(let pattern):
            guard !pattern.isEmpty else { throw ReportFailure(message: "the tag pattern is empty") }
            let series: TagSeries
            do {
                series = try TagSeries(repository: repository, pattern: pattern)
            } catch {
                throw ReportFailure(message: "cannot list the tags: \(error.message)")
            }
            guard series.tags.count >= 2 else {
                var message = "the tag pattern \(pattern) matches \(series.tags.count) tag"
                message += series.tags.count == 1 ? "" : "s"
                message += " that read as versions; a series needs two or more"
                if !series.notVersions.isEmpty {
                    message += " (\(series.notVersions.count) more match but do not read as versions)"
                }
                throw ReportFailure(message: message)
            }
            var ranges = Ranges(notVersions: series.notVersions, problems: series.problems)
            for (older, newer) in zip(series.tags, series.tags.dropFirst()) {
                ranges.pairs.append(
                    RangePair(fromName: older.name, toName: newer.name, from: older.commit, to: newer.commit))
            }
            return ranges
        }
    }

    /// `A..B`, both sides named. `A...B` (a symmetric difference) has no single end to blame at.
    static func parseRange(_ text: String) throws(ReportFailure) -> (String, String) {
        guard !text.contains("..."), let dots = text.range(of: "..") else {
            throw ReportFailure(message: "the range \(text) is not of the form A..B")
        }
        let from = String(text[..<dots.lowerBound])
        let to = String(text[dots.upperBound...])
        guard !from.isEmpty, !to.isEmpty, !to.contains("..") else {
            throw ReportFailure(message: "the range \(text) is not of the form A..B (both ends are needed)")
        }
        return (from, to)
    }

    private static func resolveCommit(_ revision: String, in repository: Repository) throws(ReportFailure) -> ObjectID {
        do {
            return try repository.resolveCommit(revision)
        } catch {
            throw ReportFailure(message: "cannot resolve \(revision) to a commit: \(error.message)")
        }
    }
}
