#if canImport(Glibc)
import Glibc
#endif

/// One daemon per state directory: an flock on `state_dir/daemon.lock`, held for the life of the
/// process (the kernel releases it however the process ends, SIGKILL included). Two daemons on one
/// queue would scan every repository twice and fight over ref progress; `rescan` and `vigil queue`
/// do not take this lock, since the queue and the log are safe to share.
public final class DaemonLock: Sendable {
    public static let fileName = "daemon.lock"
    private let descriptor: Int32

    public enum Failure: Error, CustomStringConvertible {
        case held(path: String, owner: String)
        case unusable(path: String, reason: String)

        public var description: String {
            switch self {
            case .held(let path, let owner):
                "another vigil run holds \(path)\(owner.isEmpty ? "" : " (pid \(owner))"); one daemon per state_dir"
            case .unusable(let path, let reason): "\(path) cannot be locked: \(reason)"
            }
        }
    }

    /// Takes the lock in `stateDirectory` (which must exist), without waiting.
    public init(stateDirectory: String) throws(Failure) {
        let path = stateDirectory + "/" + Self.fileName
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard opened >= 0 else { throw .unusable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            let owner = Self.owner(opened)
            close(opened)
            if reason == EWOULDBLOCK { throw .held(path: path, owner: owner) }
            throw .unusable(path: path, reason: String(cString: strerror(reason)))
        }
        descriptor = opened
        // The holder's pid, for the message another daemon prints.
        _ = ftruncate(opened, 0)
        var text = "\(getpid())\n"
        _ = text.withUTF8 { pwrite(opened, $0.baseAddress, $0.count, 0) }
    }

    deinit {
        close(descriptor)
    }

    /// The pid written by the holder: digits only, at most 20 of them, since the file is ours but
    /// the message goes to a terminal.
    private static func owner(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 32, 0) }
        guard count > 0 else { return "" }
        return String(decoding: buffer[..<count].prefix { (0x30...0x39).contains($0) }.prefix(20), as: UTF8.self)
    }
}
