import Dispatch
import Foundation
import Synchronization

/// Writes a run's output on a thread of its own, in the order it was handed over.
///
/// The scanner releases results in commit order under its workers' lock. Writing them there meant
/// a slow reader of standard output (a pager, a full pipe, a stalled daemon) held that lock and
/// stopped every worker. Results are handed over here instead, and one writer thread drains them.
///
/// The buffer between the two is bounded: at most `capacity` writes wait (one write is one
/// commit's alerts, errors and report). When it is full, handing over blocks, so the workers stop
/// only after running that far ahead of a stalled output, and memory stays bounded by it.
final class OrderedOutputWriter: Sendable {
    /// 1,024 commits' results: far more than the workers' in-flight batches, so a briefly slow
    /// output never stalls them, and small next to a history (a commit's result is its report and
    /// alerts, a few KiB).
    static let defaultCapacity = 1024

    let capacity: Int
    private let pending = Mutex<[Item]>([])
    private let freeSlots: DispatchSemaphore
    private let waiting = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    private enum Item {
        case write(@Sendable () -> Void)
        case end
    }

    init(capacity: Int = OrderedOutputWriter.defaultCapacity) {
        self.capacity = max(1, capacity)
        freeSlots = DispatchSemaphore(value: self.capacity)
        let thread = Thread { [self] in drain() }
        thread.name = "vigil-output"
        thread.start()
    }

    /// Queues one write; blocks while `capacity` writes are waiting.
    func write(_ body: @escaping @Sendable () -> Void) {
        hand(.write(body))
    }

    /// Waits until every write handed over has been done, then ends the writer thread. Call once,
    /// after the last `write`.
    func close() {
        hand(.end)
        finished.wait()
    }

    private func hand(_ item: Item) {
        freeSlots.wait()
        pending.withLock { $0.append(item) }
        waiting.signal()
    }

    private func drain() {
        while true {
            waiting.wait()
            // At most `capacity` items wait, so taking the first is cheap.
            let item = pending.withLock { $0.removeFirst() }
            freeSlots.signal()
            switch item {
            case .write(let body):
                body()
            case .end:
                finished.signal()
                return
            }
        }
    }
}
