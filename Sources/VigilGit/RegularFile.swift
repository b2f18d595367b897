#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens files of a repository that must be regular files, without ever blocking on one that is
/// not. `open()` of a FIFO for reading waits for a writer, for ever; reading a device such as
/// `/dev/zero` through a symlink never ends. So files are opened non-blocking and checked with
/// `fstat` before anything is read: a FIFO, socket, device or folder is an error naming it.
enum RegularFile {
    /// Why a file could not be opened.
    enum Failure: Error, Equatable {
        case missing
        /// It exists but is not a regular file; the text says what it is.
        case notRegular(String)
        case system(Int32)

        /// The failure in words, naming `path`.
        func message(_ path: String) -> String {
            switch self {
            case .missing: "no such file: \(path)"
            case .notRegular(let kind): "not a regular file (\(kind)): \(path)"
            case .system(let code): "\(String(lossyCString: strerror(code))): \(path)"
            }
        }
    }

    /// A read-only descriptor for the regular file at `path` (symlinks followed). The caller closes it.
    static func descriptor(_ path: UnsafePointer<CChar>) -> Result<Int32, Failure> {
        let file = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard file >= 0 else {
            let code = errno
            return .failure(code == ENOENT || code == ENOTDIR ? .missing : .system(code))
        }
        var info = stat()
        guard fstat(file, &info) == 0 else {
            let code = errno
            close(file)
            return .failure(.system(code))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(file)
            return .failure(.notRegular(kindName(info.st_mode)))
        }
        return .success(file)
    }

    static func descriptor(_ path: String) -> Result<Int32, Failure> {
        path.withCString { descriptor($0) }
    }

    /// The whole content of the regular file at `path`, when it holds at most `limit` bytes.
    static func contents(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        let file: Int32
        switch descriptor(path) {
        case .success(let opened): file = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { close(file) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.system(errno))
            }
            if count == 0 { return .success(result) }
            guard result.count + count <= limit else { return .failure(.system(EFBIG)) }
            result.append(contentsOf: buffer[0..<count])
        }
    }

    /// What is at `path`, following symlinks: `nil` when nothing is, or it cannot be looked at (a
    /// symlink that leads nowhere or in a circle, a folder this process may not enter), which
    /// the reader that opens it then reports.
    static func kind(of path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other(kindName(info.st_mode))
        }
    }

    /// What a path in a repository can be.
    enum Kind: Equatable {
        case regular
        case directory
        /// Anything a reader must not open: the text says what it is.
        case other(String)
    }

    private static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a folder"
        case S_IFLNK: "a symlink"
        default: "of an unknown kind"
        }
    }
}
