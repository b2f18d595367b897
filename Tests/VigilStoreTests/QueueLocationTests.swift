import Testing
import VigilStore

@Test func queueFileIsInTheStateDirectory() {
    #expect(QueueLocation.path(stateDirectory: "/var/lib/vigil") == "/var/lib/vigil/queue.sqlite")
    #expect(QueueLocation.path(stateDirectory: "/var/lib/vigil/") == "/var/lib/vigil/queue.sqlite")
}
