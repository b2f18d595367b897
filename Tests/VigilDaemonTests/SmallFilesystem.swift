import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A tiny tmpfs mounted on a fresh folder, to make writes fail for real with ENOSPC (the disk
/// full), and a filler file that takes its free space and gives it back.
final class SmallFilesystem {
    let path: String
    private var filler: String { path + "/filler" }

    /// Mounting needs CAP_SYS_ADMIN (root, as on the build hosts Vigil's tests run on).
    static var canMount: Bool { geteuid() == 0 }

    init(kibibytes: Int) throws {
        let folder = NSTemporaryDirectory() + "vigil-tmpfs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        guard mount("tmpfs", folder, "tmpfs", 0, "size=\(kibibytes)k,mode=0755") == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: folder)
            throw LogFixtureError("mount tmpfs on \(folder): \(reason)")
        }
        path = folder
    }

    /// Takes every free byte: the next write that needs a new page fails with ENOSPC.
    func fill() {
        let descriptor = open(filler, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0x2E, count: 512)
        while chunk.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Gives the space back.
    func free() {
        unlink(filler)
    }

    deinit {
        umount2(path, Int32(MNT_DETACH))
        rmdir(path)
    }
}
