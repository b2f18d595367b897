/// Runs scan batches: at most `children` at a time, repositories with pending work in turns of one
/// batch each (`ScanQueue`), failed ones again after their retry delay.
///
/// The batch itself (request, child, recording) is the caller's closure, which returns what comes
/// next for that repository. `run()` serves until its task is cancelled; `submit` may be called
/// from anywhere.
public final class ScanScheduler: Sendable {
    public typealias Batch = @Sendable (_ repository: String) async -> ScanStep.Next

    private enum Event: Sendable {
        case submitted(String)
        case removed(String)
        case finished(String, ScanStep.Next)
        case due(String)
    }

    private let children: Int
    private let batch: Batch
    private let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation

    public init(children: Int, batch: @escaping Batch) {
        self.children = max(1, children)
        self.batch = batch
        (events, continuation) = AsyncStream.makeStream(of: Event.self)
    }

    /// `repository` has new commits or ref changes to scan.
    public func submit(_ repository: String) {
        continuation.yield(.submitted(repository))
    }

    /// `repository` is no longer watched.
    public func remove(_ repository: String) {
        continuation.yield(.removed(repository))
    }

    /// Serves batches until the calling task is cancelled; running batches see the cancellation
    /// (their children are stopped) and are awaited.
    public func run() async {
        var queue = ScanQueue()
        await withDiscardingTaskGroup { group in
            for await event in events {
                switch event {
                case .submitted(let repository): queue.submit(repository)
                case .removed(let repository): queue.remove(repository)
                case .due(let repository): queue.due(repository)
                case .finished(let repository, let next):
                    queue.finish(repository, next)
                    if case .retry(let delay) = next {
                        group.addTask { [continuation] in
                            try? await Task.sleep(for: delay)
                            continuation.yield(.due(repository))
                        }
                    }
                }
                while let repository = queue.next(children: children) {
                    group.addTask { [batch, continuation] in
                        let next = await batch(repository)
                        continuation.yield(.finished(repository, next))
                    }
                }
            }
        }
    }
}
