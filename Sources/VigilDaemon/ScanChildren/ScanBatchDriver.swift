import VigilCore

/// One batch of one repository from request to step: sizes the request (`batch_commits`, workers
/// as the retry state allows), runs the child, and applies `ScanRetryPolicy` to what it said. The
/// caller records the step's alerts and hide roots in one transaction.
public struct ScanBatchDriver: Sendable {
    public var runner: ScanChildRunner
    public var policy: ScanRetryPolicy
    /// `[daemon] batch_commits`.
    public var batchCommits: Int
    /// Worker threads a child uses when it is not isolating a failure.
    public var workers: Int

    public init(runner: ScanChildRunner, policy: ScanRetryPolicy = ScanRetryPolicy(), batchCommits: Int, workers: Int) {
        self.runner = runner
        self.policy = policy
        self.batchCommits = batchCommits
        self.workers = workers
    }

    /// Runs one batch of `request` (its `limit` and `workers` are set here) and returns what the
    /// child said with the step the daemon takes.
    public func scan(
        _ request: ScanBatchRequest, state: inout ScanRetryState, time: @Sendable () -> String = Timestamp.now
    ) async -> (result: ScanBatchResult, step: ScanStep) {
        var request = request
        request.limit = batchCommits
        request.workers = state.workers(configured: workers)
        let result = await runner.run(request)
        let step = policy.step(after: result, request: request, state: &state, time: time())
        return (result, step)
    }
}
