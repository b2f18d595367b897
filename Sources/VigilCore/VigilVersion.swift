import VigilGit

/// Vigil's release version, and the libgit2 it runs on.
public enum VigilVersion {
    public static let string = "0.1.0"
    public static var libgit2: String { Libgit2Version.current }
}
