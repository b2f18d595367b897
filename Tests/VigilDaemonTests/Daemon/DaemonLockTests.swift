import Foundation
import Testing
import VigilTestSupport

@testable import VigilDaemon

@Suite struct DaemonLockTests {
    @Test func aSecondDaemonOnOneStateDirectoryIsRefusedWithTheHoldersPid() throws {
        let folder = try ScratchFolder()
        let first = try DaemonLock(stateDirectory: folder.path)
        #expect(throws: DaemonLock.Failure.self) { _ = try DaemonLock(stateDirectory: folder.path) }
        do {
            _ = try DaemonLock(stateDirectory: folder.path)
        } catch {
            #expect(error.description.contains("pid \(getpid())"), "\(error)")
        }
        withExtendedLifetime(first) {}
    }

    @Test func theLockIsFreeAgainOnceItsHolderIsGone() throws {
        let folder = try ScratchFolder()
        do { _ = try DaemonLock(stateDirectory: folder.path) }
        _ = try DaemonLock(stateDirectory: folder.path)
    }

    @Test func aLockFileThatIsASymlinkIsNotFollowed() throws {
        let folder = try ScratchFolder()
        let target = try folder.write("elsewhere", "precious\n")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/daemon.lock", withDestinationPath: target)
        #expect(throws: DaemonLock.Failure.self) { _ = try DaemonLock(stateDirectory: folder.path) }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
    }

    @Test func aMissingStateDirectoryIsReported() {
        #expect(throws: DaemonLock.Failure.self) { _ = try DaemonLock(stateDirectory: "/nonexistent/vigil-state") }
    }
}
