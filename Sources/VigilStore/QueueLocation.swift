/// Where the queue lives: `queue.sqlite` in the configured `[daemon] state_dir`.
public enum QueueLocation {
    public static let fileName = "queue.sqlite"

    public static func path(stateDirectory: String) -> String {
        stateDirectory.hasSuffix("/") ? stateDirectory + fileName : stateDirectory + "/" + fileName
    }
}
