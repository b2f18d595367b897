import Testing

@testable import VigilDaemon

#if canImport(Glibc)
import Glibc
#endif

/// A child's data segment as the kernel reports it.
@Suite struct ChildMemoryTests {
    @Test func theDataSegmentIsReadFromProcStatus() {
        let status = "Name:\tvigil\nVmPeak:\t  9000 kB\nVmData:\t   2048 kB\nVmStk:\t 132 kB\n"
        #expect(ChildMemory.parseDataBytes(ArraySlice(status.utf8)) == 2 << 20)
        #expect(ChildMemory.parseDataBytes(ArraySlice("VmData:\t99999999999999999999 kB\n".utf8)) == nil)
        #expect(ChildMemory.parseDataBytes(ArraySlice("Name:\tzombie\n".utf8)) == nil)
    }

    @Test func aLiveProcessHasADataSegmentAndAMissingOneHasNone() {
        #expect((ChildMemory.dataBytes(pid: getpid()) ?? 0) > 0)
        #expect(ChildMemory.dataBytes(pid: -1) == nil)
    }
}
