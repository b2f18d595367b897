import CGit2

/// The libgit2 version linked at run time, e.g. `1.5.1`.
public enum Libgit2Version {
    public static var current: String {
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
