/// Where a command's configuration comes from. Every command looks in the same order: `--config`,
/// then `$VIGIL_CONFIG`, then `/etc/vigil/vigil.toml` if it exists, then the built-in default.
public enum ConfigSource: Sendable, Hashable, CustomStringConvertible {
    /// A file named with `--config FILE`.
    case explicit(String)
    /// A file named by `$VIGIL_CONFIG`.
    case environment(String)
    /// The system-wide file, present on disk.
    case system(String)
    /// No file: `VigilConfig.builtInDefault`.
    case builtIn

    /// The file to read, or `nil` for the built-in default.
    public var path: String? {
        switch self {
        case .explicit(let path), .environment(let path), .system(let path): path
        case .builtIn: nil
        }
    }

    /// For logs and `vigil config check`: which file and why that one.
    public var description: String {
        switch self {
        case .explicit(let path): "\(path) (--config)"
        case .environment(let path): "\(path) ($\(ConfigLoader.environmentVariable))"
        case .system(let path): path
        case .builtIn: "built-in defaults (no config file)"
        }
    }
}
