import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Turns an `InotifyWatcher`'s events into wake-ups the daemon's poll loop can await: one
/// element each time a batch of events marked a repository (wake-ups that arrive while the loop
/// is busy coalesce into one).
///
/// Waiting for the inotify descriptor blocks, so it happens on a thread of its own rather than on
/// one of the few threads Swift's concurrency runs tasks on. `stop()` ends the thread and the
/// stream; call it before the watcher is dropped.
public final class InotifyWakeups: Sendable {
    public let wakeups: AsyncStream<Void>
    private let stopWriter: Int32
    private let thread: Mutex<pthread_t?>

    private final class Context: Sendable {
        let watcher: InotifyWatcher
        let stopReader: Int32
        let continuation: AsyncStream<Void>.Continuation

        init(watcher: InotifyWatcher, stopReader: Int32, continuation: AsyncStream<Void>.Continuation) {
            self.watcher = watcher
            self.stopReader = stopReader
            self.continuation = continuation
        }

        func run() {
            var descriptors = [
                pollfd(fd: watcher.fileDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: stopReader, events: Int16(POLLIN), revents: 0),
            ]
            while true {
                descriptors[0].revents = 0
                descriptors[1].revents = 0
                let ready = poll(&descriptors, 2, -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if descriptors[1].revents != 0 { break }
                if descriptors[0].revents != 0, watcher.drain() { continuation.yield(()) }
            }
            continuation.finish()
            close(stopReader)
        }
    }

    public init(watcher: InotifyWatcher) throws(InotifyWatcher.SetupError) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            throw InotifyWatcher.SetupError(description: "pipe: \(String(cString: strerror(errno)))")
        }
        // Not inherited by the children the daemon starts (Glibc's module does not export pipe2).
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakeups = stream
        stopWriter = pipeEnds[1]
        let context = Context(watcher: watcher, stopReader: pipeEnds[0], continuation: continuation)
        var handle = pthread_t()
        let created = pthread_create(
            &handle, nil,
            { raw in
                Unmanaged<Context>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, Unmanaged.passRetained(context).toOpaque())
        guard created == 0 else {
            close(pipeEnds[0])
            close(pipeEnds[1])
            continuation.finish()
            throw InotifyWatcher.SetupError(description: "pthread_create: \(String(cString: strerror(created)))")
        }
        thread = Mutex(handle)
    }

    /// Ends the waiting thread and the stream, and waits for the thread to exit.
    public func stop() {
        guard let handle = thread.withLock({ thread -> pthread_t? in
            defer { thread = nil }
            return thread
        }) else { return }
        var byte: UInt8 = 1
        _ = write(stopWriter, &byte, 1)
        pthread_join(handle, nil)
        close(stopWriter)
    }

    deinit {
        stop()
    }
}
