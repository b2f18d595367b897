#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import VigilGit

/// The tags a `--by-tag` pattern selects, in version order, each with the commit it names.
struct TagSeries {
    var tags: [(name: String, commit: ObjectID)] = []
    /// Tags that match the pattern but do not read as versions, left out.
    var notVersions: [String] = []
    /// Tags that match but lead to no commit that can be read.
    var problems: [ReportProblem] = []

    /// Tags under `refs/tags/` whose name matches `pattern` as `git tag --list` matches (`*` may
    /// cross `/`), ordered by `VersionTag`. Tags naming something other than a commit are left out.
    init(repository: Repository, pattern: String) throws(GitError) {
        var versions: [(VersionTag, ObjectID)] = []
        for reference in try repository.references() where reference.name.hasPrefix("refs/tags/") {
            let name = String(reference.name.dropFirst("refs/tags/".count))
            guard fnmatch(pattern, name, 0) == 0 else { continue }
            if let problem = reference.problem {
                problems.append(ReportProblem(commit: nil, path: nil, message: "tag \(name): \(problem)"))
                continue
            }
            guard let commit = reference.commit else { continue }
            guard let version = VersionTag(name) else {
                notVersions.append(name)
                continue
            }
            versions.append((version, commit))
        }
        tags = versions.sorted { $0.0 < $1.0 }.map { ($0.0.name, $0.1) }
    }
}
