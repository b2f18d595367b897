/// `dependency-change` reports each changed dependency, but one manifest rewrite (a regenerated
/// `go.mod`, a framework upgrade) changes dozens at once: past ten in one commit they are one
/// concern, summed up in one finding with the count and the first examples.
extension DependencyChangeCheck {
    public static var defaultMaxFindingsPerCommit: Int? { 10 }
}
