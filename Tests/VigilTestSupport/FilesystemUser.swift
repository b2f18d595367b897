import Foundation

/// Runs code with the permissions of an unprivileged user, so a test of "permission denied" means
/// something when the suite runs as root (root passes every permission check, and `access()` answers
/// for the real user id, so neither can be used).
///
/// On Linux, `setfsuid` changes the user that one thread's file accesses are checked as, and drops
/// root's file capabilities for that thread while it is not 0; the rest of the process is unaffected.
/// The body must be synchronous so that it stays on the calling thread.
public enum FilesystemUser {
    /// The conventional `nobody` user.
    public static let nobody: UInt32 = 65534

    private typealias SetFilesystemUser = @convention(c) (UInt32) -> Int32

    private static let setfsuid: SetFilesystemUser? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "setfsuid") else { return nil }
        return unsafeBitCast(symbol, to: SetFilesystemUser.self)
    }()

    /// True when a test can run code unprivileged: the process is not root, or it is root and can
    /// switch a thread's filesystem user.
    public static var canRunUnprivileged: Bool {
        geteuid() != 0 || setfsuid != nil
    }

    /// Runs `body` as `nobody` for file access when the process is root; as itself otherwise.
    public static func runUnprivileged<T>(_ body: () throws -> T) throws -> T {
        guard geteuid() == 0 else { return try body() }
        guard let setfsuid else { throw FixtureError(message: "setfsuid is not available") }
        _ = setfsuid(nobody)
        defer { _ = setfsuid(0) }
        guard setfsuid(UInt32.max) == Int32(bitPattern: nobody) else {
            throw FixtureError(message: "could not switch the filesystem user to \(nobody)")
        }
        return try body()
    }
}
