import Synchronization

/// A doorbell between tasks: `ring()` from anywhere, `wait(upTo:)` in one loop. Rings while nobody
/// waits are kept as one, so a loop never misses that there is work, and never spins on a backlog
/// of rings either.
public final class Wakeup: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, Never>
        /// The timeout's task, cancelled when the wait ends otherwise, so that early rings do not
        /// leave sleeping tasks behind.
        var timer: Task<Void, Never>?
    }

    private struct State {
        var pending = false
        var finished = false
        var waiter: Waiter?
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func ring() {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        Self.end(waiter)
    }

    /// Returns at the next ring (or one that came before), after `timeout`, when the task is
    /// cancelled or when `finish()` was called, whichever is first. One task waits at a time.
    public func wait(upTo timeout: Duration) async {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.pending || state.finished || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = Waiter(id: id, continuation: continuation)
                    return false
                }
                if now {
                    continuation.resume()
                    return
                }
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    self?.resume(id)
                }
                let ended = state.withLock { state -> Bool in
                    guard state.waiter?.id == id else { return true }
                    state.waiter?.timer = timer
                    return false
                }
                if ended { timer.cancel() }
            }
        } onCancel: {
            resume(id)
        }
    }

    /// Ends every wait for good (the service is stopping).
    public func finish() {
        let waiter = state.withLock { state -> Waiter? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        Self.end(waiter)
    }

    private func resume(_ id: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.waiter, waiter.id == id else { return nil }
            state.waiter = nil
            return waiter
        }
        Self.end(waiter)
    }

    private static func end(_ waiter: Waiter?) {
        waiter?.timer?.cancel()
        waiter?.continuation.resume()
    }
}
